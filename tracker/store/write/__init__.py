"""Every write: the service (unit of work, version check, audit), its bulk door."""
