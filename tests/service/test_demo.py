"""The demo portfolio: all fourteen projects of the seed article, loaded idempotently."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tracker.cli.setup import init_database
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.views.portfolio import portfolio, project_detail

ROOT = Path(__file__).resolve().parents[2]


def test_demo_has_the_fourteen_projects_and_loading_twice_changes_nothing(demo_settings):
    with PlainConnection(demo_settings.db_url) as conn:
        changes = queries.changes(conn)
        assert queries.project_count(conn) == 14
    assert init_database(demo_settings, demo=True) == 0
    with PlainConnection(demo_settings.db_url) as conn:
        assert queries.project_count(conn) == 14
        assert len(queries.changes(conn)) == len(changes)


def test_sports_centre_has_the_article_figures(demo_settings):
    with PlainConnection(demo_settings.db_url) as conn:
        projects = {p["code"]: p for p in portfolio(conn, demo_settings.today)}
        sports = projects["YH-SPORTS"]
        detail = project_detail(conn, queries.projects(conn, "YH-SPORTS")[0], demo_settings.today)
    assert sports["total_investment_yuan"] == 9_500_000_000
    assert sports["total_investment"] == "9500000000"
    assert (sports["forecast_finish"], sports["forecast_finish_precision"]) == (
        "2027-03-31",
        "month",
    )
    opening = next(m for m in detail["milestones"] if m["name"] == "整体完工并投用")
    assert (opening["baseline"], opening["precision"], opening["illustrative"]) == (
        "2027-03-31",
        "month",
        False,
    )


def test_unknown_budgets_stay_unknown(demo_settings):
    with PlainConnection(demo_settings.db_url) as conn:
        projects = portfolio(conn, demo_settings.today)
    unknown = [p["code"] for p in projects if p["total_investment"] is None]
    assert "YH-ARTS" in unknown and len(unknown) == 13


def test_every_invented_record_is_marked_illustrative():
    data = tomllib.loads((ROOT / "db/demo/portfolio.toml").read_text(encoding="utf-8"))
    for project in data["project"]:
        for kind in ("plan", "investment_report", "status", "problem"):
            for record in project.get(kind, []):
                assert record.get("illustrative") is True, (project["code"], kind, record)
