"""A milestone's writes: add, move, mark done (once), change or reopen a done date, rename and
remove (audited and undoable through `revert`).

A real completion date is a recorded fact: `mark_done` refuses a milestone that is done
already, naming the day; changing that day is `set_done`, taking it back `reopen`. No done day
may be after today (the service's injected `today`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import RowMapping, delete, func
from sqlmodel import Session, select

from tracker.core.dates import Deadline
from tracker.core.errors import InputError
from tracker.store.model import Change, Milestone
from tracker.store.write import completion
from tracker.store.write.audit import change_row
from tracker.store.write.unit_of_work import UnitOfWork, snapshot, table_of


def deadline_fields(name: str, deadline: Deadline | None) -> dict[str, Any]:
    """The two columns (`name`, `name_precision`) that hold one deadline."""
    if deadline is None:
        return {name: None, f"{name}_precision": None}
    return {name: deadline.due, f"{name}_precision": deadline.precision.value}


class MilestoneWrites(UnitOfWork):
    """The writes of milestones (Service inherits them)."""

    def add_milestone(
        self,
        code: str,
        name: str,
        *,
        baseline: Deadline | None = None,
        forecast: Deadline | None = None,
        done: Deadline | None = None,
        owner: str | None = None,
        lead_days: int | None = None,
        note: str | None = None,
        name_en: str | None = None,
        illustrative: bool = False,
        marks_completion: bool = False,
    ) -> Milestone:
        """Add a milestone to a project; its name must be new within the project.
        `marks_completion`: the forecast finish follows it (see tracker.store.write.completion)."""
        name = name.strip()
        if not name:
            raise InputError("name", name, "a milestone name")
        if lead_days is not None and not 0 <= lead_days <= 3650:
            raise InputError("--lead", lead_days, "a lead time of 0 to 3650 days")
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            code = project.code
            self._name_free(session, project.id, code, name)
            position = session.exec(
                select(func.count()).where(Milestone.project_id == project.id)
            ).one()
            if project.id is None:
                raise RuntimeError("a project must be saved before records can refer to it")
            milestone = Milestone(
                project_id=project.id,
                name=name,
                name_en=name_en,
                position=position,
                owner=owner,
                lead_days=lead_days,
                note=note,
                illustrative=illustrative,
                completion=marks_completion,
                **deadline_fields("baseline", baseline),
                **deadline_fields("forecast", forecast),
                **deadline_fields("done", done),
            )
            self._insert(session, milestone, code, name)
            if marks_completion:
                entry = self._entry(code)
                completion.unmark_others(session, project.id, milestone.id or 0, entry)
                completion.follow(session, project.id, entry)
            return milestone

    def update_milestone(
        self,
        code: str,
        ref: str | int,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> list[Change]:
        """Change fields of a milestone (forecast, owner, …); `completion: True` marks it as the
        project's completion milestone (the project's forecast finish follows it)."""
        with self.session() as session:
            row, code = self._milestone_row(session, code, ref)
            return self._change_milestone(session, row, code, changes, expected_version)

    def mark_done(
        self, code: str, ref: str | int, on: date, *, expected_version: int | None = None
    ) -> list[Change]:
        """Record the day a milestone was done; refused when it is done on another day already
        (naming the day: changing it is `set_done`, taking it back `reopen`; the same day again
        changes nothing) or when `on` is after today."""
        self.not_after_today("--on", on)
        with self.session() as session:
            row, code = self._milestone_row(session, code, ref)
            if row["done"] is not None and row["done"] != on:
                raise InputError(
                    "milestone",
                    row["name"],
                    "a milestone not yet done: it was done on {done} "
                    "(to change that day: milestone set --done; to undo it: milestone reopen)",
                    done=row["done"].isoformat(),
                )
            changes = {"done": on, "done_precision": "day"}
            return self._change_milestone(session, row, code, changes, expected_version)

    def set_done(
        self, code: str, ref: str | int, on: date, *, expected_version: int | None = None
    ) -> list[Change]:
        """Change (or set) the day a milestone was done, explicitly; not after today."""
        self.not_after_today("--done", on)
        return self.update_milestone(
            code, ref, {"done": on, "done_precision": "day"}, expected_version=expected_version
        )

    def reopen(
        self, code: str, ref: str | int, *, expected_version: int | None = None
    ) -> list[Change]:
        """Take back a milestone's done day: it is open again (no change when it is open)."""
        return self.update_milestone(
            code, ref, {"done": None, "done_precision": None}, expected_version=expected_version
        )

    def set_forecast(
        self,
        code: str,
        ref: str | int,
        forecast: Deadline | None,
        *,
        expected_version: int | None = None,
    ) -> list[Change]:
        """Move a milestone's forecast (None clears it, so the baseline counts again)."""
        return self.update_milestone(
            code, ref, deadline_fields("forecast", forecast), expected_version=expected_version
        )

    def rename_milestone(
        self,
        code: str,
        ref: str | int,
        name: str | None,
        *,
        name_en: str | None = None,
        expected_version: int | None = None,
    ) -> list[Change]:
        """Give a milestone a new Chinese name (new within its project) and/or English name."""
        changes: dict[str, Any] = {}
        with self.session() as session:
            row, code = self._milestone_row(session, code, ref)
            if name is not None:
                name = name.strip()
                if not name:
                    raise InputError("name", name, "a milestone name")
                if name != row["name"]:
                    self._name_free(session, row["project_id"], code, name)
                changes["name"] = name
            if name_en is not None:
                changes["name_en"] = name_en.strip() or None
            return self._change_milestone(session, row, code, changes, expected_version)

    def remove_milestone(
        self, code: str, ref: str | int, *, expected_version: int | None = None
    ) -> list[Change]:
        """Remove a milestone; its audit entry keeps the whole record, so `revert` restores it."""
        with self.session() as session:
            row, code = self._milestone_row(session, code, ref)
            if expected_version is not None and expected_version != row["version"]:
                from tracker.store.write.audit import conflict

                raise conflict(session, "milestone", row, code)
            table = table_of(Milestone)
            session.connection().execute(delete(table).where(table.c.id == row["id"]))
            return [
                self._log(
                    session,
                    self.clock(),
                    code,
                    "milestone",
                    row["id"],
                    "deleted",
                    snapshot(row, table),
                    None,
                )
            ]

    # -- the mechanism ----------------------------------------------------------------------

    def _change_milestone(
        self,
        session: Session,
        row: RowMapping,
        code: str,
        changes: Mapping[str, Any],
        expected_version: int | None,
    ) -> list[Change]:
        table, entry = table_of(Milestone), self._entry(code)
        values, written = change_row(session, table, row, changes, expected_version, entry)
        if values.get("completion"):
            completion.unmark_others(session, row["project_id"], row["id"], entry)
        if (row["completion"] or values.get("completion")) and set(values) & set(
            completion.FOLLOWED
        ):
            completion.follow(session, row["project_id"], entry)
        return written

    @staticmethod
    def _name_free(session: Session, project_id: int | None, code: str, name: str) -> None:
        taken = session.exec(
            select(Milestone.id).where(Milestone.project_id == project_id, Milestone.name == name)
        ).first()
        if taken:
            raise InputError("name", name, "a name no other milestone of {code} has", code=code)
