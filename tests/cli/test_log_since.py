"""`tracker log --since DAY` counts from midnight of DAY in the office's time zone, the same on
SQLite and PostgreSQL (the audit trail stores UTC moments)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tracker.cli.main import main


@pytest.fixture
def two_evenings(make_service, clock, db_url, monkeypatch):
    """A project created at 23:30 Shanghai time on 27 Nov, renamed at 00:30 on 28 Nov."""
    monkeypatch.setenv("TRACKER_DB", db_url)
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-28")
    monkeypatch.delenv("TRACKER_TZ", raising=False)
    clock.now = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    service = make_service()
    service.create_project({"code": "P", "name": "项目", "stage": "construction"})
    clock.now = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)  # 00:30 on the 28th in Shanghai
    service.update_project("P", {"name": "新项目"})


def logged(capsys, *args: str) -> list[dict]:
    capsys.readouterr()
    assert main(["log", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_since_a_day_begins_at_the_offices_midnight(two_evenings, capsys):
    since = logged(capsys, "--since", "2026-11-28")
    assert [(e["field"], e["new"]) for e in since] == [("name", "新项目")]
    assert len(logged(capsys, "--since", "2026-11-27")) > len(since)


def test_another_time_zone_moves_the_midnight(two_evenings, capsys):
    # Midnight of the 28th in London is 00:00 UTC: both writes were on the 27th there.
    assert logged(capsys, "--since", "2026-11-28", "--tz", "Europe/London") == []


def test_an_unknown_time_zone_is_refused_in_one_line(two_evenings, capsys):
    assert main(["log", "--since", "2026-11-28", "--tz", "Mars/Olympus"]) == 2
    err = capsys.readouterr().err.strip()
    assert "--tz" in err and "Mars/Olympus" in err and len(err.splitlines()) == 1
