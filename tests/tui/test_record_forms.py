"""The TUI's forms for the rest of the records (issue #14): a new project, a project's facts,
a year's plan, a milestone renamed, reopened, removed and brought back; keys only, the
database asserted after."""

from __future__ import annotations

from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen


async def field(pilot, retype, key: str, text: str) -> None:
    """Clear a field of the open form by keys and type `text` (the `retype` fixture)."""
    assert isinstance(pilot.app.screen, Form)
    await retype(pilot, f"#field-{key}", text)


async def open_sports(pilot, wait) -> ProjectScreen:
    pilot.app.open_project("YH-SPORTS")
    await wait(pilot)
    assert isinstance(pilot.app.screen, ProjectScreen)
    return pilot.app.screen


def test_add_a_project_from_the_dashboard(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await pilot.press("n")
        await wait(pilot)
        await field(pilot, retype, "code", "YH-POOL")
        await field(pilot, retype, "name", "区游泳馆")
        await field(pilot, retype, "stage", "在建")
        await field(pilot, retype, "officer", "王伟")
        await field(pilot, retype, "total", "3.2亿")
        await pilot.press("ctrl+s")
        await wait(pilot)
        assert not isinstance(pilot.app.screen, Form)

    drive(make_app(), scenario)
    assert db_rows(
        demo_url,
        "SELECT name, stage, officer, total_investment_cents FROM project WHERE code = 'YH-POOL'",
    ) == [("区游泳馆", "construction", "王伟", 320_000_000 * 100)]


def test_edit_facts_and_set_a_plan(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await open_sports(pilot, wait)
        await pilot.press("f")
        await wait(pilot)
        await field(pilot, retype, "unit", "区体育局")
        await pilot.press("ctrl+s")
        await wait(pilot)
        await pilot.press("y")
        await wait(pilot)
        await field(pilot, retype, "year", "2027")
        await field(pilot, retype, "amount", "5亿")
        await field(pilot, retype, "target", "主体完工")
        await pilot.press("ctrl+s")
        await wait(pilot)

    before = db_rows(
        demo_url, "SELECT officer, total_investment_cents FROM project WHERE code = 'YH-SPORTS'"
    )
    drive(make_app(), scenario)
    assert db_rows(
        demo_url,
        "SELECT unit, officer, total_investment_cents FROM project WHERE code = 'YH-SPORTS'",
    ) == [("区体育局", *before[0])]
    assert db_rows(
        demo_url,
        "SELECT planned_cents, progress_target FROM investment_plan ip JOIN project p "
        "ON p.id = ip.project_id WHERE p.code = 'YH-SPORTS' AND ip.year = 2027",
    ) == [(500_000_000 * 100, "主体完工")]


def test_rename_reopen_remove_and_undo(retype, make_app, drive, wait, demo_url, db_rows):
    def names():
        return [
            n
            for (n,) in db_rows(
                demo_url,
                "SELECT m.name FROM milestone m JOIN project p ON p.id = m.project_id "
                "WHERE p.code = 'YH-SPORTS' ORDER BY m.id",
            )
        ]

    before = names()

    async def scenario(pilot):
        await open_sports(pilot, wait)
        await pilot.press("o")  # the first milestone, done 2026-06-26
        await wait(pilot)
        await pilot.press("down", "n")
        await wait(pilot)
        await field(pilot, retype, "name", "钢屋盖合龙")
        await pilot.press("ctrl+s")
        await wait(pilot)
        await pilot.press("down", "x")
        await wait(pilot)
        assert len(names()) == len(before) - 1
        await pilot.press("ctrl+z")
        await wait(pilot)
        shown = [str(n.message) for n in pilot.app._notifications]
        assert f"Undone: the removal of {third} (YH-SPORTS)" in shown

    third = "Completion acceptance"
    drive(make_app(), scenario)
    assert names() == [before[0], "钢屋盖合龙", *before[2:]]
    assert db_rows(
        demo_url,
        "SELECT m.done FROM milestone m JOIN project p ON p.id = m.project_id "
        "WHERE p.code = 'YH-SPORTS' AND m.name = ?",
        before[0],
    ) == [(None,)]


def test_done_form_on_a_done_milestone_says_so_and_writes_nothing(
    make_app, drive, wait, demo_url, db_rows
):
    from textual.widgets import Static

    seen = {}
    before = db_rows(demo_url, "SELECT id, done, version FROM milestone ORDER BY id")

    async def scenario(pilot):
        await open_sports(pilot, wait)
        await pilot.press("d")  # the first milestone, 主体结顶, done 2026-06-26
        await wait(pilot)
        form = pilot.app.screen
        seen["context"] = str(form.query_one("#form-context", Static).render())
        await pilot.press("enter")
        await wait(pilot)
        seen["error"] = str(form.query_one("#form-error", Static).render())

    drive(make_app(), scenario)
    assert "Already done on 2026-06-26" in seen["context"]
    assert "2026-06-26" in seen["error"]
    assert db_rows(demo_url, "SELECT id, done, version FROM milestone ORDER BY id") == before
