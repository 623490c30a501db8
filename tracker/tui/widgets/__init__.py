"""Widgets of the terminal UI: the portfolio table, the alerts panel, the timeline."""
