"""Issue #14's TUI bugs: tab switches keep the keys on the tab's table, undo keeps the table's
shape, undo/redo several levels, and the smaller fixes; each asserted against the database."""

from __future__ import annotations

from textual.widgets import DataTable

from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen


async def open_sports(pilot, wait) -> ProjectScreen:
    pilot.app.open_project("YH-SPORTS")
    await wait(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    return screen


def milestones(db_rows, url):
    return db_rows(
        url,
        "SELECT m.id, m.name, m.forecast, m.forecast_precision, m.version FROM milestone m "
        "JOIN project p ON p.id = m.project_id WHERE p.code = 'YH-SPORTS' ORDER BY m.id",
    )


def test_tab_switch_gives_the_table_the_keys(retype, make_app, drive, wait, demo_url, db_rows):
    before = milestones(db_rows, demo_url)
    seen = {}

    async def scenario(pilot):
        screen = await open_sports(pilot, wait)
        table = screen.query_one("#milestones", DataTable)
        shown = [table.get_row_at(i)[0] for i in range(table.row_count)]
        seen["third"] = str(shown[2])
        await pilot.press("3", "1")
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("e")
        await wait(pilot)
        form = pilot.app.screen
        assert isinstance(form, Form)
        seen["title"] = form.form_title
        await retype(pilot, "#field-forecast", "2028-01")
        await pilot.press("enter")
        await wait(pilot)

    drive(make_app(), scenario)
    assert seen["third"].removesuffix(" *") in seen["title"]
    after = milestones(db_rows, demo_url)
    changed = [a for b, a in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == before[2][1] or seen["third"].startswith(changed[0][1])
    assert changed[0][2:4] == ("2028-01-31", "month")


def test_undo_keeps_the_milestone_columns(make_app, drive, wait):
    async def scenario(pilot):
        screen = await open_sports(pilot, wait)
        table = screen.query_one("#milestones", DataTable)
        widths = [c.get_render_width(table) for c in table.ordered_columns]
        cells = [table.get_row_at(i) for i in range(table.row_count)]
        await pilot.press("down", "d")
        await wait(pilot)
        await pilot.press("enter")
        await wait(pilot)
        await pilot.press("ctrl+z")
        await wait(pilot)
        table = screen.query_one("#milestones", DataTable)
        assert [c.get_render_width(table) for c in table.ordered_columns] == widths
        assert [list(map(str, table.get_row_at(i))) for i in range(table.row_count)] == [
            list(map(str, row)) for row in cells
        ]

    drive(make_app(), scenario)


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def roof_forecast(db_rows, url):
    return db_rows(
        url,
        "SELECT forecast, done FROM milestone WHERE name = '钢结构屋盖合龙'",
    )[0]


def test_undo_twice_and_redo_once(retype, make_app, drive, wait, demo_url, db_rows):
    before = roof_forecast(db_rows, demo_url)

    async def scenario(pilot):
        await open_sports(pilot, wait)
        await pilot.press("down", "e")
        await wait(pilot)
        await retype(pilot, "#field-forecast", "2027-01")
        await pilot.press("enter")
        await wait(pilot)
        await pilot.press("d")
        await wait(pilot)
        await pilot.press("enter")
        await wait(pilot)
        assert roof_forecast(db_rows, demo_url) == ("2027-01-31", "2026-11-28")
        await pilot.press("ctrl+z")
        await wait(pilot)
        assert roof_forecast(db_rows, demo_url) == ("2027-01-31", None)
        assert "Undone: done of Steel roof closure (YH-SPORTS)" in notes(pilot.app)
        await pilot.press("ctrl+z")
        await wait(pilot)
        assert roof_forecast(db_rows, demo_url) == before
        assert "Undone: forecast of Steel roof closure (YH-SPORTS)" in notes(pilot.app)
        await pilot.press("ctrl+y")
        await wait(pilot)
        assert "Redone: forecast of Steel roof closure (YH-SPORTS)" in notes(pilot.app)

    drive(make_app(), scenario)
    assert roof_forecast(db_rows, demo_url) == ("2027-01-31", None)


def test_header_totals_say_what_they_cover(make_app, drive, wait):
    from textual.widgets import Static

    shown = {}

    async def scenario(pilot):
        await wait(pilot)
        summary = pilot.app.screen.query_one("#summary", Static)
        shown["all"] = str(summary.render())
        await pilot.press("slash", *"hosp")
        await wait(pilot)
        shown["hosp"] = str(summary.render())
        await pilot.press("escape", "slash", *"rail")
        await wait(pilot)
        shown["rail"] = str(summary.render())

    drive(make_app(), scenario)
    assert "total investment — │" in shown["hosp"]
    assert "completed this year CNY 706.0 m (70% of plan)" in shown["hosp"]
    assert shown["rail"].endswith("total investment — │ completed this year —")
    assert "total investment CNY 9.50 bn, 1 of 14 known" in shown["all"]
    assert "completed this year CNY 1.87 bn, 4 of 14 known (75% of plan)" in (shown["all"])


def test_investment_tab_one_unit_a_column(app_on, demo_url, drive, wait):
    cells = {}

    async def scenario(pilot):
        screen = await open_sports(pilot, wait)
        await pilot.press("3")
        await wait(pilot)
        for table_id in ("by-year", "by-month"):
            table = screen.query_one(f"#{table_id}", DataTable)
            for n in range(1, len(table.columns)):
                cells[(table_id, n)] = [str(c) for c in table.get_column_at(n)]

    drive(app_on(demo_url, lang="zh"), scenario)
    units = {}
    for key, column in cells.items():
        money = [c for c in column if c.endswith("元")]
        units[key] = {c.rstrip("元")[-1] if not c.rstrip("元")[-1].isdigit() else "" for c in money}
    assert units[("by-month", 1)] == {"亿"}, cells[("by-month", 1)]
    assert all(len(found) <= 1 for found in units.values()), cells


def test_a_year_without_reports_has_no_completed_figure():
    from tracker.tui.ledger import ProjectFile
    from tracker.tui.screens.project import yearly

    file = ProjectFile(
        project={},
        milestones=[],
        plans=[{"year": 2026, "planned_cents": 100}, {"year": 2027, "planned_cents": 200}],
        reports=[{"year": 2026, "month": 1, "amount_cents": 50}],
        statuses=[],
        problems=[],
    )
    assert yearly(file, 2026, 1) == [(2026, 100, 50, 50), (2027, 200, None, None)]


def test_stage_sorts_by_lifecycle_and_the_arrow_stays(make_app, drive):
    from tracker.core.stages import LIFECYCLE
    from tracker.tui.widgets.portfolio_table import PortfolioTable

    seen = {}

    async def scenario(pilot):
        table = pilot.app.screen.query_one(PortfolioTable)
        await pilot.press("s", "s")  # code → name → stage
        await pilot.pause()
        seen["stages"] = [row["stage"] for row in table.view]
        await pilot.press(*"s" * 7)  # … → light, the narrowest header
        await pilot.pause()
        seen["header"] = table.render_line(0).text

    drive(make_app(), scenario)
    order = [LIFECYCLE.index(s) for s in seen["stages"]]
    assert order == sorted(order) and len(set(order)) > 1
    assert seen["header"].startswith("lig…▲ ")


def test_error_clears_once_fixed_and_narrative_has_lines(
    retype, make_app, drive, wait, demo_url, db_rows
):
    from textual.widgets import Static

    long_line = "塔吊基础验收推迟需与区住建局协调第三方检测单位进场时间预计下周完成" * 2
    seen = {}

    async def scenario(pilot):
        screen = await open_sports(pilot, wait)
        await pilot.press("u")
        await wait(pilot)
        form = pilot.app.screen
        await retype(pilot, "#field-light", "x")
        await pilot.press("ctrl+s")
        await wait(pilot)
        error = form.query_one("#form-error", Static)
        assert "light" in str(error.render())
        await pilot.press("backspace", "r")
        await wait(pilot)
        assert str(error.render()) == ""
        await retype(pilot, "#field-narrative", "roof late")
        await pilot.press("enter", *long_line)
        await pilot.press("ctrl+s")
        await wait(pilot)
        await pilot.press("4")
        await wait(pilot)
        table = screen.query_one("#status_history", DataTable)
        seen["focused"] = pilot.app.focused is table
        row = table.ordered_rows[0]
        seen["height"] = row.height
        seen["cell"] = table.get_row_at(0)[2]

    drive(make_app(), scenario)
    newest = db_rows(
        demo_url,
        "SELECT s.light, s.narrative FROM status_update s JOIN project p ON p.id = s.project_id "
        "WHERE p.code = 'YH-SPORTS' ORDER BY s.id DESC LIMIT 1",
    )
    assert newest == [("red", f"roof late\n{long_line}")]
    assert seen["focused"]
    assert seen["height"] >= 3  # both lines, the long one wrapped, shown whole
    assert str(seen["cell"]) == f"roof late\n{long_line}"


def test_start_notification_breaks_between_codes(app_on, demo_url, drive, wait, db_rows):
    from rich.cells import cell_len

    codes = [code for (code,) in db_rows(demo_url, "SELECT code FROM project")]
    shown = []

    async def scenario(pilot):
        await wait(pilot)
        shown.extend(notes(pilot.app))

    drive(app_on(demo_url, lang="zh"), scenario, size=(80, 24))
    [message] = [m for m in shown if "逾期" in m]
    lines = message.splitlines()
    assert len(lines) > 2
    assert all(cell_len(line) <= 36 for line in lines)  # a toast's line at 80 columns
    words = [w for line in lines for w in line.replace("：", "、").split("、") if w]
    assert sum(w in codes for w in words) >= 3 and all(
        w in codes for w in words if w.startswith("YH")
    )
