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

from tracker.config.run import has_control
from tracker.core.dates import Deadline
from tracker.core.errors import InputError, NotFoundError
from tracker.core.project_types import check_type
from tracker.store.model import (
    CATEGORIES,
    Change,
    InvestmentPlan,
    InvestmentReport,
    Light,
    Problem,
    Project,
    Stage,
    StatusUpdate,
)
from tracker.store.write import completion
from tracker.store.write.approval_writes import ApprovalWrites
from tracker.store.write.meeting_writes import MeetingWrites
from tracker.store.write.milestone_writes import deadline_fields
from tracker.store.write.steering_writes import check_problem_type

__all__ = ["Service", "deadline_fields"]


class Service(MeetingWrites, ApprovalWrites):
    """The portfolio's writes, made as `user`, timed by `clock`, each in one unit of work."""

    # -- projects ---------------------------------------------------------------------------

    def create_project(self, fields: Mapping[str, Any]) -> Project:
        """Add a project; its code must be new."""
        _check_project_fields(fields)
        code = fields["code"]
        if self.grant is not None:
            self.grant.refuse_project(code, fields.get("unit"))
        try:
            with self.session() as session:
                taken = select(Project.id).where(func.lower(Project.code) == code.lower())
                if session.exec(taken).first():
                    raise InputError("code", code, "a code no other project has")
                self.record_organisations(session, fields)
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
            self.record_organisations(session, changes)
            written = self._update(session, project, project.code, changes, expected_version)
            if changes.get("forecast_finish_explicit") is False:
                completion.follow(session, _pk(project), self._entry(project.code))
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

    # -- status, investment, problems -------------------------------------------------------

    def add_status(
        self, code: str, light: Light, narrative: str, *, on: date, illustrative: bool = False
    ) -> StatusUpdate:
        """Add a dated status update with its light and narrative; not dated after today."""
        self.not_after_today("--on", on)
        with self.session() as session:
            project = self.project(session, code)
            code = project.code
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
        return self.record_month(
            code,
            year,
            month,
            amount_cents,
            funds_in_place_cents=funds_in_place_cents,
            illustrative=illustrative,
        )[0]

    def record_month(
        self,
        code: str,
        year: int,
        month: int,
        amount_cents: int | None,
        *,
        funds_in_place_cents: int | KeepType | None = None,
        illustrative: bool = False,
    ) -> tuple[InvestmentReport, dict[str, int | None] | None]:
        """Record (or correct) one month's completed investment and funds in place (`KEEP`
        leaves a recorded month's funds as they are); returns the report and, when the month
        was recorded already, what it held before (so a door can say what it overwrote)."""
        if not 1 <= month <= 12:
            raise InputError("month", month, "a month from 1 to 12")
        _check_amount("amount", amount_cents)
        if not isinstance(funds_in_place_cents, KeepType):
            _check_amount("funds in place", funds_in_place_cents)
        with self.session() as session:
            project = self._locked(session, self.project(session, code))
            code = project.code
            report = session.exec(
                select(InvestmentReport).where(
                    InvestmentReport.project_id == project.id,
                    InvestmentReport.year == year,
                    InvestmentReport.month == month,
                )
            ).first()
            if report is not None:
                before = {
                    "amount_cents": report.amount_cents,
                    "funds_in_place_cents": report.funds_in_place_cents,
                }
                values: dict[str, Any] = {"amount_cents": amount_cents}
                if not isinstance(funds_in_place_cents, KeepType):
                    values["funds_in_place_cents"] = funds_in_place_cents
                self._update(session, report, code, values, None)
                return report, before
            report = InvestmentReport(
                project_id=_pk(project),
                year=year,
                month=month,
                amount_cents=amount_cents,
                funds_in_place_cents=None
                if isinstance(funds_in_place_cents, KeepType)
                else funds_in_place_cents,
                illustrative=illustrative,
            )
            self._insert(session, report, code, f"{year}-{month:02d}")
            return report, None

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
            code = project.code
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
        kind: str | None = None,
        level: str | None = None,
    ) -> Problem:
        """Record a problem (存在问题) with its owner, resolution deadline, kind and level."""
        if not description.strip():
            raise InputError("description", description, "what the problem is")
        check_problem_type(kind, level)
        with self.session() as session:
            project = self.project(session, code)
            code = project.code
            problem = Problem(
                project_id=_pk(project),
                description=description.strip(),
                owner=owner,
                illustrative=illustrative,
                kind=kind,
                level=level,
                **deadline_fields("due", due),
            )
            self._insert(session, problem, code, problem.description)
            return problem

    def resolve_problem(
        self, code: str, problem_id: int, on: date, *, expected_version: int | None = None
    ) -> list[Change]:
        """Mark a problem resolved on a day (not after today); refused when it is resolved
        already, naming the day."""
        self.not_after_today("--on", on)
        with self.session() as session:
            project = self.project(session, code)
            code = project.code
            problem = session.get(Problem, problem_id)
            if problem is None or problem.project_id != project.id:
                raise NotFoundError(
                    "problem", problem_id, "the id of a problem of {code}", code=code
                )
            if problem.resolved is not None:
                raise InputError(
                    "problem",
                    problem_id,
                    "an open problem: it was resolved on {resolved}",
                    resolved=problem.resolved.isoformat(),
                )
            return self._update(session, problem, code, {"resolved": on}, expected_version)


class KeepType:
    """The type of `KEEP`: leave a field as it is recorded."""


KEEP = KeepType()


def _pk(record: Project) -> int:
    if record.id is None:
        raise RuntimeError("a project must be saved before records can refer to it")
    return record.id


def _check_amount(field: str, cents: int | None) -> None:
    if cents is not None and cents < 0:
        raise InputError(field, cents, "an amount of zero or more")


def _check_project_fields(fields: Mapping[str, Any]) -> None:
    if "category" in fields and fields["category"] not in CATEGORIES:
        raise InputError("category", fields["category"], ", ".join(CATEGORIES))
    if "name" in fields and not str(fields["name"] or "").strip():
        raise InputError("name", fields["name"], "the project's name")
    if "stage" in fields and fields["stage"] not in {s.value for s in Stage}:
        raise InputError("stage", fields["stage"], ", ".join(s.value for s in Stage))
    if "code" in fields and not str(fields["code"]).strip():
        raise InputError("code", fields["code"], "a short unique project code")
    for name in ("code", "name", "name_en", "unit", "officer", "owner_org"):
        if has_control(str(fields.get(name) or "")):
            raise InputError(name, fields[name], "a name without control characters")
    _check_amount("total investment", fields.get("total_investment_cents"))
