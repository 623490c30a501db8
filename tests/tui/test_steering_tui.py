"""The steering fields in the TUI (issue #16): a project's leader in charge, library and
statistics enrolment in the facts form, a problem's kind and level in its form, the dashboard's
filter on the leader; keys only, the database asserted after."""

from __future__ import annotations

from tracker.cli.main import main
from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen
from tracker.tui.widgets.portfolio_table import PortfolioTable


async def _open_sports(pilot, wait) -> None:
    pilot.app.open_project("YH-SPORTS")
    await wait(pilot)
    assert isinstance(pilot.app.screen, ProjectScreen)


def _add_leader(url: str) -> None:
    assert main(["--db", url, "--today", "2026-11-28", "leader", "add", "张三"]) == 0


def test_the_facts_form_sets_leader_library_and_enrolment(
    retype, make_app, drive, wait, demo_url, db_rows
):
    _add_leader(demo_url)

    async def scenario(pilot):
        await _open_sports(pilot, wait)
        await pilot.press("f")
        await wait(pilot)
        assert isinstance(pilot.app.screen, Form)
        await retype(pilot, "#field-leader", "张三")
        await retype(pilot, "#field-library", "续建")
        await retype(pilot, "#field-enrolled_on", "2026-11-20")
        await retype(pilot, "#field-enrolled", "3,200万")
        await pilot.press("ctrl+s")
        await wait(pilot)
        assert not isinstance(pilot.app.screen, Form)

    drive(make_app(), scenario, size=(140, 60))
    assert db_rows(
        demo_url,
        "SELECT l.name, p.library, p.enrolled_on, p.enrolled_cents FROM project p "
        "JOIN leader l ON l.id = p.leader_id WHERE p.code = 'YH-SPORTS'",
    ) == [("张三", "continuing", "2026-11-20", 32_000_000 * 100)]


def test_an_unknown_leader_or_library_is_not_saved(
    retype, make_app, drive, wait, demo_url, db_rows
):
    _add_leader(demo_url)
    before = db_rows(demo_url, "SELECT leader_id, library, version FROM project ORDER BY id")

    async def scenario(pilot):
        await _open_sports(pilot, wait)
        await pilot.press("f")
        await wait(pilot)
        await retype(pilot, "#field-library", "在建库")
        await pilot.press("ctrl+s")
        await wait(pilot)
        still_open = isinstance(pilot.app.screen, Form)
        await retype(pilot, "#field-library", "")
        await retype(pilot, "#field-leader", "张四")
        await pilot.press("ctrl+s")
        await wait(pilot)
        return still_open, isinstance(pilot.app.screen, Form)

    assert drive(make_app(), scenario) == (True, True)
    assert (
        db_rows(demo_url, "SELECT leader_id, library, version FROM project ORDER BY id") == before
    )


def test_a_problem_gets_its_kind_and_level(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await _open_sports(pilot, wait)
        await pilot.press("p")
        await wait(pilot)
        await retype(pilot, "#field-description", "林地指标未落实")
        await retype(pilot, "#field-kind", "林地")
        await retype(pilot, "#field-level", "省")
        await pilot.press("ctrl+s")
        await wait(pilot)

    drive(make_app(), scenario)
    assert db_rows(
        demo_url, "SELECT kind, level FROM problem WHERE description = '林地指标未落实'"
    ) == [("forest", "province")]


def test_the_dashboard_filters_on_the_leader(make_app, drive, wait, demo_url, db_rows):
    _add_leader(demo_url)
    for code in ("YH-SPORTS", "YH-ARTS"):
        argv = ["--db", demo_url, "--today", "2026-11-28", "assign", code, "--leader", "张三"]
        assert main(argv) == 0

    async def scenario(pilot):
        await wait(pilot)
        table = pilot.app.screen.query_one(PortfolioTable)
        await pilot.press("slash", *"张三")
        return {row["code"] for row in table.view}

    assert drive(make_app(), scenario) == {"YH-SPORTS", "YH-ARTS"}
