"""Issue 14, bug 10: a project's forecast finish follows the milestone that marks its completion,
unless an officer set the finish explicitly; both land in the audit trail, and the project's
header, facts and the report follow."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.cli.main import main
from tracker.core.dates import Deadline
from tracker.store.read.plainsql import PlainConnection

APRIL = Deadline.of(date(2027, 4, 30), "month")


def _finish(url: str, code: str = "YH-SPORTS") -> tuple[object, ...]:
    with PlainConnection(url) as conn:
        row = conn.rows(
            "SELECT forecast_finish, forecast_finish_precision, forecast_finish_explicit "
            "FROM project WHERE code = :code",
            {"code": code},
            dates=("forecast_finish",),
        )[0]
    return (
        row["forecast_finish"],
        row["forecast_finish_precision"],
        bool(row["forecast_finish_explicit"]),
    )


def _log(url: str) -> list[tuple[str, str, str | None]]:
    with PlainConnection(url) as conn:
        rows = conn.rows(
            "SELECT record, field, new FROM change WHERE author = 'officer-li' ORDER BY id"
        )
    return [(r["record"], r["field"], r["new"]) for r in rows]


@pytest.fixture
def officer(demo_settings, make_service):
    return make_service("officer-li")


def test_moving_the_completion_milestone_moves_the_project_finish(demo_settings, officer, capsys):
    url = demo_settings.db_url
    assert _finish(url) == (date(2027, 3, 31), "month", False)
    officer.set_forecast("YH-SPORTS", "整体完工并投用", APRIL)
    assert _finish(url) == (date(2027, 4, 30), "month", False)
    assert ("project", "forecast_finish", "2027-04-30") in _log(url)
    argv = ["--db", url, "--today", "2026-11-28", "--lang", "en"]
    capsys.readouterr()
    assert main([*argv, "show", "YH-SPORTS", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["forecast_finish"] == "2027-04-30"
    assert main([*argv, "export", "weekly", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    sports = next(p for p in report["projects"] if p["code"] == "YH-SPORTS")
    assert sports["forecast_finish"] == "2027-04-30"


def test_an_undo_of_the_milestone_move_undoes_the_project_finish(demo_settings, officer):
    with officer.recording() as ids:
        officer.set_forecast("YH-SPORTS", "整体完工并投用", APRIL)
    officer.revert(ids)
    assert _finish(demo_settings.db_url) == (date(2027, 3, 31), "month", False)


def test_an_explicit_finish_stays_until_cleared(demo_settings, officer):
    url = demo_settings.db_url
    officer.update_project(
        "YH-SPORTS", {"forecast_finish": date(2027, 6, 30), "forecast_finish_precision": "month"}
    )
    officer.set_forecast("YH-SPORTS", "整体完工并投用", APRIL)
    assert _finish(url) == (date(2027, 6, 30), "month", True)
    assert ("project", "forecast_finish_explicit", "true") in _log(url)
    officer.update_project("YH-SPORTS", {"forecast_finish": None})
    assert _finish(url) == (date(2027, 4, 30), "month", False)


def test_one_completion_milestone_a_project(demo_settings, officer):
    url = demo_settings.db_url
    officer.update_milestone("YH-SPORTS", "竣工验收", {"completion": True})
    with PlainConnection(url) as conn:
        marked = conn.rows(
            "SELECT m.name FROM milestone m JOIN project p ON p.id = m.project_id "
            "WHERE p.code = 'YH-SPORTS' AND m.completion"
        )
    assert [r["name"] for r in marked] == ["竣工验收"]
    assert _finish(url) == (date(2027, 2, 28), "month", False)  # 竣工验收's forecast
    added = officer.add_milestone("YH-SPORTS", "交付", forecast=APRIL, marks_completion=True)
    assert added.completion and _finish(url)[0] == date(2027, 4, 30)


def test_milestone_add_completion_from_the_cli(demo_settings, capsys):
    argv = ["--db", demo_settings.db_url, "--today", "2026-11-28", "--lang", "en"]
    add = ["milestone", "add", "YH-ARTS", "竣工", "--baseline", "2029-06", "--completion"]
    assert main([*argv, *add]) == 0
    assert _finish(demo_settings.db_url, "YH-ARTS") == (date(2029, 6, 30), "month", False)
    capsys.readouterr()
    assert main([*argv, "milestone", "list", "YH-ARTS", "--format", "json"]) == 0
    marked = [m["name"] for m in json.loads(capsys.readouterr().out) if m["completion"]]
    assert marked == ["竣工"]
