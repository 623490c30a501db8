"""The write side's engine: made from a URL, never at import time.

SQLite runs with WAL, foreign keys on and a busy timeout, and every transaction begins
IMMEDIATE so that two writers queue on the lock instead of failing with "database is locked"
when a reading transaction tries to become a writing one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from tracker.store.chain import chained_hash

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for `url`; SQLite files get their pragmas on every connection.

    Migrations pass `foreign_keys=False`: SQLite's batch mode copies tables, and a DROP of a
    parent table would otherwise cascade into its children.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        dbapi_connection.create_function("chained_hash", 11, chained_hash, deterministic=True)

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
