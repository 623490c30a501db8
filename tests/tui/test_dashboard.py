"""The dashboard on the demo portfolio: rows, sorting, filtering, summary, alerts."""

from __future__ import annotations

import sqlite3

from tracker.tui.widgets.portfolio_table import PortfolioTable


def demo_codes(url: str) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return [code for (code,) in conn.execute("SELECT code FROM project ORDER BY code")]


def test_dashboard_shows_every_project_by_code(make_app, drive, demo_url):
    async def scenario(pilot):
        return [row["code"] for row in pilot.app.screen.query_one(PortfolioTable).view]

    assert drive(make_app(), scenario) == demo_codes(demo_url)
