"""How one record's fields change: lock the row, check the version, update, leave audit entries.

The Service calls this for every change of an existing record. Statements are SQLAlchemy Core
on the session's connection, so a write costs few round trips. On PostgreSQL the row is locked
(FOR NO KEY UPDATE) before it is compared, so two officers' writes to one record queue: a blind
write is applied after the other one and records the right old value; a write based on a stale
version is refused with a ConflictError that says who changed the record, when, and to what.
SQLite needs no lock: BEGIN IMMEDIATE already lets one writer in at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, Table, insert, select, update
from sqlmodel import Session

from tracker.core.errors import ConflictError
from tracker.i18n.catalogue import N_, Named, Word
from tracker.store.model import Change

CHANGES: Table = Change.__table__  # type: ignore[attr-defined]


def audit_text(value: object) -> str | None:
    """How a value is written into the audit trail."""
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def locked(query: Select[Any], table: Table) -> Select[Any]:
    """`query` locking the rows of `table` it reads until the transaction ends."""
    return query.with_for_update(of=table, key_share=True)


def locked_version(session: Session, table: Table, record_id: int) -> int | None:
    """Lock one row and read its version (None when the row is gone)."""
    query = locked(select(table.c.version).where(table.c.id == record_id), table)
    return session.connection().execute(query).scalar_one_or_none()


def change_row(
    session: Session,
    table: Table,
    row: Mapping[Any, Any],
    changes: Mapping[str, Any],
    expected_version: int | None,
    entry: AuditEntry,
) -> tuple[dict[str, Any], list[Change]]:
    """Write the fields of `changes` that differ from the locked `row`; returns the values
    written and their audit entries. Refuses a stale `expected_version` with ConflictError."""
    base_version = row["version"] if expected_version is None else expected_version
    if base_version != row["version"]:
        raise conflict(session, table.name, row, entry.code)
    values = {field: value for field, value in changes.items() if row[field] != value}
    if not values:
        return {}, []
    result = session.connection().execute(
        update(table)
        .where(table.c.id == row["id"], table.c.version == base_version)
        .values(**values, version=table.c.version + 1)
    )
    if result.rowcount != 1:
        raise conflict(session, table.name, row, entry.code)
    fields = [(field, row[field], value) for field, value in values.items()]
    return values, entry.write(session, table.name, row["id"], fields)


class AuditEntry:
    """Who writes about which project, and the clock that times the write."""

    def __init__(
        self,
        user: str,
        code: str | None,
        clock: Callable[[], datetime],
        noted: Callable[[list[int]], None] | None = None,
        reverts: int | None = None,
    ) -> None:
        self.user = user
        self.code = code
        self.clock = clock
        self.noted = noted
        self.reverts = reverts
        """The entry these undo, named in each of them (None: an ordinary write)."""
        """Told the ids of the entries each write makes (Service.recording collects them)."""

    def write(
        self,
        session: Session,
        record: str,
        record_id: int | None,
        fields: list[tuple[str, object, object]],
    ) -> list[Change]:
        """One audit entry per (field, old, new), all at one moment, in one statement."""
        at = self.clock()
        rows: list[dict[str, Any]] = [
            {
                "at": at,
                "author": self.user,
                "project_code": self.code,
                "record": record,
                "record_id": record_id,
                "field": field,
                "old": audit_text(old),
                "new": audit_text(new),
                "reverts": self.reverts,
            }
            for field, old, new in fields
        ]
        ids = session.connection().execute(
            insert(CHANGES).returning(CHANGES.c.id, sort_by_parameter_order=True), rows
        )
        written = [
            Change(id=change_id, **row) for change_id, row in zip(ids.scalars(), rows, strict=True)
        ]
        if self.noted is not None:
            self.noted([change.id for change in written if change.id is not None])
        return written


def office_moment(at: datetime) -> str:
    """An audit moment as a conflict names it: in the office's time zone, the zone named."""
    from tracker.config.office_time import time_zone

    tz = time_zone(None)
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)
    return f"{aware.astimezone(tz):%Y-%m-%d %H:%M} ({getattr(tz, 'key', tz)})"


def conflict(
    session: Session, record: str, row: Mapping[Any, Any], code: str | None
) -> ConflictError:
    """The refusal of a stale write: who last changed the record, when, and what it holds now."""
    latest = (
        session.connection()
        .execute(
            select(CHANGES)
            .where(CHANGES.c.record == record, CHANGES.c.record_id == row["id"])
            .order_by(CHANGES.c.id.desc())
            .limit(20)
        )
        .mappings()
        .all()
    )
    last_write = [
        c for c in latest if c["at"] == latest[0]["at"] and c["author"] == latest[0]["author"]
    ]
    label = Named(row.get("name") or row.get("description") or "", row.get("name_en"))
    if not last_write:
        return ConflictError(
            "{record} {label!r} of {code} was changed by someone: "
            "your change was not saved; reload and try again",
            record=Word(record),
            label=label,
            code=code,
        )
    return ConflictError(
        "{record} {label!r} of {code} was changed by {author} at {at}; now {now}: "
        "your change was not saved; reload and try again",
        record=Word(record),
        label=label,
        code=code,
        author=last_write[0]["author"],
        at=office_moment(last_write[0]["at"]),
        now=", ".join(f"{c['field']} = {c['new'] or '—'}" for c in reversed(last_write)),
    )


# The records a conflict can name, as message ids (the `record` of ConflictError).
RECORD_WORDS = (
    N_("project"),
    N_("milestone"),
    N_("problem"),
    N_("investment_plan"),
    N_("investment_report"),
    N_("status_update"),
)
