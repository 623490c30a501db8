"""`c` on the project screen charts the year's cumulative investment against the plan; the
points drawn are the database's months; escape closes it; keys only."""

from __future__ import annotations

from tracker.tui.screens.project import ProjectScreen
from tracker.tui.screens.project_chart import ProjectChartScreen


def test_c_charts_the_years_investment_and_escape_closes(make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("c")
        await wait(pilot)
        chart = pilot.app.screen
        assert isinstance(chart, ProjectChartScreen)
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
