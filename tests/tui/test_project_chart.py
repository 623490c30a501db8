"""`c` on the project screen charts the year's cumulative investment against the plan (the points
drawn are the database's months), the lights and the milestones' slip week by week (from the
status history and the audit trail); escape closes it; keys only."""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.tui.conftest import TODAY, Clock
from tracker.core.dates import Deadline
from tracker.store.engine import make_engine
from tracker.store.write.service import Service
from tracker.tui.screens.project import ProjectScreen
from tracker.tui.screens.project_chart import ProjectChartScreen


async def open_chart(pilot, wait) -> ProjectChartScreen:  # type: ignore[no-untyped-def]
    """Open YH-SPORTS and press `c`: the chart screen it shows."""
    pilot.app.open_project("YH-SPORTS")
    await wait(pilot)
    await pilot.press("c")
    await wait(pilot)
    chart = pilot.app.screen
    assert isinstance(chart, ProjectChartScreen)
    return chart


def test_c_charts_the_years_investment_and_escape_closes(make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        chart = await open_chart(pilot, wait)
        await pilot.press("escape")
        await wait(pilot)
        assert isinstance(pilot.app.screen, ProjectScreen)
        return chart

    chart = drive(make_app(), scenario, size=(120, 40))
    months = db_rows(
        demo_url,
        "SELECT r.month, r.amount_cents FROM investment_report r JOIN project p "
        "ON p.id = r.project_id WHERE p.code = 'YH-SPORTS' AND r.year = 2026 ORDER BY r.month",
    )
    ((plan,),) = db_rows(
        demo_url,
        "SELECT i.planned_cents FROM investment_plan i JOIN project p ON p.id = i.project_id "
        "WHERE p.code = 'YH-SPORTS' AND i.year = 2026",
    )
    running, expected = 0, []
    for month, cents in months:
        running += cents or 0
        expected.append((month, running))
    assert chart.plan == plan
    assert chart.points[-1] == expected[-1] and len(chart.points) == expected[-1][0]
    assert chart.points[-1][1] == 93_300_000_000  # 9.33亿元, the demo's Jan–Oct figure


def test_c_shows_the_lights_and_the_milestones_slip_week_by_week(
    make_app, drive, wait, demo_url, db_rows
):
    # A milestone recorded on Tuesday of W47 on its month, moved a month on in W48.
    clock = Clock()
    clock.now = datetime(2026, 11, 17, 2, 0, tzinfo=UTC)
    service = Service(make_engine(demo_url), user="officer-li", clock=clock, today=TODAY)
    january = Deadline.of(date(2027, 1, 31), "month")
    service.add_milestone(
        "YH-SPORTS",
        "消防验收",
        name_en="Fire safety acceptance",
        baseline=january,
        forecast=january,
    )
    clock.now = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    service.set_forecast("YH-SPORTS", "消防验收", Deadline.of(date(2027, 2, 28), "month"))

    async def scenario(pilot):
        chart = await open_chart(pilot, wait)
        shown = {
            name: str(chart.query_one(f"#{name}", Static).render())
            for name in ("lights-line", "slip-line")
        }
        await pilot.press("pagedown")
        await wait(pilot)
        scrolled = chart.query_one(VerticalScroll).scroll_y
        await pilot.press("escape")
        await wait(pilot)
        return chart, shown, scrolled

    chart, shown, scrolled = drive(make_app(), scenario, size=(80, 24))
    assert scrolled > 0, "at 80×24 the slip chart is below the fold: page down reaches it"
    [fire] = [line for line in chart.slips.lines if line.name == "消防验收"]
    assert fire.slips == (*(None,) * 10, 0, (date(2027, 2, 28) - date(2027, 1, 31)).days)
    assert "Fire safety acceptance +28 days" in shown["slip-line"]
    ((light, override),) = db_rows(
        demo_url,
        "SELECT s.light, p.light_override FROM status_update s JOIN project p "
        "ON p.id = s.project_id WHERE p.code = 'YH-SPORTS' AND s.reported_on <= '2026-11-28' "
        "ORDER BY s.reported_on DESC, s.id DESC LIMIT 1",
    )
    assert override is None and chart.lights[-1] == ("2026-W48", light)
    assert [week for week, _ in chart.lights] == [f"2026-W{n}" for n in range(37, 49)]
    assert "W37" in shown["lights-line"] and "W48" in shown["lights-line"]
