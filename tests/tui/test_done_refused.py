"""Issue 14 bug 1 through the TUI's door: `d` on a done milestone refuses, naming the day it
was done, and writes nothing; bug 11: the light field reads the same words as `--light`."""

from __future__ import annotations

import sqlite3

from textual.widgets import Static

from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen


def _dump(url: str) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return list(conn.iterdump())


def test_d_on_a_done_milestone_says_when_it_was_done(make_app, drive, wait, demo_url):
    before = _dump(demo_url)

    async def scenario(pilot):
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        assert isinstance(pilot.app.screen, ProjectScreen)
        await pilot.press("d")
        await wait(pilot)
        form = pilot.app.screen
        assert isinstance(form, Form)
        assert "Main structure topped out" in str(form.query_one("#form-context", Static).render())
        await pilot.press("enter")
        await wait(pilot)
        assert pilot.app.screen is form
        return str(form.query_one("#form-error", Static).render())

    message = drive(make_app(), scenario)
    assert "2026-06-26" in message and "{done}" not in message
    assert _dump(demo_url) == before


def test_light_field_reads_yellow(make_app, drive, wait):
    from tracker.tui.screens.forms import read_light

    assert read_light("en")("yellow")[0] == "amber"
    assert read_light("zh")("黄")[0] == "amber"
