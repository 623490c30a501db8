"""Every editing flow, driven with the Pilot, checked against what the database holds after."""

from __future__ import annotations

import sqlite3
from datetime import date

from textual.widgets import DataTable, Input, Static

from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen

ROOF = "钢结构屋盖合龙"


def dump(url: str) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return list(conn.iterdump())


async def open_sports(pilot, wait, row: int = 1) -> ProjectScreen:
    """The sports centre's screen, the cursor on milestone `row` (1 = the steel roof)."""
    pilot.app.open_project("YH-SPORTS")
    await wait(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    for _ in range(row):
        await pilot.press("down")
    return screen


async def open_form(pilot, wait, key: str) -> Form:
    await pilot.press(key)
    await wait(pilot)
    form = pilot.app.screen
    assert isinstance(form, Form)
    return form


def echo(form: Form, field: str) -> str:
    return str(form.query_one(f"#echo-{field}", Static).render())


def roof(db_rows, url):
    return db_rows(
        url,
        "SELECT done, done_precision, forecast, forecast_precision, version FROM milestone "
        "WHERE name = ?",
        ROOF,
    )[0]


def test_done_defaults_to_today(make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "d")
        assert form.query_one("#field-on", Input).value == "2026-11-28"
        await pilot.press("enter")
        await wait(pilot)
        assert not isinstance(pilot.app.screen, Form)

    drive(make_app(), scenario)
    assert roof(db_rows, demo_url)[:2] == ("2026-11-28", "day")
    audit = db_rows(
        demo_url,
        "SELECT author, field, old, new FROM change WHERE record = 'milestone' "
        "AND field = 'done' ORDER BY id DESC LIMIT 1",
    )
    assert audit == [("officer-li", "done", None, "2026-11-28")]


def test_escape_writes_nothing(retype, make_app, drive, wait, demo_url):
    before = dump(demo_url)

    async def scenario(pilot):
        await open_sports(pilot, wait)
        for key in ("d", "e", "a", "u", "i", "p"):
            form = await open_form(pilot, wait, key)
            await retype(pilot, f"#field-{form.fields[0].key}", "2027-01")
            await pilot.press("escape")
            await wait(pilot)
            assert isinstance(pilot.app.screen, ProjectScreen)

    drive(make_app(), scenario)
    assert dump(demo_url) == before


def test_invalid_date_blocks_the_save_and_says_why(
    retype, make_app, drive, wait, demo_url, db_rows
):
    before = roof(db_rows, demo_url)

    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "e")
        await retype(pilot, "#field-forecast", "2027-02-30")
        assert "2027-02-30" in echo(form, "forecast")
        await pilot.press("enter")
        await wait(pilot)
        assert pilot.app.screen is form
        error = str(form.query_one("#form-error", Static).render())
        assert "2027-02-30" in error and "forecast" in error
        assert roof(db_rows, demo_url) == before
        await retype(pilot, "#field-forecast", "2027年3月")
        assert echo(form, "forecast") == "Mar 2027 → due 2027-03-31"
        await pilot.press("enter")
        await wait(pilot)

    drive(make_app(), scenario)
    assert roof(db_rows, demo_url)[2:4] == ("2027-03-31", "month")


def test_done_on_a_typed_day_and_undo(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        await open_form(pilot, wait, "d")
        await retype(pilot, "#field-on", "2026-11-20")
        await pilot.press("enter")
        await wait(pilot)
        assert roof(db_rows, demo_url)[:2] == ("2026-11-20", "day")
        await pilot.press("ctrl+z")
        await wait(pilot)

    drive(make_app(), scenario)
    assert roof(db_rows, demo_url)[:2] == (None, None)


def test_add_milestone(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "a")
        await retype(pilot, "#field-name", "消防验收")
        await retype(pilot, "#field-baseline", "2027年一季度")
        assert echo(form, "baseline") == "Q1 2027 → due 2027-03-31"
        await retype(pilot, "#field-lead", "30")
        await pilot.press("ctrl+s")
        await wait(pilot)
        names = [
            str(c) for c in pilot.app.screen.query_one("#milestones", DataTable).get_column_at(0)
        ]
        assert "消防验收" in names

    drive(make_app(), scenario)
    assert db_rows(
        demo_url,
        "SELECT baseline, baseline_precision, forecast, lead_days FROM milestone WHERE name = ?",
        "消防验收",
    ) == [("2027-03-31", "quarter", None, 30)]


def test_status_update(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "u")
        await retype(pilot, "#field-light", "x")
        assert form.problems
        await retype(pilot, "#field-light", "r")
        await retype(pilot, "#field-narrative", "roof closure one month late")
        await pilot.press("ctrl+s")
        await wait(pilot)

    drive(make_app(), scenario)
    newest = db_rows(
        demo_url,
        "SELECT s.reported_on, s.light, s.narrative, s.author FROM status_update s "
        "JOIN project p ON p.id = s.project_id WHERE p.code = 'YH-SPORTS' "
        "ORDER BY s.id DESC LIMIT 1",
    )
    assert newest == [("2026-11-28", "red", "roof closure one month late", "officer-li")]


def test_month_investment_echoes_the_amount(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "i")
        assert form.query_one("#field-month", Input).value == "2026-11"
        await retype(pilot, "#field-amount", "95亿")
        assert echo(form, "amount").startswith("95亿 → 9,500,000,000 yuan")
        await retype(pilot, "#field-amount", "3,200万")
        await pilot.press("ctrl+s")
        await wait(pilot)

    drive(make_app(), scenario)
    assert db_rows(
        demo_url,
        "SELECT r.amount_cents FROM investment_report r JOIN project p ON p.id = r.project_id "
        "WHERE p.code = 'YH-SPORTS' AND r.year = 2026 AND r.month = 11",
    ) == [(32_000_000 * 100,)]


def test_add_then_resolve_a_problem(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "p")
        await retype(pilot, "#field-description", "crane permit pending")
        await retype(pilot, "#field-due", "2026-12")
        await pilot.press("ctrl+s")
        await wait(pilot)
        await pilot.press("5")
        table = pilot.app.screen.query_one("#problems", DataTable)
        table.focus()
        row = [str(c) for c in table.get_column_at(0)].index("crane permit pending")
        table.move_cursor(row=row)
        form = await open_form(pilot, wait, "p")
        assert form.form_title == "Add problem"  # p adds, on the Problems tab too (#14)
        await pilot.press("escape")
        await wait(pilot)
        assert "resolve" in [
            b.description for _k, (_n, b, on, _t) in pilot.app.screen.active_bindings.items() if on
        ]
        form = await open_form(pilot, wait, "r")
        assert form.form_title == "Resolve problem · crane permit pending"
        await pilot.press("enter")
        await wait(pilot)

    drive(make_app(), scenario)
    assert db_rows(
        demo_url, "SELECT due, resolved FROM problem WHERE description = 'crane permit pending'"
    ) == [("2026-12-31", "2026-11-28")]


def test_conflict_says_who_and_reloads(retype, make_app, drive, wait, demo_url, db_rows):
    from tracker.core.dates import Deadline
    from tracker.store.engine import make_engine
    from tracker.store.write.service import Service

    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "e")
        other = Service(make_engine(demo_url), user="officer-wang")
        other.set_forecast("YH-SPORTS", ROOF, Deadline.of(date(2027, 1, 15), "day"))
        await retype(pilot, "#field-forecast", "2027-02")
        await pilot.press("enter")
        await wait(pilot)
        assert pilot.app.screen is form
        message = str(form.query_one("#form-error", Static).render())
        assert "officer-wang" in message and "2027-01-15" in message
        assert roof(db_rows, demo_url)[2] == "2027-01-15"
        assert "15 Jan 2027" in str(form.query_one("#form-context", Static).render())
        await pilot.press("enter")
        await wait(pilot)
        assert not isinstance(pilot.app.screen, Form)

    drive(make_app(), scenario)
    assert roof(db_rows, demo_url)[2:4] == ("2027-02-28", "month")


def test_chinese_echo(retype, make_app, drive, wait):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        form = await open_form(pilot, wait, "e")
        await retype(pilot, "#field-forecast", "2027-03")
        return echo(form, "forecast")

    assert drive(make_app(lang="zh"), scenario) == "2027年3月 → 到期 2027-03-31"
