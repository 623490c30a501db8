"""Build the TUI for a run of tracker, starting the dashboard's read before Textual is imported.

This module imports no Textual at import time: `tracker.cli.ui` (and the benchmark's probe)
call `app_for`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tracker.config.run import Settings
from tracker.tui.ledger import Ledger

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


def app_for(settings: Settings, **options: bool) -> TrackerApp:
    """The app on the configured database, language, user, day and alert thresholds.

    The dashboard's plain-SQL read starts in a thread first, so it overlaps the import of
    Textual; `options` go to the app (warm_writer, cursor_blink).
    """
    from tracker.config.settings_file import settings_for
    from tracker.store.opening import service
    from tracker.store.read.plainsql import PlainConnection

    found = settings_for(settings)
    thresholds, rate_targets = found.alerts, found.rates.start_targets
    ledger = Ledger(partial(PlainConnection, settings.db_url), partial(service, settings))
    ledger.prefetch_dashboard(settings.today)
    from tracker.tui.app import TrackerApp

    return TrackerApp(
        ledger=ledger,
        today=lambda: settings.today,
        lang=settings.lang,
        thresholds=thresholds,
        rate_targets=rate_targets,
        **options,
    )
