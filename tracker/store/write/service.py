"""Every write to the portfolio: one unit of work, a version check, and an audit entry per field.

The CLI, the TUI and the importers call this and nothing lower. A write names the version it was
based on (`expected_version`); when the record has moved on since, the write is refused with a
ConflictError that says who changed it, when, and what it holds now.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, RowMapping, Table, delete, func
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel, col, select

from tracker.core.dates import Deadline
from tracker.core.errors import InputError, NotFoundError
from tracker.store.engine import unit_of_work
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
from tracker.store.write.audit import AuditEntry, change_row, locked, locked_version
from tracker.store.write.audit import audit_text as audit_text

Record = TypeVar("Record", bound=SQLModel)
CREATED = "created"
DELETED = "deleted"
_RECORD_TYPES: dict[str, type[Any]] = {
    "project": Project,
    "milestone": Milestone,
    "investment_plan": InvestmentPlan,
    "investment_report": InvestmentReport,
    "status_update": StatusUpdate,
    "problem": Problem,
}


def utc_now() -> datetime:
    """The real clock; tests inject their own."""
    return datetime.now(UTC)


def deadline_fields(name: str, deadline: Deadline | None) -> dict[str, Any]:
    """The two columns (`name`, `name_precision`) that hold one deadline."""
    if deadline is None:
        return {name: None, f"{name}_precision": None}
    return {name: deadline.due, f"{name}_precision": deadline.precision.value}


class Service:
    """The portfolio's writes, made as `user`, timed by `clock`."""

    def __init__(
        self, engine: Engine, *, user: str, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.engine = engine
        self.user = user
        self.clock = clock
        self._recorders = threading.local()

    @contextmanager
    def recording(self) -> Iterator[list[int]]:
        """The ids of the audit entries that this thread's writes inside the block committed, in
        order (what an undo of those writes reverts); a write that fails adds none."""
        ids: list[int] = []
        outer = getattr(self._recorders, "ids", None)
        self._recorders.ids = ids
        try:
            yield ids
        finally:
            self._recorders.ids = outer
            if outer is not None:
                outer.extend(ids)

    def _note(self, ids: list[int]) -> None:
        pending = getattr(self._recorders, "pending", None)
        if pending is not None:
            pending.extend(ids)

    # -- reading what a write needs -------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work on the engine."""
        pending: list[int] = []
        outer = getattr(self._recorders, "pending", None)
        self._recorders.pending = pending
        try:
            with unit_of_work(self.engine) as session:
                yield session
        finally:
            self._recorders.pending = outer
        recording = getattr(self._recorders, "ids", None)
        if recording is not None:  # committed: the entries are there for good
            recording.extend(pending)

    def project(self, session: Session, code: str) -> Project:
        """The project with this code, or NotFoundError."""
        project = session.exec(select(Project).where(Project.code == code)).first()
        if project is None:
            raise NotFoundError("project", code, "the code of an existing project")
        return project

    def milestone(self, session: Session, project: Project, ref: str | int) -> Milestone:
        """A project's milestone by its id or its name (Chinese or English)."""
        query = select(Milestone).where(Milestone.project_id == project.id)
        text = str(ref).strip()
        if text.isdigit():
            found = session.exec(query.where(Milestone.id == int(text))).first()
            if found is not None:
                return found
        found = session.exec(
            query.where((Milestone.name == text) | (Milestone.name_en == text))
        ).first()
        if found is None:
            raise NotFoundError(
                "milestone", ref, "the id or name of a milestone of {code}", code=project.code
            )
        return found

    def codes(self) -> set[str]:
        """The codes of every project."""
        with Session(self.engine) as session:
            return set(session.exec(select(Project.code)).all())

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
        """Change fields of a project."""
        _check_project_fields(changes)
        with self.session() as session:
            project = self.project(session, code)
            return self._update(session, project, code, changes, expected_version)

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
        from tracker.core.project_types import check_type

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
    ) -> Milestone:
        """Add a milestone to a project; its name must be new within the project."""
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
                **deadline_fields("baseline", baseline),
                **deadline_fields("forecast", forecast),
                **deadline_fields("done", done),
            )
            self._insert(session, milestone, code, name)
            return milestone

    def update_milestone(
        self,
        code: str,
        ref: str | int,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> list[Change]:
        """Change fields of a milestone (done, forecast, owner, …)."""
        with self.session() as session:
            row = self._milestone_row(session, code, ref)
            entry = self._entry(code)
            return change_row(session, _table(Milestone), row, changes, expected_version, entry)[1]

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

    # -- undo -------------------------------------------------------------------------------

    def revert(self, change_ids: list[int]) -> list[Change]:
        """Undo the given changes (newest first), leaving new audit entries that say so."""
        undone: list[Change] = []
        with self.session() as session:
            changes = session.exec(
                select(Change).where(col(Change.id).in_(change_ids)).order_by(col(Change.id).desc())
            ).all()
            # Every row the undo touches is locked first, in one order (table, then id): two
            # undos over the same records then queue instead of deadlocking on PostgreSQL.
            touched = {(c.record, c.record_id) for c in changes if c.record_id is not None}
            for record, record_id in sorted(touched):
                locked_version(session, _table(_RECORD_TYPES[record]), record_id)
            for change in changes:
                undone.extend(self._revert_one(session, change))
        return undone

    def _revert_one(self, session: Session, change: Change) -> list[Change]:
        model = _RECORD_TYPES[change.record]
        record = session.get(model, change.record_id)
        if record is None:
            return []
        if change.field == CREATED:
            session.execute(delete(model).where(model.id == change.record_id))
            return [
                self._log(
                    session,
                    self.clock(),
                    change.project_code,
                    change.record,
                    change.record_id,
                    DELETED,
                    change.new,
                    None,
                )
            ]
        column = model.__table__.columns[change.field]
        old = _from_audit_text(column.type.python_type, change.old)
        return self._update(session, record, change.project_code, {change.field: old}, None)

    # -- the mechanism ----------------------------------------------------------------------

    def _insert(self, session: Session, record: SQLModel, code: str | None, label: str) -> None:
        session.add(record)
        session.flush()
        at = self.clock()
        self._log(session, at, code, _record_name(record), record.id, CREATED, None, label)  # type: ignore[attr-defined]

    def _update(
        self,
        session: Session,
        record: Record,
        code: str | None,
        changes: Mapping[str, Any],
        expected_version: int | None,
    ) -> list[Change]:
        table = _table(record)
        self._locked(session, record)
        row = {column.name: getattr(record, column.name) for column in table.columns}
        values, written = change_row(
            session, table, row, changes, expected_version, self._entry(code)
        )
        if values:
            for field, value in {**values, "version": row["version"] + 1}.items():
                set_committed_value(record, field, value)  # what the row now holds; no reload
        return written

    def _milestone_row(self, session: Session, code: str, ref: str | int) -> RowMapping:
        """A project's milestone (by id or name) as a row, locked: one query, no ORM object."""
        projects, milestones = _table(Project), _table(Milestone)
        query = locked(
            core_select(milestones)
            .join(projects, projects.c.id == milestones.c.project_id)
            .where(projects.c.code == code),
            milestones,
        )
        text = str(ref).strip()
        conn = session.connection()
        found = None
        if text.isdigit():
            found = conn.execute(query.where(milestones.c.id == int(text))).mappings().first()
        if found is None:
            named = (milestones.c.name == text) | (milestones.c.name_en == text)
            found = (
                conn.execute(query.where(named).order_by(milestones.c.id).limit(1))
                .mappings()
                .first()
            )
        if found is None:
            project = self.project(session, code)
            raise NotFoundError(
                "milestone", ref, "the id or name of a milestone of {code}", code=project.code
            )
        return found

    @staticmethod
    def _locked(session: Session, record: Record) -> Record:
        """The record, its row locked until the transaction ends (see tracker.store.write.audit)."""
        table = _table(record)
        version = locked_version(session, table, record.id)  # type: ignore[attr-defined]
        if version is None:
            raise NotFoundError(table.name, record.id, "a record nobody has deleted meanwhile")  # type: ignore[attr-defined]
        if version != record.version:  # type: ignore[attr-defined]
            session.refresh(record)
        return record

    def _entry(self, code: str | None) -> AuditEntry:
        return AuditEntry(self.user, code, self.clock, self._note)

    def _log(
        self,
        session: Session,
        at: datetime,
        code: str | None,
        record: str,
        record_id: int | None,
        field: str,
        old: object,
        new: object,
    ) -> Change:
        entry = AuditEntry(self.user, code, lambda: at, self._note)
        [change] = entry.write(session, record, record_id, [(field, old, new)])
        return change


def _pk(record: Project) -> int:
    if record.id is None:
        raise RuntimeError("a project must be saved before records can refer to it")
    return record.id


def _record_name(record: SQLModel) -> str:
    return str(record.__tablename__)


def _table(record: SQLModel | type[SQLModel]) -> Table:
    """The table behind a record (or a model), for Core statements."""
    return record.__table__  # type: ignore[union-attr]


def _check_amount(field: str, cents: int | None) -> None:
    if cents is not None and cents < 0:
        raise InputError(field, cents, "an amount of zero or more")


def _check_project_fields(fields: Mapping[str, Any]) -> None:
    if "stage" in fields and fields["stage"] not in {s.value for s in Stage}:
        raise InputError("stage", fields["stage"], ", ".join(s.value for s in Stage))
    if "code" in fields and not str(fields["code"]).strip():
        raise InputError("code", fields["code"], "a short unique project code")
    _check_amount("total investment", fields.get("total_investment_cents"))


def _from_audit_text(kind: type, text: str | None) -> Any:
    if text is None:
        return None
    if kind is date:
        return date.fromisoformat(text)
    if kind is bool:
        return text == "true"
    if kind is int:
        return int(text)
    return text
