"""Opening the terminal UI (bare `tracker`, `tracker demo`)."""

from __future__ import annotations

from tracker.config import Settings


def open_ui(settings: Settings) -> int:
    """Show the portfolio; the full-screen UI replaces this once it lands."""
    from tracker.commands import reader
    from tracker.commands.projects import print_table
    from tracker.portfolio import portfolio

    with reader(settings) as conn:
        print_table(portfolio(conn, settings.today), settings.lang)
    return 0
