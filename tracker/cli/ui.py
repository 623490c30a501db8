"""Opening the terminal UI (bare `tracker`, `tracker demo`): the only place Textual is imported."""

from __future__ import annotations

import os

from tracker.config.run import Settings


def open_ui(settings: Settings, *, debug: bool | None = None) -> int:
    """Run the full-screen UI on the configured database until the user quits.

    The TUI's door has the CLI's guard: an error the app did not handle is raised again once
    the screen is restored, so `main` shows it as one line (exit 3) instead of Textual's
    traceback with its local variables (a database URL among them); `--debug` or
    TRACKER_DEBUG=1 keeps Textual's traceback too.
    """
    from tracker.store.migrate import ensure_current

    ensure_current(settings.db_url)
    from tracker.tui.launch import app_for

    if debug is None:
        debug = os.environ.get("TRACKER_DEBUG", "") not in ("", "0")
    app = app_for(settings)
    if not debug:
        # Textual prints the traceback it kept when it exits; the guard prints one line instead.
        app._print_error_renderables = app._exit_renderables.clear  # type: ignore[method-assign]
    app.run()
    error = getattr(app, "_exception", None)
    if error is not None:
        raise error
    return 0
