"""Alembic environment: runs on the connection tracker hands it, or on the configured URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import tracker.store.model  # noqa: F401 - registers the tables on SQLModel.metadata
from tracker.store.engine import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Upgrade (or downgrade) on the given connection, in SQLite batch mode where needed."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or "", foreign_keys=False)
        with engine.connect() as own_connection:
            _run(own_connection)
        engine.dispose()
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
