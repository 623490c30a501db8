"""Schema upgrades keep data; a newer schema is refused and left untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.core.errors import SchemaError
from tracker.store.migrate import current_revision, ensure_current, upgrade
from tracker.store.read.plainsql import PlainConnection
from tracker.store.schema import HEAD, REVISIONS

VERSIONS = Path(__file__).resolve().parents[2] / "db" / "migrations" / "versions"


def test_revisions_known_to_the_code_match_the_alembic_scripts():
    chain: dict[str | None, str] = {}
    for script in VERSIONS.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(r'^revision = "(\w+)"', text, re.M) or re.search(
            r"^revision = '(\w+)'", text, re.M
        )
        down = re.search(r"^down_revision = ['\"]?(\w+)['\"]?", text, re.M)
        assert revision and down
        chain[None if down.group(1) == "None" else down.group(1)] = revision.group(1)
    ordered, current = [], None
    while current in chain:
        current = chain[current]
        ordered.append(current)
    assert tuple(ordered) == REVISIONS


def test_init_is_idempotent(db_url):
    upgrade(db_url)
    assert upgrade(db_url) is None
    assert current_revision(db_url) == HEAD


def test_upgrade_from_the_first_revision_keeps_every_record(db_url):
    upgrade(db_url, REVISIONS[0])
    from sqlalchemy import text

    from tracker.store.engine import make_engine

    engine = make_engine(db_url)
    with engine.begin() as conn:  # the first schema, filled the way that version of tracker did
        conn.execute(
            text(
                "INSERT INTO project (code, name, category, stage, currency, version,"
                " total_investment_cents) VALUES ('YH-OLD', '旧项目', 'sports', 'design', 'CNY', 1,"
                " 950000000000)"
            )
        )
    engine.dispose()
    ensure_current(db_url)
    assert current_revision(db_url) == HEAD
    with PlainConnection(db_url) as conn:
        rows = conn.rows("SELECT code, name, total_investment_cents, project_type FROM project")
    assert rows == [
        {
            "code": "YH-OLD",
            "name": "旧项目",
            "total_investment_cents": 950000000000,
            "project_type": None,
        }
    ]


def test_sqlite_file_is_copied_aside_before_an_upgrade(sqlite_url):
    upgrade(sqlite_url, REVISIONS[0])
    backup = upgrade(sqlite_url)
    assert backup is not None and backup.exists()
    assert current_revision(f"sqlite:///{backup}") == REVISIONS[0]


def test_newer_schema_is_refused_and_untouched(sqlite_url):
    upgrade(sqlite_url)
    import sqlite3

    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = Path(path).read_bytes()
    with pytest.raises(SchemaError, match="newer"):
        ensure_current(sqlite_url)
    with pytest.raises(SchemaError, match="newer"):
        upgrade(sqlite_url)
    assert Path(path).read_bytes() == before
