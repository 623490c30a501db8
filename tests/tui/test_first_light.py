"""A project's light in the TUI is the alert rules' light from the first frame on, or none until
they have given it: never another colour that the rules' light then replaces.

The alert rules' read is held back until the test has looked at the first frames, so the test
sees what a user sees on a portfolio large enough for the rules to take seconds.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import date, timedelta
from functools import partial
from typing import Any

from textual.widgets import Static

from tracker.alerts.facts import project_lights
from tracker.i18n.glossary import LIGHT_MARKS
from tracker.store.engine import make_engine
from tracker.store.model import Light
from tracker.store.read.plainsql import PlainConnection
from tracker.store.write.service import Service
from tracker.tui.app import TrackerApp
from tracker.tui.ledger import Ledger
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.project import ProjectScreen
from tracker.tui.widgets.portfolio_table import PortfolioTable

TODAY = date(2026, 11, 28)


class HeldLedger(Ledger):
    """The real ledger, whose alert rules' read waits until the test releases it."""

    def __init__(self, url: str) -> None:
        super().__init__(
            partial(PlainConnection, url), lambda: Service(make_engine(url), user="officer-li")
        )
        self.release = threading.Event()

    def alerts(self, *args: Any, **kwargs: Any) -> Any:
        """The rules' lights and alerts, once released."""
        self.release.wait(20)
        return super().alerts(*args, **kwargs)


def recorded_light(url: str, code: str) -> str | None:
    """The light the first paint used to show: the override, else the latest status update's."""
    with PlainConnection(url) as conn:
        row = conn.rows(
            "SELECT p.light_override, (SELECT s.light FROM status_update s "
            "WHERE s.project_id = p.id ORDER BY s.reported_on DESC, s.id DESC LIMIT 1) AS light "
            "FROM project p WHERE p.code = :code",
            {"code": code},
        )[0]
    return row["light_override"] or row["light"]


def contradicting_portfolio(url: str) -> tuple[str, str]:
    """Give the demo one project with an expired red override whose rules' light is not red, and
    one whose latest status says green while an overdue milestone makes its rules' light red."""
    with PlainConnection(url) as conn:
        lights = project_lights(conn, TODAY)
    expired = next(code for code, pl in sorted(lights.items()) if pl.light != "red")
    overdue = next(
        code
        for code, pl in sorted(lights.items())
        if pl.light == "red" and any("overdue" in r or "逾期" in r for r in pl.reasons)
    )
    service = Service(make_engine(url), user="officer-li")
    service.override_light(expired, Light.RED, "资金未到位", on=TODAY - timedelta(days=90))
    service.add_status(overdue, Light.GREEN, "进展顺利", on=TODAY)
    return expired, overdue


def painted_marks(table: PortfolioTable) -> dict[str, str]:
    """The light mark each row shown on screen starts with, by project code."""
    width = table.scrollable_content_region.width
    marks = {}
    for index in range(min(len(table.view), table.scrollable_content_region.height - 1)):
        text = "".join(segment.text for segment in table._row_strip(index, width))
        marks[table.view[index]["code"]] = text[:3]
    return marks


async def until(condition: Any, pilot: Any) -> None:
    """Let the app run until `condition()` holds (the held read keeps workers from finishing)."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


def test_the_first_paint_shows_the_rules_light_or_none(demo_url):
    expired, overdue = contradicting_portfolio(demo_url)
    with PlainConnection(demo_url) as conn:
        rules = {code: pl.light for code, pl in project_lights(conn, TODAY).items()}
    # The two projects are ones where the light recorded by hand and the rules' light differ.
    assert recorded_light(demo_url, expired) == "red" != rules[expired]
    assert recorded_light(demo_url, overdue) == "green" != rules[overdue]

    ledger = HeldLedger(demo_url)
    app = TrackerApp(
        ledger=ledger, today=lambda: TODAY, lang="en", warm_writer=False, cursor_blink=False
    )

    async def scenario() -> tuple[dict[str, str], ...]:
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.wait_for(app.rows_shown.wait(), 10)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            table = screen.query_one(PortfolioTable)
            first = painted_marks(table)
            await until(lambda: screen.all_rows_shown, pilot)
            all_rows = {row["code"]: row["light"] for row in table.rows}
            app.open_project(expired)
            await until(lambda: getattr(app.screen, "file", None) is not None, pilot)
            project = app.screen
            assert isinstance(project, ProjectScreen)
            held_title = str(project.query_one("#project-title", Static).render())
            ledger.release.set()
            await asyncio.wait_for(app.alerts_shown.wait(), 20)
            await until(lambda: project.light is not None, pilot)
            title = str(project.query_one("#project-title", Static).render())
            await pilot.press("escape")
            await until(lambda: app.screen is screen, pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()
            final = {row["code"]: row["light"] for row in table.rows}
            return first, all_rows, {"held": held_title, "final": title}, final

    first, all_rows, titles, final = asyncio.run(scenario())
    assert expired in first and overdue in first
    assert set(first.values()) == {LIGHT_MARKS[None]}  # no light until the rules give it
    assert set(all_rows.values()) == {None}
    assert titles["held"].startswith(LIGHT_MARKS[None])
    assert titles["final"].startswith(LIGHT_MARKS[rules[expired]])
    assert final == rules
