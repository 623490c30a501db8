"""Issue 14, bugs 6 and 12 in the TUI: the audit tab shows what `tracker log` shows, through the
same formatter: office time with the zone in the header, records by name, one date change."""

from __future__ import annotations

from textual.widgets import DataTable

from tracker.tui.screens.project import ProjectScreen


def test_the_audit_tab_is_readable_and_in_office_time(make_app, drive, wait, monkeypatch):
    monkeypatch.delenv("TRACKER_TZ", raising=False)

    async def scenario(pilot):
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("e")
        await wait(pilot)
        await pilot.press(*"2027-04-30", "enter")  # the steel roof's forecast, month -> day
        await wait(pilot)
        assert isinstance(pilot.app.screen, ProjectScreen)
        await pilot.press("6")
        await wait(pilot)
        table = pilot.app.screen.query_one("#audit", DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        rows = [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]
        return headers, [r for r in rows if r[1] == "officer-li"]

    headers, mine = drive(make_app(), scenario)
    assert headers[0] == "when (Asia/Shanghai)"
    [(when, _, *rest)] = mine  # the forecast and its precision: one change
    assert when == "2026-11-28 17:00:01"[:16]  # the clock's 09:00:01 UTC
    assert rest == ["milestone Main structure topped out", "forecast", "2026-06 → 2027-04-30"]
