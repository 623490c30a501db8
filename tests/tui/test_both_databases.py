"""The TUI on SQLite and on PostgreSQL (the `demo_settings` fixture runs both): the dashboard's
plain-SQL rows and one edit through the Service, including the conflict path."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from tracker.store.read.plainsql import PlainConnection
from tracker.tui.screens.form import Form
from tracker.tui.widgets.portfolio_table import PortfolioTable


def test_rows_edit_and_conflict(retype, demo_settings, app_on, drive, wait):
    url = demo_settings.db_url
    app = app_on(url)

    async def scenario(pilot):
        rows = pilot.app.screen.query_one(PortfolioTable).rows
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("down", "e")
        await wait(pilot)
        form = pilot.app.screen
        assert isinstance(form, Form)
        from tracker.core.dates import Deadline
        from tracker.store.engine import make_engine
        from tracker.store.write.service import Service

        Service(make_engine(url), user="officer-wang").set_forecast(
            "YH-SPORTS", "钢结构屋盖合龙", Deadline.of(date(2027, 1, 15), "day")
        )
        await retype(pilot, "#field-forecast", "2027-02")
        await pilot.press("enter")
        await wait(pilot)
        message = str(form.query_one("#form-error", Static).render())
        await pilot.press("enter")
        await wait(pilot)
        return rows, message

    rows, message = drive(app, scenario)
    assert len(rows) == 14 and "officer-wang" in message
    with PlainConnection(url) as conn:
        assert conn.rows(
            "SELECT forecast, forecast_precision FROM milestone WHERE name = :name",
            {"name": "钢结构屋盖合龙"},
            dates=("forecast",),
        ) == [{"forecast": date(2027, 2, 28), "forecast_precision": "month"}]


def test_dashboard_rows_agree_with_the_projects_read_and_page_first(demo_settings):
    from tracker.store.read import queries

    today = demo_settings.today
    with PlainConnection(demo_settings.db_url) as conn:
        rows = queries.dashboard_rows(conn, today)
        page = queries.dashboard_rows(conn, today, 5)
        listed = queries.projects(conn)
    assert page == rows[:5]
    assert [(r["code"], r["next_name"], r["next_due"]) for r in rows] == [
        (p["code"], p["next_name"], p["next_due"]) for p in listed
    ]
    for row in rows:
        due = row["next_due"]
        assert row["days_left"] == (None if due is None else (due - today).days)


def test_undo_twice_redo_once_names_what_it_reverts(retype, demo_settings, app_on, drive, wait):
    url = demo_settings.db_url

    def roof():
        with PlainConnection(url) as conn:
            return conn.rows(
                "SELECT forecast, done FROM milestone WHERE name = :name",
                {"name": "钢结构屋盖合龙"},
                dates=("forecast", "done"),
            )[0]

    before = roof()

    async def scenario(pilot):
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("down", "e")
        await wait(pilot)
        await retype(pilot, "#field-forecast", "2027-01")
        await pilot.press("enter")
        await wait(pilot)
        await pilot.press("d")
        await wait(pilot)
        await pilot.press("enter")
        await wait(pilot)
        await pilot.press("ctrl+z")
        await wait(pilot)
        await pilot.press("ctrl+z")
        await wait(pilot)
        await pilot.press("ctrl+y")
        await wait(pilot)

    drive(app_on(url), scenario)
    assert roof() == {"forecast": date(2027, 1, 31), "done": None}
    assert before["forecast"] != date(2027, 1, 31)
    with PlainConnection(url) as conn:
        trail = conn.rows(
            "SELECT id, field, reverts FROM change WHERE author = 'officer-li' ORDER BY id"
        )
    by_id = {c["id"]: c for c in trail}
    edits = [c for c in trail if c["reverts"] is None]
    undos = [c for c in trail if c["reverts"] is not None]
    assert {c["field"] for c in edits} == {
        "forecast",
        "done",
        "done_precision",
    }
    assert all(by_id[c["reverts"]]["field"] == c["field"] for c in undos)
    # the redo reverts the second undo, which reverted the forecast's edit
    redo = [c for c in undos if by_id[c["reverts"]]["reverts"] is not None]
    assert {c["field"] for c in redo} == {"forecast"}  # month to month: same precision
