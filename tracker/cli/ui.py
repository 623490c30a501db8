"""Opening the terminal UI (bare `tracker`, `tracker demo`): the only place Textual is imported."""

from __future__ import annotations

from tracker.config.run import Settings


def open_ui(settings: Settings) -> int:
    """Run the full-screen UI on the configured database until the user quits."""
    from tracker.store.migrate import ensure_current

    ensure_current(settings.db_url)
    from tracker.tui.launch import app_for

    app_for(settings).run()
    return 0
