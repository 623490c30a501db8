"""The Milestones sheet: the milestones that matter this week, read with SQL, not all of them."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

from openpyxl import load_workbook

from tracker.reports.week_milestones import SQL
from tracker.store.read.plainsql import PlainConnection


def test_the_sheet_lists_the_milestones_that_matter_this_week(
    edited_week, run_export, tmp_path, w48_milestones
):
    book = tmp_path / "weekly.xlsx"
    args = ("--week", "2026-W48", "--format", "xlsx", "-o", str(book))
    assert run_export(edited_week, "zh", *args)[:3:2] == (0, "")
    rows = list(load_workbook(book, read_only=True)["Milestones"].iter_rows(values_only=True))
    assert rows[0][0] == (
        "本周需关注的节点：已逾期、90天内到期、本周完成或调整预计时间的节点，以及每个项目的下一节点"
    )
    assert rows[1][:3] == ("项目代码", "项目名称", "节点")
    listed = [(r[0], r[2]) for r in rows[2:]]
    assert len(listed) == len(set(listed)) and set(listed) == w48_milestones
    with PlainConnection(edited_week) as conn:
        every = conn.scalar("SELECT COUNT(*) FROM milestone")
    assert len(listed) < every  # the far-off milestones beyond each project's next are left out
    english = run_export(edited_week, "en", *args)
    assert english[0] == 0
    title = next(load_workbook(book, read_only=True)["Milestones"].iter_rows(values_only=True))
    assert title[0] == (
        "The milestones that matter this week: overdue, due within 90 days, done or moved this "
        "week, and each project's next milestone"
    )


def test_the_open_milestones_are_found_through_the_partial_index(sqlite_url):
    from tracker.store.migrate import upgrade

    upgrade(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        params = {"horizon": "2027-02-26", "start": "2026-11-22 16:00", "end": "2026-11-29 16:00"}
        plan = " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + SQL, params))
    assert "USING INDEX ix_milestone_open_due" in plan
    # the week's done and moved milestones through an index of the audit trail (its time, or
    # since migration 0003 its record and field), never a pass over the whole trail
    assert re.search(r"SEARCH c USING INDEX ix_change_(at|record_field) ", plan), plan
    assert "SCAN c" not in plan


def test_coming_up_is_what_remind_finds_from_today_to_30_days_on(
    make_service, db_url, run_export, capsys
):
    from tracker.cli.main import main
    from tracker.core.dates import Deadline

    service = make_service()
    today = date(2026, 11, 28)
    for code in ("A", "B"):
        service.create_project({"code": code, "name": f"项目{code}", "category": "urban"})
    for n, days in enumerate((-5, -1, 0, 12, 30, 31, 60, 200)):
        due = Deadline.of(date.fromordinal(today.toordinal() + days), "day")
        service.add_milestone("AB"[n % 2], f"节点{n}", baseline=due)
        service.add_problem("AB"[(n + 1) % 2], f"问题{n}", due=due)
    service.add_milestone("A", "月底", forecast=Deadline.of(date(2026, 12, 31), "month"))
    day = Deadline.of(today, "day")
    service.add_milestone("B", "已完成", baseline=day, done=day)
    report = json.loads(run_export(db_url, "en", "--format", "json")[1])
    coming = [(d["days_left"], d["kind"], d["project"], d["item"]) for d in report["coming_up"]]
    assert coming == [
        (0, "milestone", "A", "节点2"),
        (0, "problem", "B", "问题2"),
        (12, "milestone", "B", "节点3"),
        (12, "problem", "A", "问题3"),
        (30, "milestone", "A", "节点4"),
        (30, "problem", "B", "问题4"),
    ]
    argv = ["--db", db_url, "--today", today.isoformat(), "remind", "--within", "30d"]
    assert main([*argv, "--format", "json"]) == 0
    remind = json.loads(capsys.readouterr().out)
    assert coming == [
        (r["days_left"], r["kind"], r["project"], r["item"])
        for r in remind
        if r["kind"] in ("milestone", "problem") and r["days_left"] >= 0
    ]
