"""Every write to the portfolio: one unit of work, a version check, and an audit entry per field.

The CLI, the TUI and the importers call this and nothing lower. A write names the version it was
based on (`expected_version`); when the record has moved on since, the write is refused with a
ConflictError that says who changed it, when, and what it holds now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from tracker.core.dates import Deadline
from tracker.core.errors import InputError, NotFoundError
from tracker.core.project_types import check_type
from tracker.store.model import (
    Change,
    InvestmentPlan,
    InvestmentReport,
    Light,
    Milestone,
    Problem,
    Project,
    Stage,
    StatusUpdate,
)
from tracker.store.write import completion
from tracker.store.write.audit import change_row
from tracker.store.write.unit_of_work import UnitOfWork, table_of


def deadline_fields(name: str, deadline: Deadline | None) -> dict[str, Any]:
    """The two columns (`name`, `name_precision`) that hold one deadline."""
    if deadline is None:
        return {name: None, f"{name}_precision": None}
    return {name: deadline.due, f"{name}_precision": deadline.precision.value}


class Service(UnitOfWork):
    """The portfolio's writes, made as `user`, timed by `clock`, each in one unit of work."""

    # -- projects ---------------------------------------------------------------------------

    def create_project(self, fields: Mapping[str, Any]) -> Project:
        """Add a project; its code must be new."""
        _check_project_fields(fields)
        code = fields["code"]
        try:
            with self.session() as session:
                if session.exec(select(Project.id).where(Project.code == code)).first():
                    raise InputError("code", code, "a code no other project has")
                project = Project(**fields)
                self._insert(session, project, code, project.name)
                return project
        except IntegrityError:  # another officer added the same code at the same moment
            raise InputError("code", code, "a code no other project has") from None

    def update_project(
        self, code: str, changes: Mapping[str, Any], *, expected_version: int | None = None
    ) -> list[Change]:
        """Change fields of a project; setting its forecast finish makes it explicit (it no longer
        follows the completion milestone), clearing it lets the milestone lead again."""
        _check_project_fields(changes)
        changes = completion.explicit_fields(changes)
        with self.session() as session:
            project = self.project(session, code)
            written = self._update(session, project, code, changes, expected_version)
            if changes.get("forecast_finish_explicit") is False:
                completion.follow(session, _pk(project), self._entry(code))
            return written

    def override_light(
        self, code: str, light: Light | None, reason: str | None, *, on: date
    ) -> list[Change]:
        """Set (or, with None, clear) the officer's override of a project's light."""
        if light is not None and not (reason or "").strip():
            raise InputError("--reason", reason or "", "why the light is overridden")
        changes = {
            "light_override": None if light is None else light.value,
            "light_override_reason": reason if light else None,
            "light_override_by": self.user if light else None,
            "light_override_on": on if light else None,
        }
        return self.update_project(code, changes)

    def set_project_type(
        self, code: str, project_type: str | None, *, expected_version: int | None = None
    ) -> list[Change]:
        """Set a project's Green Book type (None: back to its category's default)."""
        if project_type is not None:
            check_type(project_type)
        return self.update_project(
            code, {"project_type": project_type}, expected_version=expected_version
        )

    # -- milestones -------------------------------------------------------------------------

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
            taken = session.exec(
                select(Milestone.id).where(
                    Milestone.project_id == project.id, Milestone.name == name
                )
            ).first()
            if taken:
                raise InputError("name", name, "a name no other milestone of {code} has", code=code)
            position = session.exec(
                select(func.count()).where(Milestone.project_id == project.id)
            ).one()
            milestone = Milestone(
                project_id=_pk(project),
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
                completion.unmark_others(session, _pk(project), milestone.id or 0, entry)
                completion.follow(session, _pk(project), entry)
            return milestone

    def update_milestone(
        self,
        code: str,
        ref: str | int,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> list[Change]:
        """Change fields of a milestone (done, forecast, owner, …); `completion: True` marks it
        as the project's completion milestone (the project's forecast finish follows it)."""
        with self.session() as session:
            row = self._milestone_row(session, code, ref)
            entry = self._entry(code)
            table = table_of(Milestone)
            values, written = change_row(session, table, row, changes, expected_version, entry)
            if values.get("completion"):
                completion.unmark_others(session, row["project_id"], row["id"], entry)
            if (row["completion"] or values.get("completion")) and set(values) & set(
                completion.FOLLOWED
            ):
                completion.follow(session, row["project_id"], entry)
            return written

    def mark_done(
        self, code: str, ref: str | int, on: date, *, expected_version: int | None = None
    ) -> list[Change]:
        """Record the day a milestone was done."""
        return self.update_milestone(
            code, ref, {"done": on, "done_precision": "day"}, expected_version=expected_version
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

    # -- status, investment, problems -------------------------------------------------------

    def add_status(
        self, code: str, light: Light, narrative: str, *, on: date, illustrative: bool = False
    ) -> StatusUpdate:
        """Add a dated status update with its light and narrative."""
        with self.session() as session:
            project = self.project(session, code)
            status = StatusUpdate(
                project_id=_pk(project),
                reported_on=on,
                light=Light(light).value,
                narrative=narrative.strip(),
                author=self.user,
                illustrative=illustrative,
            )
            self._insert(session, status, code, f"{status.light}: {status.narrative}")
            return status

    def record_investment(
        self,
        code: str,
        year: int,
        month: int,
        amount_cents: int | None,
        *,
        funds_in_place_cents: int | None = None,
        illustrative: bool = False,
    ) -> InvestmentReport:
        """Record (or correct) the investment completed in one month."""
        if not 1 <= month <= 12:
            raise InputError("month", month, "a month from 1 to 12")
        _check_amount("amount", amount_cents)
        _check_amount("funds in place", funds_in_place_cents)
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            report = session.exec(
                select(InvestmentReport).where(
                    InvestmentReport.project_id == project.id,
                    InvestmentReport.year == year,
                    InvestmentReport.month == month,
                )
            ).first()
            values: dict[str, Any] = {
                "amount_cents": amount_cents,
                "funds_in_place_cents": funds_in_place_cents,
            }
            if report is not None:
                self._update(session, report, code, values, None)
                return report
            report = InvestmentReport(
                project_id=_pk(project),
                year=year,
                month=month,
                amount_cents=amount_cents,
                funds_in_place_cents=funds_in_place_cents,
                illustrative=illustrative,
            )
            self._insert(session, report, code, f"{year}-{month:02d}")
            return report

    def set_plan(
        self,
        code: str,
        year: int,
        planned_cents: int | None,
        *,
        progress_target: str | None = None,
        illustrative: bool = False,
    ) -> InvestmentPlan:
        """Set a year's planned investment and physical-progress target."""
        _check_amount("planned amount", planned_cents)
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            plan = session.exec(
                select(InvestmentPlan).where(
                    InvestmentPlan.project_id == project.id, InvestmentPlan.year == year
                )
            ).first()
            values: dict[str, Any] = {
                "planned_cents": planned_cents,
                "progress_target": progress_target,
            }
            if plan is not None:
                self._update(session, plan, code, values, None)
                return plan
            plan = InvestmentPlan(
                project_id=_pk(project),
                year=year,
                planned_cents=planned_cents,
                progress_target=progress_target,
                illustrative=illustrative,
            )
            self._insert(session, plan, code, str(year))
            return plan

    def add_problem(
        self,
        code: str,
        description: str,
        *,
        owner: str | None = None,
        due: Deadline | None = None,
        illustrative: bool = False,
    ) -> Problem:
        """Record a problem (存在问题) with its owner and resolution deadline."""
        if not description.strip():
            raise InputError("description", description, "what the problem is")
        with self.session() as session:
            project = self.project(session, code)
            problem = Problem(
                project_id=_pk(project),
                description=description.strip(),
                owner=owner,
                illustrative=illustrative,
                **deadline_fields("due", due),
            )
            self._insert(session, problem, code, problem.description)
            return problem

    def resolve_problem(
        self, code: str, problem_id: int, on: date, *, expected_version: int | None = None
    ) -> list[Change]:
        """Mark a problem resolved on a day."""
        with self.session() as session:
            project = self.project(session, code)
            problem = session.get(Problem, problem_id)
            if problem is None or problem.project_id != project.id:
                raise NotFoundError(
                    "problem", problem_id, "the id of a problem of {code}", code=code
                )
            return self._update(session, problem, code, {"resolved": on}, expected_version)


def _pk(record: Project) -> int:
    if record.id is None:
        raise RuntimeError("a project must be saved before records can refer to it")
    return record.id


def _check_amount(field: str, cents: int | None) -> None:
    if cents is not None and cents < 0:
        raise InputError(field, cents, "an amount of zero or more")


def _check_project_fields(fields: Mapping[str, Any]) -> None:
    if "stage" in fields and fields["stage"] not in {s.value for s in Stage}:
        raise InputError("stage", fields["stage"], ", ".join(s.value for s in Stage))
    if "code" in fields and not str(fields["code"]).strip():
        raise InputError("code", fields["code"], "a short unique project code")
    _check_amount("total investment", fields.get("total_investment_cents"))
