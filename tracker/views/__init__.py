"""The portfolio as plain data in the stable JSON contract, shared by the CLI, TUI and reports."""
