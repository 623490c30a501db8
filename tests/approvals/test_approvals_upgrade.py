"""A database of revision 0005 upgraded through the approvals migration (0006): every record
kept, the approval items' table there and empty, each project along the main line; SQLite and
PostgreSQL."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from tracker.cli.main import main
from tracker.store.migrate import current_revision, upgrade
from tracker.store.schema import HEAD


def _all(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(text(sql))]
    engine.dispose()
    return rows


def test_upgrade_keeps_every_record_and_adds_the_items_empty(db_url):
    upgrade(db_url, "0005")
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO project (id, code, name, category, stage, currency, version, "
                "forecast_finish_explicit) VALUES "
                "(1, 'YH-A', '甲', 'sports', 'design', 'CNY', 2, false), "
                "(2, 'YH-B', '乙', 'culture', 'concept', 'CNY', 1, false)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO milestone (id, project_id, name, position, baseline, "
                "baseline_precision, illustrative, version, completion) VALUES "
                "(5, 1, '可研批复', 0, '2026-09-30', 'day', false, 1, false)"
            )
        )
    engine.dispose()
    projects = "SELECT id, code, name, version FROM project ORDER BY id"
    milestones = "SELECT id, project_id, name, baseline FROM milestone ORDER BY id"
    before = (_all(db_url, projects), _all(db_url, milestones))

    assert main(["--db", db_url, "init"]) == 0
    assert current_revision(db_url) == HEAD
    assert (_all(db_url, projects), _all(db_url, milestones)) == before
    assert _all(db_url, "SELECT COUNT(*) FROM approval_item") == [(0,)]
    assert _all(db_url, "SELECT DISTINCT approvals_parallel FROM project") == [(False,)]
