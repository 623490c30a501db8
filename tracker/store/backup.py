"""Backup and restore: a consistent copy of the whole database, and back again.

A backup is always an SQLite file in tracker's own schema, so it is itself a tracker database
(`tracker --db FILE projects` reads it). From SQLite it is made with SQLite's backup API, which
copies every page inside one read transaction while other officers keep writing; from
PostgreSQL every table is read inside one REPEATABLE READ, READ ONLY transaction (one snapshot)
and written into a new SQLite file. Either way the file is written under a temporary name and
renamed into place only when complete, so a failed backup never leaves half a file.

A restore copies a backup into an empty database, SQLite or PostgreSQL, in one transaction,
keeping every id: the content is identical, audit trail included. A backup made by an older
tracker is upgraded first, in a temporary copy. Restoring an SQLite backup into PostgreSQL is
how an office moves its file to a shared database.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, exc, func, insert, make_url, select, text

from tracker.config.run import sqlite_path
from tracker.core.errors import InputError
from tracker.core.leftovers import remove_stale
from tracker.store.chain import SELECT_CHAIN, first_broken
from tracker.store.engine import make_engine
from tracker.store.migrate import check_revision, ensure_current, private_file, upgrade
from tracker.store.schema import HEAD
from tracker.store.trust import audit_triggers

Progress = Callable[[str, int], None]
"""Told the table being copied and how many of its rows are copied so far."""

BACKUP_FILE = "a backup file written by `tracker backup`"
_BATCH = 2_000
_SKIPPED = ("alembic_version", "backup_seal")
"""Not copied row by row; `backup_seal` is the backup's record of its trail's last link."""


def backup(url: str, target: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write a consistent copy of the database at `url` to `target`; rows per table."""
    target = _checked_target(target, url)
    ensure_current(url)
    remove_stale(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    private_file(partial)
    try:
        source = sqlite_path(url)
        if source is not None:
            _copy_sqlite_file(source, partial)
        else:
            _dump_postgresql(url, partial, progress or _silent)
        _seal(partial)
        counts = row_counts(partial)
        _durably_rename(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return counts


def restore(source: Path, url: str, progress: Progress | None = None) -> dict[str, int]:
    """Copy the backup `source` into the empty database at `url`; rows per table."""
    revision = backup_revision(source)
    check_revision(revision)
    with tempfile.TemporaryDirectory(prefix="tracker-restore-") as scratch:
        copy = Path(scratch) / "backup.db"
        _copy_sqlite_file(source, copy)
        copy_url = f"sqlite:///{copy}"
        if revision != HEAD:
            upgrade(copy_url)
        _refuse_unless_whole(source, copy)
        upgrade(url)
        source_engine, target_engine = make_engine(copy_url), make_engine(url)
        try:
            with source_engine.connect() as reading, target_engine.begin() as writing:
                _hold_tables(writing)
                _refuse_unless_empty(writing, url)
                shared = writing.dialect.name == "postgresql"
                if shared:  # the copied trail is complete: no entries for the copying
                    audit_triggers(writing, enabled=False)
                copied = _copy_tables(reading, writing, progress or _silent)
                if shared:
                    audit_triggers(writing, enabled=True)
                    _continue_sequences(writing)
        finally:
            source_engine.dispose()
            target_engine.dispose()
    return copied


def backup_revision(path: Path) -> str:
    """The schema revision a backup file was written at; InputError if it is no backup."""
    if not path.is_file():
        raise InputError("FILE", str(path), BACKUP_FILE)
    try:
        with closing_sqlite(f"file:{path}?mode=ro") as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise InputError("FILE", str(path), BACKUP_FILE) from None
    if row is None:
        raise InputError("FILE", str(path), BACKUP_FILE)
    return str(row[0])


def row_counts(path: Path) -> dict[str, int]:
    """How many rows each table of an SQLite tracker file holds."""
    with closing_sqlite(f"file:{path}?mode=ro") as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name not in _SKIPPED
        ]
        return {
            name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names
        }


@contextmanager
def closing_sqlite(uri: str) -> Iterator[sqlite3.Connection]:
    """An sqlite3 connection by URI, closed (not merely committed) when the block ends."""
    conn = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        yield conn
    finally:
        conn.close()


def tables_of(conn: Connection) -> list[Table]:
    """The database's own tables, parents before children (from the database, not the model)."""
    metadata = MetaData()
    with warnings.catch_warnings():  # expression indexes are not needed to copy rows
        warnings.simplefilter("ignore", exc.SAWarning)
        metadata.reflect(bind=conn)
    return [table for table in metadata.sorted_tables if table.name not in _SKIPPED]


def portable(value: Any) -> Any:
    """A value as both databases store it alike: moments in UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def _seal(partial: Path) -> None:
    """Record the trail's last entry and hash in the backup, so a shortened trail shows."""
    with closing_sqlite(str(partial)) as conn:
        conn.execute("CREATE TABLE backup_seal (last_id INTEGER, last_hash TEXT)")
        conn.execute(
            "INSERT INTO backup_seal SELECT MAX(id), "
            "(SELECT hash FROM change ORDER BY id DESC LIMIT 1) FROM change"
        )
        conn.commit()


def _refuse_unless_whole(source: Path, copy: Path) -> None:
    """Refuse a backup whose audit trail does not verify, or ends before its seal says."""
    with closing_sqlite(f"file:{copy}?mode=ro") as conn:
        broken = first_broken(conn.execute(SELECT_CHAIN))
        last = conn.execute("SELECT id, hash FROM change ORDER BY id DESC LIMIT 1").fetchone()
        sealed = (
            conn.execute("SELECT name FROM sqlite_master WHERE name = 'backup_seal'").fetchone()
            and conn.execute("SELECT last_id, last_hash FROM backup_seal").fetchone()
        )
    if broken is None and sealed and tuple(sealed) != (tuple(last) if last else (None, None)):
        broken = int(sealed[0] or 0)
    if broken is not None:
        raise InputError(
            "FILE",
            str(source),
            "a backup whose audit trail verifies (it breaks at entry {id})",
            id=broken,
        )


def _silent(_table: str, _rows: int) -> None:
    """No progress to show."""


def _checked_target(target: Path, url: str) -> Path:
    target = target.expanduser().absolute()
    if target.is_dir() or not target.parent.is_dir():
        raise InputError("FILE", str(target), "a file name in an existing directory")
    source = sqlite_path(url)
    if source is not None and source.exists() and target.exists() and source.samefile(target):
        raise InputError("FILE", str(target), "a file other than the database itself")
    return target


def _copy_sqlite_file(source: Path, copy: Path) -> None:
    """SQLite's backup API: every page, from one consistent read; the copy keeps no WAL."""
    with closing_sqlite(f"file:{source}?mode=ro") as reading, closing_sqlite(str(copy)) as writing:
        reading.backup(writing)
        writing.execute("PRAGMA journal_mode=DELETE")


def _dump_postgresql(url: str, partial: Path, progress: Progress) -> None:
    """Every table of one REPEATABLE READ snapshot into a new SQLite file of the same schema."""
    partial_url = f"sqlite:///{partial}"
    upgrade(partial_url)
    source_engine, target_engine = make_engine(url), make_engine(partial_url)
    try:
        with source_engine.connect() as conn:
            snapshot = conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with snapshot.begin(), target_engine.begin() as writing:
                _copy_tables(snapshot, writing, progress)
    finally:
        source_engine.dispose()
        target_engine.dispose()
    with closing_sqlite(str(partial)) as finished:  # one self-contained file, no WAL beside it
        finished.execute("PRAGMA journal_mode=DELETE")


def _copy_tables(reading: Connection, writing: Connection, progress: Progress) -> dict[str, int]:
    """Every row of every table, ids kept; returns rows copied per table."""
    targets = {table.name: table for table in tables_of(writing)}
    copied: dict[str, int] = {}
    for table in tables_of(reading):
        target = targets.get(table.name)
        if target is None:
            raise InputError(
                "FILE", table.name, "only tables of tracker's schema {HEAD}", HEAD=HEAD
            )
        columns = [table.c[column.name] for column in target.columns]
        rows = reading.execution_options(yield_per=_BATCH).execute(
            select(*columns).order_by(*table.primary_key.columns)
        )
        copied[table.name] = 0
        for part in rows.partitions():
            writing.execute(
                insert(target), [{k: portable(v) for k, v in row._mapping.items()} for row in part]
            )
            copied[table.name] += len(part)
            progress(table.name, copied[table.name])
    return copied


def _hold_tables(writing: Connection) -> None:
    """Keep other writers out until the restore commits (SQLite's BEGIN IMMEDIATE already does)."""
    if writing.dialect.name == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in tables_of(writing))
        writing.execute(text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))


def _refuse_unless_empty(writing: Connection, url: str) -> None:
    held = {
        table.name: writing.execute(select(func.count()).select_from(table)).scalar_one()
        for table in tables_of(writing)
    }
    filled = ", ".join(f"{count} {name}" for name, count in held.items() if count)
    if filled:
        shown = make_url(url).render_as_string(hide_password=True)
        raise InputError(
            "--db",
            shown,
            "an empty database (this one holds {filled}): restore never overwrites",
            filled=filled,
        )


def _continue_sequences(writing: Connection) -> None:
    """PostgreSQL: the next new id of each table follows the highest restored one."""
    for name in [table.name for table in tables_of(writing) if "id" in table.c]:
        writing.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{name}"), 0) + 1, false)'
            ),
            {"table": f'"{name}"'},
        )


def _durably_rename(partial: Path, target: Path) -> None:
    """Flush the finished copy to disk, then put it in place in one step."""
    with partial.open("rb") as file:
        os.fsync(file.fileno())
    partial.replace(target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
