"""The dashboard's header shows the programme's four rates (issue #17), read in a worker after
the rows and the alerts: on the portfolio of 20 planned new starts, 15 started, at 2026-09-30."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial

TODAY = date(2026, 9, 30)


def _app(url: str, lang: str):  # type: ignore[no-untyped-def]
    from tracker.store.engine import make_engine
    from tracker.store.read.plainsql import PlainConnection
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp
    from tracker.tui.ledger import Ledger

    ledger = Ledger(
        partial(PlainConnection, url), lambda: Service(make_engine(url), user="li", today=TODAY)
    )
    return TrackerApp(
        ledger=ledger, today=lambda: TODAY, lang=lang, warm_writer=False, cursor_blink=False
    )


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _header(url: str, lang: str) -> str:
    app = _app(url, lang)

    async def main() -> str:
        async with app.run_test(size=(160, 40)) as pilot:
            await asyncio.wait_for(app.rows_shown.wait(), 10)
            await _settle(pilot)
            return str(app.screen.query_one("#rates").render())

    return asyncio.run(main())


def test_the_header_shows_the_start_rate_against_its_target(portfolio):
    header = _header(portfolio, "en")
    # every project: the 20, LEFT and OUTSIDE planned in 2026, 15 started
    assert "start rate 68.2% (target 85% by 30 Sep 2026, gap 16.8 points)" in header
    assert "investment completion rate —" in header
    assert "on-time completion rate —" in header


def test_the_header_in_chinese(portfolio):
    header = _header(portfolio, "zh")
    assert "开工率 68.2%（目标 2026年9月30日前 85%，差距 16.8 个百分点）" in header
    assert "资金到位率 —" in header


def test_r_charts_the_start_rate_against_the_target_curve_and_escape_closes(portfolio):
    from tracker.tui.screens.dashboard import DashboardScreen

    app = _app(portfolio, "en")

    async def main():  # type: ignore[no-untyped-def]
        async with app.run_test(size=(160, 40)) as pilot:
            await asyncio.wait_for(app.rows_shown.wait(), 10)
            await _settle(pilot)
            await pilot.press("r")
            await _settle(pilot)
            chart = app.screen
            await pilot.press("escape")
            await _settle(pilot)
            return chart, app.screen

    chart, after = asyncio.run(main())
    assert type(chart).__name__ == "RatesChartScreen"
    assert isinstance(after, DashboardScreen)
    # day by day from 1 January to today; 15 of the 22 planned started by 30 September
    assert chart.actual[0] == (date(2026, 1, 1), 0.0)
    assert chart.actual[-1] == (TODAY, 68.2)
    assert len(chart.actual) == TODAY.timetuple().tm_yday
    assert (date(2026, 6, 30), 54.5) in chart.actual  # 12 started by the end of Q2
    assert chart.target == [
        (date(2026, 1, 1), 0.0),
        (date(2026, 3, 31), 30.0),
        (date(2026, 6, 30), 60.0),
        (date(2026, 9, 30), 85.0),
        (date(2026, 10, 31), 100.0),
        (date(2026, 12, 31), 100.0),
    ]
