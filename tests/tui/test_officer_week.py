"""An officer's whole week on one database, through both doors (issue #14's acceptance).

The CLI adds a project with its facts and plan, records two months of investment and moves a
forecast in Chinese; the real TUI, driven by keys only, moves a forecast, marks a milestone done,
raises and resolves a problem, writes a status update of two lines, undoes twice and redoes
once; then the week's report is exported. The database, the audit trail and the report's
changes must hold exactly what was meant, and nothing else.

The week is this real week and the audit clock the real clock: the report's "changes this week"
are chosen by when they were recorded, and the CLI records its changes now.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections import Counter
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tracker.cli.main import main
from tracker.tui.screens.form import Form
from tracker.tui.screens.project import ProjectScreen

TODAY = date.today()  # noqa: DTZ011 - the week under test is the real one (module docstring)


@pytest.fixture
def week_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "week.db"
    for name, value in {
        "TRACKER_DB": str(db),
        "TRACKER_TODAY": TODAY.isoformat(),
        "TRACKER_TZ": "UTC",
        "TRACKER_LANG": "en",
        "TRACKER_USER": "officer-wang",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TRACKER_SETTINGS", raising=False)
    assert main(["init", "--demo"]) == 0
    return db


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    status = main(list(argv))
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def audit(db: Path, since: int) -> list[tuple[object, ...]]:
    return rows(
        db,
        "SELECT author, record, field, old, new FROM change WHERE id > ? ORDER BY id",
        since,
    )


def the_app(db: Path):  # type: ignore[no-untyped-def]
    from tracker.store.engine import make_engine
    from tracker.store.read.plainsql import PlainConnection
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp
    from tracker.tui.ledger import Ledger

    url = f"sqlite:///{db}"
    ledger = Ledger(
        partial(PlainConnection, url), lambda: Service(make_engine(url), user="officer-li")
    )
    return TrackerApp(
        ledger=ledger, today=lambda: TODAY, lang="en", warm_writer=False, cursor_blink=False
    )


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def form_by(pilot, key: str) -> Form:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, Form), key
    return form


def cursor_to(table: DataTable, column: int, text: str) -> list[str]:
    """The arrow keys that bring the cursor to the row whose cell starts with `text`."""
    cells = [str(table.get_row_at(i)[column]) for i in range(table.row_count)]
    row = next(i for i, cell in enumerate(cells) if cell.startswith(text))
    steps = row - table.cursor_row
    return ["down"] * steps if steps >= 0 else ["up"] * -steps


def test_an_officers_week_through_both_doors(week_db, capsys, retype):
    db = week_db
    start = rows(db, "SELECT max(id) FROM change")[0][0]
    before = week_changes(capsys)  # the demo itself was recorded this week

    # Monday, at the terminal: a new project with its facts, plan and two months of figures
    cli(capsys, "project", "add", "YH-POOL", "--name", "区游泳馆", "--name-en", "District pool",
        "--category", "sports", "--stage", "design", "--unit", "区体育局", "--officer", "王伟",
        "--total-investment", "3.2亿", "--baseline-finish", "2028年6月")  # fmt: skip
    cli(capsys, "plan", "set", "YH-POOL", str(TODAY.year), "5000万", "--target", "完成方案设计")
    cli(capsys, "invest", "YH-POOL", f"{TODAY.year}年1月", "800万")
    cli(capsys, "invest", "YH-POOL", f"{TODAY.year}-02", "1,200万", "--funds", "1000万")
    cli(capsys, "milestone", "add", "YH-POOL", "方案批复", "--baseline", f"{TODAY.year + 1}年3月")
    cli(capsys, "milestone", "set", "YH-POOL", "方案批复", "--forecast", f"{TODAY.year + 1}年5月")
    after_cli = rows(db, "SELECT max(id) FROM change")[0][0]

    # Then the TUI, keys only
    async def week(pilot) -> None:  # type: ignore[no-untyped-def]
        await asyncio.wait_for(pilot.app.rows_shown.wait(), 10)
        await settle(pilot)
        await pilot.press("slash", *"sports", "enter", "enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ProjectScreen) and screen.code == "YH-SPORTS"
        table = screen.query_one("#milestones", DataTable)
        # the forecast of 竣工验收 moves to a Chinese month
        await pilot.press(*cursor_to(table, 0, "Completion acceptance"))
        form = await form_by(pilot, "e")
        assert "Completion acceptance" in form.form_title
        await retype(pilot, "#field-forecast", "2027年4月")
        await pilot.press("enter")
        await settle(pilot)
        # 钢结构屋盖合龙 is done today
        await pilot.press(*cursor_to(table, 0, "Steel roof closure"))
        form = await form_by(pilot, "d")
        assert "Steel roof closure" in form.form_title
        await pilot.press("enter")
        await settle(pilot)
        # a problem raised, then resolved on the Problems tab
        await form_by(pilot, "p")
        await retype(pilot, "#field-description", "crane permit pending")
        await retype(pilot, "#field-due", "+2w")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("5")
        problems = screen.query_one("#problems", DataTable)
        await pilot.press(*cursor_to(problems, 0, "crane permit pending"))
        form = await form_by(pilot, "r")
        assert "crane permit pending" in form.form_title
        await pilot.press("enter")
        await settle(pilot)
        # the week's status update, two lines
        await form_by(pilot, "u")
        await retype(pilot, "#field-light", "amber")
        await retype(pilot, "#field-narrative", "roof closed on time")
        await pilot.press("enter", *"acceptance moved to April")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # undo the status update and the resolution, then redo the resolution
        for key in ("ctrl+z", "ctrl+z", "ctrl+y"):
            await pilot.press(key)
            await settle(pilot)

    asyncio.run(_drive(the_app(db), week))

    # the database holds exactly what was meant
    [pool] = rows(
        db,
        "SELECT name, name_en, category, stage, unit, officer, total_investment_cents, "
        "baseline_finish, baseline_finish_precision FROM project WHERE code = 'YH-POOL'",
    )
    assert pool == (
        "区游泳馆", "District pool", "sports", "design", "区体育局", "王伟",
        320_000_000_00, "2028-06-30", "month",
    )  # fmt: skip
    assert rows(
        db,
        "SELECT year, planned_cents, progress_target FROM investment_plan i JOIN project p "
        "ON p.id = i.project_id WHERE p.code = 'YH-POOL'",
    ) == [(TODAY.year, 50_000_000_00, "完成方案设计")]
    assert rows(
        db,
        "SELECT month, amount_cents, funds_in_place_cents FROM investment_report i JOIN project p "
        "ON p.id = i.project_id WHERE p.code = 'YH-POOL' ORDER BY month",
    ) == [(1, 8_000_000_00, None), (2, 12_000_000_00, 10_000_000_00)]
    sports = "SELECT m.{} FROM milestone m JOIN project p ON p.id = m.project_id " \
        "WHERE p.code = 'YH-SPORTS' AND m.name = ?"  # fmt: skip
    assert rows(db, sports.format("forecast"), "竣工验收") == [("2027-04-30",)]
    assert rows(db, sports.format("done"), "钢结构屋盖合龙") == [(TODAY.isoformat(),)]
    assert rows(db, "SELECT resolved FROM problem WHERE description = 'crane permit pending'") == [
        (TODAY.isoformat(),)
    ]
    assert rows(
        db,
        "SELECT count(*) FROM status_update WHERE narrative LIKE 'roof closed on time%'",
    ) == [(0,)]

    # the audit trail: the CLI's changes by its officer, the TUI's by its, the undo named
    tui_trail = audit(db, after_cli)
    assert {entry[0] for entry in audit(db, start)[: len(audit(db, start)) - len(tui_trail)]} == {
        "officer-wang"
    }
    assert {entry[0] for entry in tui_trail} == {"officer-li"}
    fields = [(record, field) for _, record, field, _, _ in tui_trail]
    assert ("milestone", "forecast") in fields and ("milestone", "done") in fields
    assert fields.count(("problem", "resolved")) == 3  # resolved, undone, redone

    # the week's report lists the changes that stand, and nothing undone
    assert week_changes(capsys) - before == Counter(
        {
            ("YH-POOL", "created", "区游泳馆"): 1,
            ("YH-POOL", "forecast_moved", "方案批复"): 1,
            ("YH-SPORTS", "forecast_moved", "竣工验收"): 1,
            ("YH-SPORTS", "done", "钢结构屋盖合龙"): 1,
            ("YH-SPORTS", "problem_opened", "crane permit pending"): 1,
            ("YH-SPORTS", "problem_resolved", "crane permit pending"): 1,
        }
    )


def week_changes(capsys: pytest.CaptureFixture[str]) -> Counter[tuple[str, str, str]]:
    """The report's changes this week, by project, kind and item."""
    report = json.loads(cli(capsys, "export", "weekly", "--format", "json"))
    return Counter((c["project"], c["kind"], c["item"]) for c in report["changes"])


async def _drive(app, scenario) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(140, 45)) as pilot:
        await scenario(pilot)
