"""The dashboard on the demo portfolio: rows, sorting, filtering, summary, alerts."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import tomllib
from datetime import date
from pathlib import Path

from rich.console import Console

from tracker.tui.widgets.portfolio_table import PortfolioTable

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "benchmarks" / "tui_probe.py"


def demo_codes(url: str) -> list[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return [code for (code,) in conn.execute("SELECT code FROM project ORDER BY code")]


def test_dashboard_shows_every_project_by_code(make_app, drive, demo_url):
    async def scenario(pilot):
        return [row["code"] for row in pilot.app.screen.query_one(PortfolioTable).view]

    assert drive(make_app(), scenario) == demo_codes(demo_url)


def test_sort_by_any_column_and_filter_as_you_type(make_app, drive, db_rows, demo_url):
    async def scenario(pilot):
        table = pilot.app.screen.query_one(PortfolioTable)
        await pilot.press("s")  # from code to project name
        names = [row["name_en"] or row["name"] for row in table.view]
        assert names == sorted(names)
        await pilot.press("S")
        assert [row["name_en"] or row["name"] for row in table.view] == sorted(names, reverse=True)
        await pilot.press("slash", *"rail")
        shown = {row["code"] for row in table.view}
        summary = str(pilot.app.screen.query_one("#summary").render())
        await pilot.press("escape")
        return shown, summary, len(table.view)

    shown, summary, after_escape = drive(make_app(), scenario)
    expected = db_rows(
        demo_url,
        "SELECT code FROM project WHERE code || ' ' || name || ' ' || COALESCE(name_en, '') "
        "|| ' ' || COALESCE(unit, '') || ' ' || COALESCE(officer, '') LIKE '%rail%'",
    )
    assert shown == {code for (code,) in expected} and len(shown) >= 2
    assert summary.startswith(f"projects {len(shown)} ")
    assert after_escape == 14


def test_summary_totals_every_project_never_only_the_first_page(make_app, drive, wait, monkeypatch):
    from textual.widgets import Static

    import tracker.tui.ledger

    monkeypatch.setattr(tracker.tui.ledger, "FIRST_PAGE", 5)
    shown: list[str] = []
    update = Static.update

    def record(self, content="", **options):  # type: ignore[no-untyped-def]
        if self.id == "summary":
            shown.append(str(content))
        return update(self, content, **options)

    monkeypatch.setattr(Static, "update", record)

    async def scenario(pilot):
        await wait(pilot)
        return len(pilot.app.screen.query_one(PortfolioTable).rows)

    assert drive(make_app(), scenario) == 14
    assert shown and all(text.startswith("projects 14 ") for text in shown)


def test_rows_fit_the_width_so_a_small_terminal_keeps_them_clear_of_a_scrollbar(
    make_app, drive, wait
):
    async def scenario(pilot):
        await wait(pilot)
        table = pilot.app.screen.query_one(PortfolioTable)
        return table.show_horizontal_scrollbar, table.show_vertical_scrollbar

    assert drive(make_app(), scenario, size=(40, 12)) == (False, True)


def test_days_left_and_year_percent_come_from_the_database(make_app, drive, db_rows, demo_url):
    async def scenario(pilot):
        table = pilot.app.screen.query_one(PortfolioTable)
        return {row["code"]: row for row in table.rows}["YH-SPORTS"]

    row = drive(make_app(), scenario)
    done = db_rows(
        demo_url,
        "SELECT SUM(amount_cents) FROM investment_report r JOIN project p ON p.id = r.project_id "
        "WHERE p.code = 'YH-SPORTS' AND r.year = 2026",
    )[0][0]
    plan = 12 * 10**8 * 100  # the demo's 2026 plan: 12亿
    assert row["year_percent"] == round(done * 100 / plan)
    assert row["next_name"] == "钢结构屋盖合龙"
    assert row["days_left"] == (date(2026, 12, 31) - date(2026, 11, 28)).days


def test_palette_jumps_to_a_project_by_name(make_app, drive, wait):
    async def scenario(pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"Hypergravity")
        await wait(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait(pilot)
        return getattr(pilot.app.screen, "code", None)

    assert drive(make_app(), scenario) == "YH-HYPERGRAV"


def test_enter_and_click_open_the_project(make_app, drive, wait):
    async def scenario(pilot):
        await pilot.press("down", "enter")
        await wait(pilot)
        first = pilot.app.screen.code
        await pilot.press("escape")
        await pilot.click(PortfolioTable, offset=(20, 3))
        await pilot.click(PortfolioTable, offset=(20, 3))
        await wait(pilot)
        return first, pilot.app.screen.code

    codes = drive(make_app(), scenario)
    assert codes == ("YH-ARTS", "YH-AXIS")


def test_key_bar_shows_the_keys_that_work_here_and_a_click_presses_one(make_app, drive, wait):
    from tracker.tui.widgets.bars import KeyBar, TitleBar

    async def scenario(pilot):
        bar = pilot.app.screen.query_one(KeyBar)
        table = pilot.app.screen.query_one(PortfolioTable)
        on_table = bar.render_line(0).text
        await pilot.click(KeyBar, offset=(on_table.index(" s sort") + 1, 0))
        sorted_by = table.sort_index
        await pilot.click(KeyBar, offset=(on_table.index(" / filter") + 1, 0))
        await wait(pilot)
        in_filter = bar.render_line(0).text
        focused = pilot.app.focused.id if pilot.app.focused else None
        await pilot.press("escape")
        await pilot.click(TitleBar, offset=(1, 0))
        await wait(pilot)
        return on_table, sorted_by, in_filter, focused, type(pilot.app.screen).__name__

    on_table, sorted_by, in_filter, focused, screen = drive(make_app(), scenario)
    for key in (" s sort ", " S reverse ", " / filter ", " d done ", " ? help ", " ^z undo "):
        assert key in on_table
    assert on_table.rstrip().endswith("projects palette") and "▏" in on_table
    assert sorted_by == 2  # from code to project name
    assert focused == "filter" and " s sort " not in in_filter and " / filter " in in_filter
    assert screen == "CommandPalette"


def test_title_bar_shows_the_title_and_the_day(make_app, drive):
    from tracker.tui.widgets.bars import TitleBar

    async def scenario(pilot):
        bar = pilot.app.screen.query_one(TitleBar)
        first = bar.render_line(0).text
        pilot.app.sub_title = "2026-11-29"
        await pilot.pause()
        return first, pilot.app.export_screenshot()

    first, repainted = drive(make_app(lang="zh"), scenario)
    assert first.split() == ["⭘", "重大项目推进台账", "—", "2026-11-28"]
    assert "2026-11-29" in repainted and "2026-11-28" not in repainted


def test_help_lists_every_key_of_every_screen(make_app, drive, wait):
    from tracker.tui.screens.dashboard import DashboardScreen
    from tracker.tui.screens.form import Form
    from tracker.tui.screens.help import KEYS, keys_table
    from tracker.tui.screens.project import ProjectScreen

    documented = " ".join(key for _place, keys in KEYS for key, _what in keys)
    for owner in (DashboardScreen, ProjectScreen, Form, PortfolioTable):
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):
                shown = {"slash": "/", "question_mark": "?", "f1": "F1"}.get(key, key)
                assert shown in documented or key.isdigit(), (owner.__name__, key)

    async def scenario(pilot):
        await pilot.press("question_mark")
        await wait(pilot)
        shown = type(pilot.app.screen).__name__
        await pilot.press("escape")
        await pilot.press("f1")
        return shown, type(pilot.app.screen).__name__

    assert drive(make_app(), scenario) == ("HelpScreen", "HelpScreen")
    console = Console(record=True, width=120)
    console.print(keys_table("zh"))
    assert "撤销本次会话的上一次修改" in console.export_text()


def test_a_wide_terminal_gets_the_wide_layout_from_the_first_frame(make_app, drive, monkeypatch):
    widths: list[int] = []
    render_line = PortfolioTable.render_line

    def record(self, y):  # type: ignore[no-untyped-def]
        widths.append(self.size.width)
        return render_line(self, y)

    monkeypatch.setattr(PortfolioTable, "render_line", record)

    async def scenario(pilot):
        return pilot.app.screen.query_one("#alerts").region

    alerts = drive(make_app(), scenario, size=(150, 40))
    assert alerts.x > 0 and set(widths) == {150 - alerts.width}  # alerts beside, every frame


def test_an_empty_portfolio_still_paints_and_says_so(tmp_path, app_on, drive, wait):
    from tracker.cli.setup import init_database
    from tracker.config.run import Settings

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    init_database(Settings(db_url=url, today=date(2026, 11, 28), lang="en", user="t"), demo=False)

    async def scenario(pilot):
        await wait(pilot)
        return str(pilot.app.screen.query_one("#summary").render())

    assert drive(app_on(url), scenario).startswith("projects 0 ")


def test_first_paint_keeps_to_its_start_up_budget(demo_url):
    """The modules the TUI has loaded when its rows are on screen are those the budget in
    pyproject.toml names, and none it forbids (the ORM among them)."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
    budget = next(c for c in contracts if c["id"] == "budget-tui")
    code = f"""
import asyncio, sys
from tracker.config.run import Settings
from datetime import date
from tracker.tui.launch import app_for

async def main():
    settings = Settings(db_url={demo_url!r}, today=date(2026, 11, 28), lang="en", user="t")
    app = app_for(settings, warm_writer=False)
    async with app.run_test() as pilot:
        await app.rows_shown.wait()
        print(*sorted(sys.modules))

asyncio.run(main())
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(out.strip().splitlines()[-1].split())
    assert {m for m in loaded if m.split(".")[0] in budget["forbidden_modules"]} == set()
    packages = {m.rpartition(".")[0] for m in loaded if m.startswith("tracker.")}
    ours = {m for m in loaded if m.startswith("tracker.") and m not in packages}
    assert ours == set(budget["source_modules"])


def test_launch_and_ledger_import_no_textual():
    code = "import sys, tracker.tui.launch, tracker.tui.ledger; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_probe_prints_one_json_line_for_the_benchmark(demo_url):
    out = subprocess.run(
        [sys.executable, str(PROBE), "--db", demo_url, "--today", "2026-11-28"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["rows"] == 14
    assert set(figures) >= {"rows_s", "alerts_s", "write_side_s", "filter_s", "peak_rss_mb"}
    assert 0 < figures["rows_s"] <= figures["alerts_s"] and figures["peak_rss_mb"] > 0


def test_probe_takes_its_process_start_within_a_clock_tick():
    before = time.time()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(PROBE.parent)!r}); "
            "from tui_probe import process_start; print(*process_start())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = time.time()
    start, clock = out.split()
    if clock == "proc":  # the kernel's start, rounded down to one of its clock ticks
        tick = 1 / os.sysconf("SC_CLK_TCK")
        assert before - tick - 0.001 <= float(start) <= after
