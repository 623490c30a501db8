"""A filled database of revision 0008 (the demo portfolio, its trail, approvals and steering)
upgraded through the escalation migration (0009): every record of every table kept, value for
value, and the ledger, meeting and action tables there and empty; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, text

from tracker.cli.main import main
from tracker.store.demo import load_demo
from tracker.store.engine import make_engine
from tracker.store.migrate import current_revision, upgrade
from tracker.store.schema import HEAD
from tracker.store.write.service import Service

NEW_TABLES = {"escalation", "meeting", "meeting_action"}


def _every_row(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        tables = sorted(set(inspect(conn).get_table_names()) - NEW_TABLES - {"alembic_version"})
        rows = {
            table: [tuple(row) for row in conn.execute(text(f'SELECT * FROM "{table}" ORDER BY 1'))]
            for table in tables
        }
    engine.dispose()
    return rows


def test_upgrade_from_0008_keeps_every_record_and_adds_the_ledger_empty(db_url, clock):
    upgrade(db_url, "0008")
    engine = make_engine(db_url)
    load_demo(
        Service(engine, user="tester", clock=clock, today=date(2199, 12, 31)), date(2026, 11, 28)
    )
    engine.dispose()
    before = _every_row(db_url)
    assert len(before["project"]) == 14 and before["approval_item"] and before["change"]

    assert main(["--db", db_url, "init"]) == 0
    assert current_revision(db_url) == HEAD
    assert _every_row(db_url) == before
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= NEW_TABLES
        for table in sorted(NEW_TABLES):
            assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0, table
    engine.dispose()
