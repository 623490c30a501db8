"""The service's bulk door: many records written in one transaction, with their audit entries.

Importers and benchmarks hand over plain data (dicts keyed by the model's column names, money in
integer minor units, a deadline as its day plus `<name>_precision`). Everything is written with
SQLAlchemy Core executemany, never ORM objects one by one, and every record created or field
changed leaves the same audit entries a single write through `Service` would: one `created`
entry per new record, one entry per changed field (old -> new). All of it is one transaction on
SQLite and on PostgreSQL: either every record is written or none is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, bindparam, func, insert, select, update
from sqlmodel import SQLModel

from tracker.core.errors import ConflictError
from tracker.i18n.catalogue import Word
from tracker.store.model import Change
from tracker.store.write.audit import audit_text
from tracker.store.write.bulk_organisations import named_organisations, record_missing
from tracker.store.write.unit_of_work import CREATED

CHILD_TABLES = (
    "milestone",
    "status_update",
    "investment_plan",
    "investment_report",
    "problem",
    "approval_item",
    "programme_membership",
)
TABLES: dict[str, Table] = {
    name: SQLModel.metadata.tables[name] for name in ("project", *CHILD_TABLES)
}
_BATCH = 20_000
CHANGES: Table = Change.__table__  # type: ignore[attr-defined]
AUDIT_COLUMNS = ("at", "author", "project_code", "record", "record_id", "field", "old", "new")
AuditRow = tuple[Any, str, str, str, int, str, str | None, str | None]
_Row = TypeVar("_Row")


@dataclass
class NewProject:
    """A project to create, with the records that belong to it (keyed by table name)."""

    fields: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class NewChild:
    """A record to add to a project that already exists."""

    table: str
    project_id: int
    code: str
    fields: dict[str, Any]


@dataclass
class FieldChanges:
    """Changed fields of one existing record, based on the version it was read at."""

    table: str
    record_id: int
    code: str
    version: int
    changes: dict[str, tuple[Any, Any]]


@dataclass
class Plan:
    """Everything one bulk write does."""

    new_projects: list[NewProject] = field(default_factory=list)
    new_children: list[NewChild] = field(default_factory=list)
    updates: list[FieldChanges] = field(default_factory=list)
    recorded: list[tuple[str, int, str]] = field(default_factory=list)
    """Records inserted before the plan was made (the leaders a sheet names): (table, id,
    label), whose `created` audit entries the write adds."""

    def is_empty(self) -> bool:
        """True when the plan writes nothing."""
        return not (self.new_projects or self.new_children or self.updates)


@dataclass(frozen=True)
class Written:
    """How many records a bulk write created and changed, and the audit entries it left."""

    created: dict[str, int]
    changed: dict[str, int]
    audit_entries: int


def created_label(table: str, fields: dict[str, Any]) -> str:
    """What the `created` audit entry of a record says (as Service writes it)."""
    if table == "project":
        return str(fields["name"])
    if table == "milestone":
        return str(fields["name"])
    if table == "status_update":
        return f"{fields['light']}: {fields.get('narrative', '')}"
    if table == "investment_plan":
        return str(fields["year"])
    if table == "investment_report":
        return f"{fields['year']}-{fields['month']:02d}"
    if table == "approval_item":
        return str(fields["name"])
    if table == "programme_membership":
        return f"{fields['programme']} {fields['year']}"
    return str(fields["description"])


def _full_rows(table: Table, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with every column given (defaults filled in), as executemany needs."""
    defaults = _defaults(table)
    return [{**defaults, **row} for row in rows]


def _defaults(table: Table) -> dict[str, Any]:
    """Every column but the id with its default (a new record's version is 1)."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key:
            continue
        default = column.default
        defaults[column.name] = getattr(default, "arg", None) if default is not None else None
    defaults["version"] = 1
    return defaults


def _insert_returning_ids(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in order and return their new ids.

    SQLite's write lock (BEGIN IMMEDIATE) is held, so the rows take the ids after the highest
    one, in order: a plain executemany is several times faster than RETURNING there. Elsewhere
    the ids come back from RETURNING, in the order of the rows.
    """
    if conn.dialect.name == "sqlite":
        first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        for chunk in _chunks(rows):
            _executemany(conn, table, chunk)
        last = conn.execute(select(func.max(table.c.id))).scalar()
        if last == first + len(rows) - 1:
            return list(range(first, first + len(rows)))
        raise RuntimeError(f"{table.name} ids were not assigned in order")
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    for chunk in _chunks(rows):
        ids.extend(conn.execute(statement, list(chunk)).scalars().all())
    return ids


def _executemany(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows through the driver's executemany with the Core statement compiled once.

    Core's per-row parameter handling costs more than the insert itself at 200,000 rows; the
    columns' own bind processors are applied here instead, so values are stored exactly as
    Core would store them.
    """
    if not rows:
        return
    dialect = conn.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    processors = {
        key: table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys
    }
    order = list(compiled.positiontup or []) if compiled.positional else keys
    getter = itemgetter(*order)
    # Dates repeat down a long sheet: each distinct value is converted once per column.
    convert: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
        (i, processor, {}) for i, key in enumerate(order) if (processor := processors[key])
    ]
    params: list[Any] = []
    for row in rows:
        values = list(getter(row)) if len(order) > 1 else [getter(row)]
        for i, process, stored in convert:
            value = values[i]
            if value is not None:
                found = stored.get(value)
                if found is None:
                    found = stored[value] = process(value)
                values[i] = found
        params.append(
            tuple(values) if compiled.positional else dict(zip(order, values, strict=True))
        )
    conn.exec_driver_sql(compiled.string, params)


def _chunks(rows: Sequence[_Row]) -> Iterable[Sequence[_Row]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


def _insert_audit(conn: Connection, entries: list[AuditRow]) -> None:
    """Insert audit entries (tuples in AUDIT_COLUMNS order, values already as stored)."""
    if not entries:
        return
    compiled = insert(CHANGES).compile(dialect=conn.dialect, column_keys=list(AUDIT_COLUMNS))
    if compiled.positional:
        order = [AUDIT_COLUMNS.index(key) for key in compiled.positiontup or []]
        if order != list(range(len(AUDIT_COLUMNS))):
            getter = itemgetter(*order)
            entries = [getter(entry) for entry in entries]
        for chunk in _chunks(entries):
            conn.exec_driver_sql(compiled.string, list(chunk))
        return
    for chunk in _chunks(entries):
        params = [dict(zip(AUDIT_COLUMNS, entry, strict=True)) for entry in chunk]
        conn.exec_driver_sql(compiled.string, params)


def _stored_at(conn: Connection, at: datetime) -> Any:
    """The audit time as the driver is handed it (as Core's bind processor would convert it)."""
    dialect = conn.dialect
    process = CHANGES.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    return process(at) if process else at


class BulkWriter:
    """Writes a Plan in one transaction as `user`, with audit entries timed by `clock`."""

    def __init__(self, engine: Engine, *, user: str, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.user = user
        self.clock = clock

    def write(self, plan: Plan, progress: Callable[[int], None] | None = None) -> Written:
        """Write the plan; raises ConflictError (nothing written) if a record moved meanwhile."""
        with self.engine.begin() as conn:
            return self.write_in(conn, plan, progress)

    def write_in(
        self, conn: Connection, plan: Plan, progress: Callable[[int], None] | None = None
    ) -> Written:
        """Write the plan inside a transaction the caller holds open."""
        at = _stored_at(conn, self.clock())
        audit: list[AuditRow] = []
        created: dict[str, int] = defaultdict(int)
        changed: dict[str, int] = defaultdict(int)
        tick = progress or (lambda _n: None)

        # The organisations the projects name (issue #16) are recorded before they are named.
        for org_id, name in record_missing(
            conn,
            named_organisations(
                (p.fields for p in plan.new_projects),
                (u.changes for u in plan.updates if u.table == "project"),
            ),
        ):
            audit.append((at, self.user, None, "organisation", org_id, CREATED, None, name))  # type: ignore[arg-type]
            created["organisation"] += 1
        for table_name, record_id, label in plan.recorded:
            audit.append((at, self.user, None, table_name, record_id, CREATED, None, label))  # type: ignore[arg-type]
            created[table_name] += 1
        ids = self._insert_projects(conn, plan.new_projects, at, audit)
        created["project"] += len(ids)
        tick(len(ids))
        children: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        defaults = {name: _defaults(TABLES[name]) for name in CHILD_TABLES}
        for project, project_id in zip(plan.new_projects, ids, strict=True):
            code = project.fields["code"]
            for table, rows in project.children.items():
                base = defaults[table]
                children[table].extend(
                    (code, {**base, **row, "project_id": project_id}) for row in rows
                )
        for child in plan.new_children:
            children[child.table].append(
                (
                    child.code,
                    {**defaults[child.table], **child.fields, "project_id": child.project_id},
                )
            )
        for table in CHILD_TABLES:
            count = self._insert_children(conn, table, children.get(table, []), at, audit)
            created[table] += count
            tick(count)
        for table, count in self._update(conn, plan.updates, at, audit).items():
            changed[table] += count
        _insert_audit(conn, audit)
        tick(len(plan.updates))
        return Written(dict(created), dict(changed), len(audit))

    def _entry(
        self,
        at: Any,
        code: str,
        table: str,
        record_id: int,
        name: str,
        old: object,
        new: object,
    ) -> AuditRow:
        return (at, self.user, code, table, record_id, name, audit_text(old), audit_text(new))

    def _insert_projects(
        self,
        conn: Connection,
        projects: list[NewProject],
        at: Any,
        audit: list[AuditRow],
    ) -> list[int]:
        if not projects:
            return []
        table = TABLES["project"]
        rows = _full_rows(table, (p.fields for p in projects))
        for chunk in _chunks(rows):
            _executemany(conn, table, chunk)
        codes = [row["code"] for row in rows]
        found = dict(
            conn.execute(select(table.c.code, table.c.id).where(table.c.code.in_(codes))).all()
            if len(codes) <= 1000
            else conn.execute(select(table.c.code, table.c.id)).all()
        )
        ids = [found[code] for code in codes]
        audit.extend(
            self._entry(at, row["code"], "project", pid, CREATED, None, row["name"])
            for row, pid in zip(rows, ids, strict=True)
        )
        return ids

    def _insert_children(
        self,
        conn: Connection,
        name: str,
        entries: list[tuple[str, dict[str, Any]]],
        at: Any,
        audit: list[AuditRow],
    ) -> int:
        if not entries:
            return 0
        table = TABLES[name]
        rows = [row for _code, row in entries]
        ids = _insert_returning_ids(conn, table, rows)
        audit.extend(
            self._entry(at, code, name, rid, CREATED, None, created_label(name, row))
            for (code, _), row, rid in zip(entries, rows, ids, strict=True)
        )
        return len(rows)

    def _update(
        self,
        conn: Connection,
        updates: list[FieldChanges],
        at: Any,
        audit: list[AuditRow],
    ) -> dict[str, int]:
        groups: dict[tuple[str, tuple[str, ...]], list[FieldChanges]] = defaultdict(list)
        for item in updates:
            if item.changes:
                groups[(item.table, tuple(sorted(item.changes)))].append(item)
        counts: dict[str, int] = defaultdict(int)
        for (name, fields), items in groups.items():
            table = TABLES[name]
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"))
                .values(
                    {**{f: bindparam(f"_new_{f}") for f in fields}, "version": table.c.version + 1}
                )
            )
            params = [
                {
                    "_id": item.record_id,
                    "_version": item.version,
                    **{f"_new_{f}": item.changes[f][1] for f in fields},
                }
                for item in items
            ]
            result = conn.execute(statement, params)
            if result.rowcount != len(items):
                raise ConflictError(
                    "some {records} records changed while importing (another officer's write): "
                    "nothing was imported; run the import again",
                    records=Word(name),
                )
            counts[name] += len(items)
            audit.extend(
                self._entry(at, item.code, name, item.record_id, f, *item.changes[f])
                for item in items
                for f in fields
            )
        return counts
