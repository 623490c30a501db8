"""Where the database lives, the settings file, the office's time zone: what a run is told."""
