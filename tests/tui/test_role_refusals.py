"""On a shared database a login's role may not make some writes: the TUI says so in one line,
writes nothing and goes on running (a form's save, the meeting screen's keys). The login's
standing (a Grant, as tracker.store.identity reads it from PostgreSQL) is given to the service
here on the demo's SQLite copy; tests/trust holds the database to the same refusals."""

from __future__ import annotations

from functools import partial

from textual.widgets import Static

from tracker.store.identity import Grant
from tracker.tui.screens.form import Form
from tracker.tui.screens.meeting_screen import MeetingScreen

from .conftest import TODAY, Clock


def _app_as(url: str, grant: Grant):  # type: ignore[no-untyped-def]
    from tracker.store.engine import make_engine
    from tracker.store.read.plainsql import PlainConnection
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp
    from tracker.tui.ledger import Ledger

    clock = Clock()
    ledger = Ledger(
        partial(PlainConnection, url),
        lambda: Service(make_engine(url), user=grant.login, clock=clock, today=TODAY, grant=grant),
    )
    return TrackerApp(ledger=ledger, today=lambda: TODAY, warm_writer=False, cursor_blink=False)


def test_an_officer_of_another_unit_is_refused_in_the_form(retype, drive, wait, demo_url, dump):
    before = dump(demo_url)
    officer = Grant("wang", "王伟", "officer", ["区卫健局"], owner=False)

    async def scenario(pilot):
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("u")
        await wait(pilot)
        form = pilot.app.screen
        assert isinstance(form, Form)
        await retype(pilot, "#field-light", "red")
        await retype(pilot, "#field-narrative", "屋盖合龙推迟")
        await pilot.press("ctrl+s")
        await wait(pilot)
        assert pilot.app.screen is form  # still open, saying why
        said = str(form.query_one("#form-error", Static).render())
        assert "wang" in said and "YH-SPORTS" in said

    drive(_app_as(demo_url, officer), scenario)
    assert dump(demo_url) == before


def test_an_officer_may_not_record_the_bureaus_meeting(drive, wait, demo_url, dump):
    before = dump(demo_url)
    officer = Grant("wang", "王伟", "officer", ["区体育局"], owner=False)

    async def scenario(pilot):
        await pilot.press("m")
        await wait(pilot)
        await pilot.press("n")
        await wait(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)  # still running, on its screen
        shown = [str(n.message) for n in pilot.app._notifications]
        assert any("may not record" in text for text in shown)

    drive(_app_as(demo_url, officer), scenario)
    assert dump(demo_url) == before
