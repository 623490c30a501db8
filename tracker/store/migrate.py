"""Create or upgrade a database's schema with Alembic; refuse a schema newer than ours.

An SQLite file with data is copied aside before an upgrade, so a failed upgrade loses nothing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tracker.config.run import data_dir, sqlite_file, sqlite_path
from tracker.core.errors import PermissionRefused, SchemaError
from tracker.store.schema import HEAD, REVISIONS, resource_dir


def current_revision(url: str) -> str | None:
    """The database's schema revision, or None for an empty (or absent) database."""
    path = sqlite_file(url)
    if path is not None:
        if not os.path.exists(path):
            return None
        with sqlite3.connect(path) as conn:
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone():
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    from tracker.store.read.plainsql import PlainConnection

    with PlainConnection(url) as conn:
        if conn.scalar("SELECT to_regclass('alembic_version')") is None:
            return None
        value = conn.scalar("SELECT version_num FROM alembic_version")
        return None if value is None else str(value)


def check_revision(revision: str | None) -> None:
    """Refuse a schema this version of tracker does not know (made by a newer tracker)."""
    if revision is not None and revision not in REVISIONS:
        raise SchemaError(
            "the database's schema ({revision}) is newer than this tracker knows "
            "(up to {head}): upgrade tracker; the database was left untouched",
            revision=revision,
            head=HEAD,
        )


def upgrade(url: str, target: str = "head") -> Path | None:
    """Bring the schema to `target`; returns the backup copy made of an SQLite file, if any."""
    from alembic import command
    from alembic.config import Config

    from tracker.store.engine import make_engine

    revision = current_revision(url)
    check_revision(revision)
    if revision == HEAD and target == "head":
        return None
    if revision is not None and sqlite_file(url) is None:
        _refuse_unless_owner(url, revision)
    backup = _backup_sqlite(url, revision)
    path = sqlite_path(url)
    if path is not None:
        private_file(path)
    config = Config()
    config.set_main_option("script_location", str(resource_dir("migrations")))
    engine = make_engine(url, foreign_keys=False)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # officers upgrading at once take turns
            connection.exec_driver_sql(
                "SELECT pg_advisory_xact_lock(hashtext('tracker upgrade ' || current_schema()))"
            )
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    engine.dispose()
    return backup


def _refuse_unless_owner(url: str, revision: str) -> None:
    """PostgreSQL: only a login that may act as the tables' owner (an admin) upgrades."""
    from tracker.store.identity import ADMIN, grant_of
    from tracker.store.read.plainsql import PlainConnection

    with PlainConnection(url) as conn:
        grant = grant_of(conn)
    if not grant.owner:
        raise PermissionRefused(
            "{who} may not upgrade the schema ({revision} to {head}): only {may} may "
            "(`tracker init` under an admin login)",
            who=grant.who(),
            revision=revision,
            head=HEAD,
            may=ADMIN,
        )


def _backup_sqlite(url: str, revision: str | None) -> Path | None:
    path = sqlite_path(url)
    if path is None or revision is None or not path.exists():
        return None
    backup = path.with_name(f"{path.name}.before-{HEAD}.bak")
    private_file(backup)
    with sqlite3.connect(path) as source, sqlite3.connect(backup) as copy:
        source.backup(copy)
    return backup


def private_file(path: Path) -> None:
    """Make sure `path` exists, readable by its owner only (0600); the platform's data
    directory, when the file is in it, is made 0700 (a shared machine's other users see
    neither). SQLite gives its WAL and shared-memory files the database file's mode."""
    if path.parent == data_dir():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def ensure_current(url: str) -> None:
    """Before a command works on a database: upgrade an older schema, refuse a newer one."""
    revision = current_revision(url)
    if revision is None:
        raise SchemaError("no tracker database here yet: run `tracker init` first")
    check_revision(revision)
    if revision != HEAD:
        upgrade(url)
