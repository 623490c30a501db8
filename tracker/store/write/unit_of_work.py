"""The unit of work under every write: a session, the audited insert and update with their
version check, the lookups a write starts from, and undo.

`Service` (service.py) builds the portfolio's writes on it; `recording` collects the ids of the
audit entries a block of writes committed, for the TUI's undo.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, RowMapping, Table, delete, insert
from sqlalchemy import select as core_select
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel, col, select

from tracker.core.codes import same_code, unknown_project
from tracker.core.errors import InputError, NotFoundError
from tracker.store.approval_model import APPROVAL_TABLES
from tracker.store.engine import unit_of_work
from tracker.store.escalation_model import ESCALATION_TABLES
from tracker.store.identity import Grant
from tracker.store.model import (
    Change,
    InvestmentPlan,
    InvestmentReport,
    Milestone,
    Problem,
    Project,
    StatusUpdate,
)
from tracker.store.steering_model import STEERING_TABLES
from tracker.store.write.audit import (
    AuditEntry,
    audit_text,
    change_row,
    locked,
    locked_version,
)

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
    **{table.__tablename__: table for table in STEERING_TABLES},  # type: ignore[misc]
    **{table.__tablename__: table for table in APPROVAL_TABLES},  # type: ignore[misc]
    **{table.__tablename__: table for table in ESCALATION_TABLES},  # type: ignore[misc]
}


def utc_now() -> datetime:
    """The real clock; tests inject their own."""
    return datetime.now(UTC)


class UnitOfWork:
    """Sessions and audited changes on `engine`, made as `user`, timed by `clock`."""

    def __init__(
        self,
        engine: Engine,
        *,
        user: str,
        clock: Callable[[], datetime] = utc_now,
        today: date | Callable[[], date] | None = None,
        grant: Grant | None = None,
    ) -> None:
        self.engine = engine
        self.user = user
        self.grant = grant
        """The login's role on a shared database (None: SQLite, or the owner's own tests):
        a write it may not make is refused in words before the database refuses it."""
        self.clock = clock
        self._today = today
        self._recorders = threading.local()

    def today(self) -> date:
        """The day the officer works on (injected: `--today`, the TUI's day); else the real one."""
        if self._today is None:
            return datetime.now(UTC).astimezone().date()
        return self._today if isinstance(self._today, date) else self._today()

    def not_after_today(self, field: str, day: date | None) -> None:
        """Refuse a day of a recorded fact (done, status, resolved) that is after today."""
        today = self.today()
        if day is not None and day > today:
            raise InputError(
                field, day.isoformat(), "a day not after today, {today}", today=today.isoformat()
            )

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
        """The project with this code (in any case), or NotFoundError naming the nearest codes."""
        project = session.exec(select(Project).where(Project.code == code)).first()
        if project is None:  # typed in another case, or not there at all
            codes = session.exec(select(Project.code)).all()
            found = same_code(code, codes)
            if found is None:
                raise unknown_project(code, codes)
            project = session.exec(select(Project).where(Project.code == found)).one()
        if self.grant is not None:
            self.grant.refuse_project(project.code, project.unit)
        return project

    def milestone(self, session: Session, project: Project, ref: str | int) -> Milestone:
        """A project's milestone by its id or its name (Chinese or English)."""
        query = select(Milestone).where(Milestone.project_id == project.id)
        text = str(ref).strip()
        if _row_id(text):
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
                locked_version(session, table_of(_RECORD_TYPES[record]), record_id)
            for change in changes:
                undone.extend(self._revert_one(session, change))
        return undone

    def _revert_one(self, session: Session, change: Change) -> list[Change]:
        model = _RECORD_TYPES[change.record]
        record = session.get(model, change.record_id)
        if record is None and change.field == DELETED and (change.old or "").startswith("{"):
            return [self._restore(session, model, change)]
        if record is None:
            return []
        if change.field == CREATED:
            # The entry keeps the whole record, as a removal's does, so a redo restores it.
            table = table_of(model)
            kept = snapshot({c.name: getattr(record, c.name) for c in table.columns}, table)
            session.execute(delete(model).where(model.id == change.record_id))
            return [
                self._log(
                    session,
                    self.clock(),
                    change.project_code,
                    change.record,
                    change.record_id,
                    DELETED,
                    kept,
                    None,
                    reverts=change.id,
                )
            ]
        column = model.__table__.columns[change.field]
        old = _from_audit_text(column.type.python_type, change.old)
        return self._update(
            session, record, change.project_code, {change.field: old}, None, reverts=change.id
        )

    def _restore(self, session: Session, model: type[Any], change: Change) -> Change:
        """Put back a removed record as its removal's audit entry kept it."""
        table = table_of(model)
        kept = json.loads(change.old or "{}")
        values = {
            column.name: _from_audit_text(column.type.python_type, kept.get(column.name))
            for column in table.columns
            if column.name in kept
        }
        session.connection().execute(insert(table).values(**values))
        label = values.get("name") or values.get("description") or ""
        return self._log(
            session,
            self.clock(),
            change.project_code,
            change.record,
            change.record_id,
            CREATED,
            None,
            label,
            reverts=change.id,
        )

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
        *,
        reverts: int | None = None,
    ) -> list[Change]:
        table = table_of(record)
        self._locked(session, record)
        row = {column.name: getattr(record, column.name) for column in table.columns}
        values, written = change_row(
            session, table, row, changes, expected_version, self._entry(code, reverts)
        )
        if values:
            for field, value in {**values, "version": row["version"] + 1}.items():
                set_committed_value(record, field, value)  # what the row now holds; no reload
        return written

    def _milestone_row(self, session: Session, code: str, ref: str | int) -> tuple[RowMapping, str]:
        """A project's milestone (by id or name) as a row, locked, with the project's code as
        stored (the code may be typed in any case): one query when it is, no ORM object."""
        found = self._milestone_by_code(session, code, ref)
        if found is not None:
            if self.grant is not None:
                projects = table_of(Project)
                unit = session.connection().execute(
                    core_select(projects.c.unit).where(projects.c.id == found["project_id"])
                )
                self.grant.refuse_project(code, unit.scalar_one_or_none())
            return found, code
        project = self.project(session, code)
        found = self._milestone_by_code(session, project.code, ref)
        if found is None:
            raise NotFoundError(
                "milestone", ref, "the id or name of a milestone of {code}", code=project.code
            )
        return found, project.code

    def _milestone_by_code(self, session: Session, code: str, ref: str | int) -> RowMapping | None:
        projects, milestones = table_of(Project), table_of(Milestone)
        query = locked(
            core_select(milestones)
            .join(projects, projects.c.id == milestones.c.project_id)
            .where(projects.c.code == code),
            milestones,
        )
        text = str(ref).strip()
        conn = session.connection()
        found = None
        if _row_id(text):
            found = conn.execute(query.where(milestones.c.id == int(text))).mappings().first()
        if found is None:
            named = (milestones.c.name == text) | (milestones.c.name_en == text)
            found = (
                conn.execute(query.where(named).order_by(milestones.c.id).limit(1))
                .mappings()
                .first()
            )
        return found

    @staticmethod
    def _locked(session: Session, record: Record) -> Record:
        """The record, its row locked until the transaction ends (see tracker.store.write.audit)."""
        table = table_of(record)
        version = locked_version(session, table, record.id)  # type: ignore[attr-defined]
        if version is None:
            raise NotFoundError(table.name, record.id, "a record nobody has deleted meanwhile")  # type: ignore[attr-defined]
        if version != record.version:  # type: ignore[attr-defined]
            session.refresh(record)
        return record

    def _entry(self, code: str | None, reverts: int | None = None) -> AuditEntry:
        return AuditEntry(self.user, code, self.clock, self._note, reverts)

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
        *,
        reverts: int | None = None,
    ) -> Change:
        entry = AuditEntry(self.user, code, lambda: at, self._note, reverts)
        [change] = entry.write(session, record, record_id, [(field, old, new)])
        return change


def snapshot(row: Mapping[Any, Any], table: Table) -> str:
    """A whole row as the audit trail keeps a removed record (JSON of its audit texts)."""
    return json.dumps(
        {column.name: audit_text(row[column.name]) for column in table.columns},
        ensure_ascii=False,
        sort_keys=True,
    )


def _record_name(record: SQLModel) -> str:
    return str(record.__tablename__)


def table_of(record: SQLModel | type[SQLModel]) -> Table:
    """The table behind a record (or a model), for Core statements."""
    return record.__table__  # type: ignore[union-attr]


def _row_id(text: str) -> bool:
    """Whether `text` can be a row id: ASCII digits that fit a 64-bit integer."""
    return text.isascii() and text.isdigit() and len(text) <= 18


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
