"""Pictures of the dashboard, the project screen, a form showing a validation error, the
project's charts and the dispatch meeting's screen, in Chinese and English, on the demo
portfolio, today 2026-11-28, at a fixed size.

Regenerate on purpose (after a Textual upgrade or a deliberate change of look) with
`pytest tests/tui/test_snapshots.py --snapshot-update`, and look at the pictures.
"""

from __future__ import annotations

import asyncio

import pytest

SIZE = (100, 30)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def dashboard(pilot) -> None:
    await asyncio.wait_for(pilot.app.rows_shown.wait(), 10)
    await settle(pilot)


async def project(pilot) -> None:
    await dashboard(pilot)
    pilot.app.open_project("YH-SPORTS")
    await settle(pilot)
    await pilot.press("down")


async def invalid_form(pilot) -> None:
    await project(pilot)
    await pilot.press("e")
    await settle(pilot)
    await pilot.press("ctrl+u", *"2027-02-30", "enter")
    await settle(pilot)


async def chart(pilot) -> None:
    await project(pilot)
    await pilot.press("c")  # the year's investment, the lights and the slip by week
    await settle(pilot)


async def meeting(pilot) -> None:
    await dashboard(pilot)
    await pilot.press("m")
    await settle(pilot)
    await pilot.press("n")  # today's meeting, its agenda built from the demo
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "scene",
    [dashboard, project, invalid_form, chart, meeting],
    ids=["dashboard", "project", "form_error", "chart", "meeting"],
)
def test_snapshot(snap_compare, make_app, lang, scene):
    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=scene)
