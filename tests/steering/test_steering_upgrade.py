"""A database of revision 0005 with units and owners named as text, upgraded to the steering
schema (0007): every record kept, an organisation for each distinct name, the new tables
empty, and the references hold (a rename carries into the projects), on SQLite and PostgreSQL."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from sqlalchemy import MetaData, exc, insert, select, text

from tracker.cli.main import main
from tracker.store.engine import make_engine
from tracker.store.migrate import current_revision, upgrade
from tracker.store.schema import HEAD

PROJECTS = [
    {"id": 1, "code": "YH-A", "name": "甲", "unit": "区体育局", "owner_org": "区城投集团"},
    {"id": 2, "code": "YH-B", "name": "乙", "unit": "区城投集团", "owner_org": None},
    {"id": 3, "code": "YH-C", "name": "丙", "unit": "区体育局", "owner_org": "区体育局"},
    {"id": 4, "code": "YH-D", "name": "丁", "unit": None, "owner_org": None},
]
PROBLEM = {"id": 7, "project_id": 1, "description": "征地未完成", "illustrative": False}


def _tables(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    metadata = MetaData()
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore", exc.SAWarning)
        metadata.reflect(bind=conn)
    engine.dispose()
    return dict(metadata.tables)


def _rows(url: str, table: str, order: str = "id") -> list[dict[str, Any]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = [
            dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
        ]
    engine.dispose()
    return found


def test_upgrade_from_0005_keeps_every_record_and_names_the_organisations(db_url):
    upgrade(db_url, "0005")
    tables = _tables(db_url)
    base = {"category": "sports", "stage": "design", "currency": "CNY", "version": 3}
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(insert(tables["project"]), [{**base, **p} for p in PROJECTS])
        conn.execute(insert(tables["problem"]), [{**PROBLEM, "version": 1}])
    engine.dispose()
    before = _rows(db_url, "project")

    assert main(["--db", db_url, "init"]) == 0
    assert current_revision(db_url) == HEAD
    after = _rows(db_url, "project")
    assert [{k: row[k] for k in before[0]} for row in after] == before
    assert {
        (r["leader_id"], r["library"], r["enrolled_on"], r["enrolled_cents"]) for r in after
    } == {(None, None, None, None)}
    organisations = [(r["name"], r["kind"]) for r in _rows(db_url, "organisation", "name")]
    assert sorted(organisations) == [("区体育局", "unit"), ("区城投集团", "unit")]
    [problem] = _rows(db_url, "problem")
    assert (problem["description"], problem["kind"], problem["level"]) == ("征地未完成", None, None)
    for empty in ("leader", "programme_membership", "enrolment_evidence"):
        assert _rows(db_url, empty) == []


def test_the_unit_is_a_reference_a_rename_carries(db_url, capsys):
    upgrade(db_url, "0005")
    tables = _tables(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            insert(tables["project"]),
            [
                {
                    "category": "sports",
                    "stage": "design",
                    "currency": "CNY",
                    "version": 1,
                    **PROJECTS[0],
                }
            ],
        )
    engine.dispose()
    argv = ["--db", db_url, "--user", "zhao", "--today", "2026-11-28"]
    assert main([*argv, "org", "rename", "区体育局", "区文体局"]) == 0
    [project] = _rows(db_url, "project")
    assert project["unit"] == "区文体局"
    engine = make_engine(db_url)
    with pytest.raises(exc.IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE project SET unit = 'nobody recorded' WHERE id = 1"))
    with engine.connect() as conn:
        kept = conn.execute(select(tables["project"].c.unit)).scalar_one()
    engine.dispose()
    assert kept == "区文体局"
