"""A project's forecast finish follows the milestone that marks its completion.

One milestone a project may be marked `completion`; whenever its days change (forecast, baseline,
done) or it is marked, the project's forecast finish becomes its day (done, else forecast, else
baseline) at its precision, in the same unit of work and with its own audit entries (so an undo
of the milestone's change undoes the project's too). An officer who sets the project's forecast
finish by hand makes it explicit (`forecast_finish_explicit`): it then stays as set until cleared.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.store.model import Milestone, Project
from tracker.store.write.audit import AuditEntry, change_row, locked
from tracker.store.write.unit_of_work import table_of

FOLLOWED = ("baseline", "forecast", "done", "completion")
"""The milestone fields whose change moves the project's forecast finish."""


def explicit_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """A project change as an officer asks it: setting the forecast finish makes it explicit,
    clearing it lets the completion milestone lead again."""
    if "forecast_finish" not in changes or "forecast_finish_explicit" in changes:
        return dict(changes)
    return {**changes, "forecast_finish_explicit": changes["forecast_finish"] is not None}


def unmark_others(session: Session, project_id: int, keep: int, entry: AuditEntry) -> None:
    """Clear the completion mark of every other milestone of the project (one a project)."""
    table = table_of(Milestone)
    rows = (
        session.connection()
        .execute(
            locked(
                select(table).where(
                    table.c.project_id == project_id, table.c.completion, table.c.id != keep
                ),
                table,
            )
        )
        .mappings()
        .all()
    )
    for row in rows:
        change_row(session, table, row, {"completion": False}, None, entry)


def follow(session: Session, project_id: int, entry: AuditEntry) -> None:
    """Set the project's forecast finish from its completion milestone, unless it is explicit
    or the project has no completion milestone with a day."""
    projects, milestones = table_of(Project), table_of(Milestone)
    conn = session.connection()
    project = conn.execute(locked(select(projects).where(projects.c.id == project_id), projects))
    row = project.mappings().first()
    if row is None or row["forecast_finish_explicit"]:
        return
    mark = (
        conn.execute(
            select(milestones)
            .where(milestones.c.project_id == project_id, milestones.c.completion)
            .order_by(milestones.c.id)
            .limit(1)
        )
        .mappings()
        .first()
    )
    if mark is None:
        return
    for field in ("done", "forecast", "baseline"):
        if mark[field] is not None:
            changes = {
                "forecast_finish": mark[field],
                "forecast_finish_precision": mark[f"{field}_precision"] or "day",
            }
            change_row(session, projects, row, changes, None, entry)
            return
