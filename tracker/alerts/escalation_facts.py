"""The escalation ladder's facts, read in plain SQL, and the steps due today (issue #17).

The status cycles come from the status updates of the weeks the ladder looks back on, the
overdue milestones from the alerts (the one answer to what is overdue), the instruments issued
from the ledger; tracker/alerts/escalation.py decides.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.alerts.escalation import DueStep, due_steps, weekly_cycles
from tracker.alerts.facts import load_alerts
from tracker.alerts.rules import Alert, ProjectRef
from tracker.store.read.escalation_reads import ledger, status_updates

if TYPE_CHECKING:
    from tracker.config.escalation_ladder import Rung
    from tracker.config.settings_file import AlertThresholds
    from tracker.store.read.plainsql import PlainConnection


def load_due_steps(
    conn: PlainConnection,
    today: date,
    ladder: tuple[Rung, ...],
    thresholds: AlertThresholds,
    *,
    lang: str = "en",
    project: str | None = None,
) -> list[DueStep]:
    """The step of the ladder each project (or the one with code `project`) calls for today."""
    weeks = max((t.weeks for rung in ladder for t in rung.when), default=1)
    updates = status_updates(conn, today, weeks, project)
    refs = {row["code"]: ProjectRef(row["code"], row["name"], row["name_en"]) for row in updates}
    overdue: dict[str, list[Alert]] = {}
    if any(t.overdue_days is not None for rung in ladder for t in rung.when):
        for alert in load_alerts(conn, today, thresholds, lang=lang, project=project):
            if alert.rule == "overdue":
                overdue.setdefault(alert.project, []).append(alert)
                refs.setdefault(
                    alert.project,
                    ProjectRef(alert.project, alert.project_name, alert.project_name_en),
                )
    issued: dict[str, list[tuple[str, date]]] = {}
    for row in ledger(conn, project):
        issued.setdefault(row["code"], []).append((row["step"], row["issued_on"]))
    return due_steps(ladder, refs, weekly_cycles(updates), overdue, issued, today, lang)
