"""Issue 14, bugs 7-9: the report's and the CLI's figures and words: slip measured on what
finished, unknown totals as —, English names in English."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.cli.main import main
from tracker.config.run import Settings
from tracker.core.days import slip_days


def run(settings: Settings, capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en"):
    capsys.readouterr()
    argv = ["--db", settings.db_url, "--today", "2026-11-28", "--lang", lang, "--user", "wang"]
    status = main([*argv, *args])
    out = capsys.readouterr().out
    return status, out


def test_slip_is_done_minus_baseline_for_finished_work():
    november = date(2026, 11, 30)
    assert slip_days(november, date(2026, 12, 31), date(2026, 11, 28), "month") == 0
    assert slip_days(november, date(2026, 12, 31), None, "month") == 31
    assert slip_days(november, None, date(2026, 12, 3), "month") == 3
    assert slip_days(november, None, date(2026, 10, 30), "month") == -2
    assert slip_days(november, None, date(2026, 11, 28), "day") == -2
    assert slip_days(None, date(2026, 12, 31), None) is None


def test_a_milestone_done_within_its_baseline_month_shows_no_slip(demo_settings, capsys):
    status, _ = run(demo_settings, capsys, "milestone", "done", "YH-SPORTS", "钢结构屋盖合龙")
    assert status == 0
    _, out = run(demo_settings, capsys, "show", "YH-SPORTS", "--format", "json")
    shown = {m["name"]: m["slip_days"] for m in json.loads(out)["milestones"]}
    assert shown["钢结构屋盖合龙"] == 0
    _, out = run(demo_settings, capsys, "export", "weekly", "--format", "json")
    sports = next(p for p in json.loads(out)["projects"] if p["code"] == "YH-SPORTS")
    in_report = {m["name"]: m["slip_days"] for m in sports["milestones"]}
    assert in_report["钢结构屋盖合龙"] == 0


def test_the_english_report_names_milestones_in_english(demo_settings, capsys):
    _, out = run(demo_settings, capsys, "export", "weekly", "--format", "md")
    assert "slipped · Design scheme approved:" in out
    assert "设计方案批复" not in out.split("## ")[2]  # the projects' section, lights and why
    _, out = run(demo_settings, capsys, "light", "show", "YH-ARTS")
    assert "Design scheme approved" in out and "设计方案批复" not in out
    _, out = run(demo_settings, capsys, "light", "show", "YH-ARTS", lang="zh")
    assert "设计方案批复" in out


def _summary_row(md: str) -> str:
    return next(line for line in md.splitlines() if line.startswith("| CNY |"))


def test_report_totals_say_how_many_projects_they_cover(demo_settings, capsys):
    _, out = run(demo_settings, capsys, "--today", "2027-01-10", "export", "weekly")
    row = _summary_row(out)
    assert "CNY 9.50 bn, 1 of 14 known" in row
    assert "0.00" not in row
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2:4] == ["—", "—"]  # no plan for 2027, no report of 2027 yet
    _, out = run(demo_settings, capsys, "--today", "2027-01-10", "export", "weekly", lang="zh")
    assert "95.00亿元（14个项目中已知1个）" in _summary_row(out)
    _, out = run(demo_settings, capsys, "export", "weekly", "--format", "json")
    cny = json.loads(out)["summary"]["money"][0]
    assert (cny["projects_with_total"], cny["projects"]) == (1, 14)
    assert 0 < cny["projects_with_year_to_date"] <= cny["projects_with_since_start"] <= 14
