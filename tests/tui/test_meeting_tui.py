"""The dispatch meeting's screen (`m`): the open actions, overdue first; `d` marks the one
highlighted done today and only that one; `n` records today's meeting with its agenda; keys only."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from tracker.core.dates import Deadline, Precision
from tracker.tui.screens.meeting_screen import MeetingScreen

ACTIONS = "SELECT description, done_on FROM meeting_action ORDER BY id"


def _meeting_with_two_actions(url: str) -> None:
    from tracker.store.engine import make_engine
    from tracker.store.write.service import Service

    service = Service(make_engine(url), user="coordinator-wang", today=date(2026, 11, 28))
    meeting = service.add_meeting(date(2026, 11, 20), None, "{}")
    assert meeting.id is not None
    for text, due in (
        ("屋盖合龙专题协调", date(2026, 12, 20)),
        ("医用专项招标", date(2026, 11, 25)),
    ):
        service.add_action(meeting.id, "YH-SPORTS", text, "区体育局", Deadline(due, Precision.DAY))


def test_d_marks_the_highlighted_action_done(make_app, drive, wait, demo_url, db_rows):
    _meeting_with_two_actions(demo_url)

    async def scenario(pilot):
        await pilot.press("m")
        await wait(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
        table = pilot.app.screen.query_one("#actions", DataTable)
        assert table.row_count == 2 and table.has_focus
        # The overdue action comes first; the second row is the one to mark.
        assert str(table.get_row_at(0)[3]) == "医用专项招标"
        await pilot.press("down", "d")
        await wait(pilot)
        assert table.row_count == 1

    drive(make_app(), scenario, size=(120, 40))
    assert db_rows(demo_url, ACTIONS) == [
        ("屋盖合龙专题协调", "2026-11-28"),
        ("医用专项招标", None),
    ]


def test_n_records_todays_meeting_with_its_agenda(make_app, drive, wait, demo_url, db_rows):
    async def scenario(pilot):
        await pilot.press("m")
        await wait(pilot)
        await pilot.press("n")
        await wait(pilot)
        summary = str(pilot.app.screen.query_one("#summary").render())
        assert "2026-11-28" in summary

    drive(make_app(), scenario, size=(120, 40))
    ((held_on, agenda),) = db_rows(demo_url, "SELECT held_on, agenda FROM meeting")
    assert held_on == "2026-11-28" and '"YH-WOMEN-HOSP"' in agenda


def test_c_closes_out_the_highlighted_instrument(make_app, drive, wait, demo_url, db_rows):
    from tracker.config.escalation_ladder import DEFAULT_LADDER
    from tracker.store.engine import make_engine
    from tracker.store.write.service import Service

    service = Service(make_engine(demo_url), user="coordinator-wang", today=date(2026, 11, 28))
    for code in ("YH-SPORTS", "YH-ARTS"):
        service.issue_instrument(
            code, DEFAULT_LADDER[1], number=None, addressee="区体育局", due=date(2026, 12, 8)
        )

    async def scenario(pilot):
        await pilot.press("m")
        await wait(pilot)
        ledger = pilot.app.screen.query_one("#ledger", DataTable)
        assert ledger.row_count == 2
        await pilot.press("tab", "down")  # to the ledger, its second row: the newest first
        assert ledger.has_focus
        await pilot.press("c")
        await wait(pilot)
        assert ledger.row_count == 1

    drive(make_app(), scenario, size=(120, 40))
    rows = db_rows(
        demo_url,
        "SELECT p.code, e.closed_on, e.closed_by FROM escalation e "
        "JOIN project p ON p.id = e.project_id ORDER BY e.id",
    )
    assert rows == [("YH-SPORTS", "2026-11-28", "officer-li"), ("YH-ARTS", None, None)]
