"""The approvals tab of the project screen (前期手续, issue #16): the highlighted item is the one
the `v` form records, its approval and document number land in the database, a recorded day
changed in the form is named as a correction, and ctrl+z takes the write back; keys only."""

from __future__ import annotations

from textual.widgets import DataTable

from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen

ITEMS = (
    "SELECT a.step, a.submitted, a.approved, a.number FROM approval_item a "
    "JOIN project p ON p.id = a.project_id WHERE p.code = 'YH-ARTS' ORDER BY a.position"
)


async def _arts_approvals(pilot, wait) -> None:
    pilot.app.open_project("YH-ARTS")
    await wait(pilot)
    assert isinstance(pilot.app.screen, ProjectScreen)
    await pilot.press("8")
    await wait(pilot)


def test_the_v_form_records_the_highlighted_item(retype, make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await _arts_approvals(pilot, wait)
        table = pilot.app.screen.query_one("#approvals", DataTable)
        assert table.row_count == 6 and table.has_focus
        await pilot.press("down")  # from the proposal (approved) to the feasibility study
        await pilot.press("v")
        await wait(pilot)
        assert isinstance(pilot.app.screen, Form)
        await retype(pilot, "#field-approved", "2026-11-27")
        await retype(pilot, "#field-number", "余发改审批2026-88号")
        await pilot.press("ctrl+s")
        await wait(pilot)
        assert not isinstance(pilot.app.screen, Form)

    drive(make_app(), scenario, size=(140, 45))
    rows = db_rows(demo_url, ITEMS)
    assert rows[1] == ("feasibility", "2026-08-14", "2026-11-27", "余发改审批2026-88号")
    assert rows[2] == ("land_pre_review", None, None, None)


def test_a_correction_is_named_and_ctrl_z_takes_it_back(
    retype, make_app, drive, wait, demo_url, db_rows
):
    before = db_rows(demo_url, ITEMS)

    async def scenario(pilot):
        await _arts_approvals(pilot, wait)
        await pilot.press("v")  # the proposal, approved on 2025-03-10
        await wait(pilot)
        await retype(pilot, "#field-approved", "2025-03-12")
        echo = str(pilot.app.screen.query_one("#echo-approved").render())
        assert "2025-03-10" in echo and "2025-03-12" in echo
        await pilot.press("ctrl+s")
        await wait(pilot)
        assert db_rows(demo_url, ITEMS)[0][2] == "2025-03-12"
        await pilot.press("ctrl+z")
        await wait(pilot)

    drive(make_app(), scenario, size=(140, 45))
    assert db_rows(demo_url, ITEMS) == before
