"""A database of the first schema revision, with a record in every table, upgraded by
`tracker init` to the newest: every record kept, field by field, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import warnings
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import MetaData, exc, insert, select

from tracker.cli.main import main
from tracker.store.engine import make_engine
from tracker.store.migrate import current_revision, upgrade
from tracker.store.schema import HEAD, REVISIONS

FIRST_REVISION_ROWS: dict[str, list[dict[str, Any]]] = {
    "project": [
        {
            "id": 3,
            "code": "YH-OLD",
            "name": "旧体育中心",
            "name_en": "Old sports centre",
            "category": "sports",
            "stage": "construction",
            "currency": "CNY",
            "total_investment_cents": 950_000_000_000,
            "baseline_finish": date(2027, 3, 31),
            "baseline_finish_precision": "month",
            "light_override": "amber",
            "light_override_reason": "屋盖滞后",
            "light_override_by": "wang",
            "light_override_on": date(2026, 11, 1),
            "version": 4,
        }
    ],
    "milestone": [
        {
            "id": 11,
            "project_id": 3,
            "name": "竣工验收",
            "position": 0,
            "baseline": date(2027, 3, 31),
            "baseline_precision": "month",
            "forecast": date(2027, 6, 30),
            "forecast_precision": "quarter",
            "lead_days": 30,
            "illustrative": True,
            "version": 2,
        }
    ],
    "investment_plan": [
        {
            "id": 5,
            "project_id": 3,
            "year": 2026,
            "planned_cents": 120_000_000_000,
            "progress_target": "主体结顶",
            "illustrative": False,
            "version": 1,
        }
    ],
    "investment_report": [
        {
            "id": 8,
            "project_id": 3,
            "year": 2026,
            "month": 10,
            "amount_cents": 6_500_000_000,
            "funds_in_place_cents": None,
            "illustrative": False,
            "version": 1,
        }
    ],
    "status_update": [
        {
            "id": 2,
            "project_id": 3,
            "reported_on": date(2026, 11, 27),
            "light": "amber",
            "narrative": "屋盖合龙滞后约1个月",
            "author": "wang",
            "illustrative": False,
            "version": 1,
        }
    ],
    "problem": [
        {
            "id": 4,
            "project_id": 3,
            "description": "征地拆迁未完成",
            "owner": "李",
            "due": date(2026, 12, 31),
            "due_precision": "day",
            "resolved": None,
            "illustrative": False,
            "version": 1,
        }
    ],
    "change": [
        {
            "id": 21,
            "at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
            "author": "wang",
            "project_code": "YH-OLD",
            "record": "milestone",
            "record_id": 11,
            "field": "forecast",
            "old": "2027-03-31",
            "new": "2027-06-30",
        }
    ],
}


def _tables(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    metadata = MetaData()
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore", exc.SAWarning)
        metadata.reflect(bind=conn)
    engine.dispose()
    return dict(metadata.tables)


def _stored(url: str) -> dict[str, list[dict[str, Any]]]:
    tables = _tables(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        stored = {
            name: [dict(row._mapping) for row in conn.execute(select(tables[name]))]
            for name in FIRST_REVISION_ROWS
        }
    engine.dispose()
    for row in stored["change"]:
        moment = row["at"]
        row["at"] = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return stored


def test_upgrade_from_the_first_revision_keeps_every_record(db_url, capsys):
    upgrade(db_url, REVISIONS[0])
    tables = _tables(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        for name, rows in FIRST_REVISION_ROWS.items():
            conn.execute(insert(tables[name]), rows)
    engine.dispose()
    first = _stored(db_url)

    assert main(["--db", db_url, "init"]) == 0
    assert current_revision(db_url) == HEAD
    upgraded = _stored(db_url)
    added = {name: set(upgraded[name][0]) - set(first[name][0]) for name in upgraded}
    new_columns = {
        "project": {
            "project_type",
            "forecast_finish_explicit",
            *("leader_id", "library", "enrolled_on", "enrolled_cents"),
            "approvals_parallel",
        },
        "milestone": {"completion"},
        "problem": {"kind", "level"},
        "change": {"reverts", "hash"},
    }
    assert added == {name: new_columns.get(name, set()) for name in added}
    assert upgraded["project"][0]["project_type"] is None
    assert upgraded["change"][0]["reverts"] is None  # an entry of before 0004 reverts nothing
    assert all(len(row["hash"]) == 64 for row in upgraded["change"])  # 0008 linked the trail
    # 0005: no milestone marks a completion yet, so no finish is held as explicit
    assert not any(row["completion"] for row in upgraded["milestone"])
    assert not any(row["forecast_finish_explicit"] for row in upgraded["project"])
    for name, rows in first.items():
        assert [{k: row[k] for k in rows[0]} for row in upgraded[name]] == rows, name
    for name, rows in FIRST_REVISION_ROWS.items():
        for given, kept in zip(rows, upgraded[name], strict=True):
            assert {k: kept[k] for k in given} == given, name

    capsys.readouterr()
    argv = ["--db", db_url, "--user", "zhao", "--today", "2026-11-28"]
    assert main([*argv, "milestone", "done", "YH-OLD", "竣工验收", "--on", "2026-11-25"]) == 0
    capsys.readouterr()
    assert main([*argv, "log", "YH-OLD", "--format", "json"]) == 0
    trail = json.loads(capsys.readouterr().out)
    assert [(e["user"], e["field"]) for e in trail][-1] == ("wang", "forecast")
    assert {e["field"] for e in trail if e["user"] == "zhao"} == {"done", "done_precision"}
