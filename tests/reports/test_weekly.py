"""The weekly report: the week's changes from the audit trail, figures against the database,
bad weeks refused, CSV safety, and the export command's edges."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tracker.core.dates import Deadline
from tracker.store.read.plainsql import PlainConnection


def _report(run_export, db_url, week, lang="en"):
    status, out, err = run_export(db_url, lang, "--week", week, "--format", "json")
    assert (status, err) == (0, "")
    return json.loads(out)


def _kinds(report):
    return {(c["kind"], c["project"], c["item"]) for c in report["changes"]}


def test_done_and_moved_forecast_are_in_their_week_and_not_the_next(edited_week, run_export):
    w48 = _report(run_export, edited_week, "2026-W48")
    w49 = _report(run_export, edited_week, "2026-W49")
    done = ("done", "YH-DAOXIANG", "竣工验收")
    moved = ("forecast_moved", "YH-SPORTS", "钢结构屋盖合龙")
    assert {done, moved} <= _kinds(w48)
    assert not {done, moved} & _kinds(w49)
    forecast = next(c for c in w48["changes"] if c["kind"] == "forecast_moved")
    assert (forecast["old"], forecast["new"], forecast["days"]) == ("2026-12-31", "2026-12-15", -16)
    assert (forecast["old_precision"], forecast["new_precision"]) == ("month", "day")


def test_weeks_are_cut_at_midnight_in_the_office_time_zone(edited_week, run_export):
    w48 = _report(run_export, edited_week, "2026-W48")
    w49 = _report(run_export, edited_week, "2026-W49")
    assert ("forecast_moved", "YH-ARTS", "开工") in _kinds(w48)  # Sunday 23:30 in Beijing
    assert ("forecast_moved", "YH-ARTS", "设计方案批复") in _kinds(w49)  # Monday 00:30
    assert ("forecast_moved", "YH-ARTS", "设计方案批复") not in _kinds(w48)
    status, out, _ = run_export(
        edited_week, "en", "--week", "2026-W48", "--format", "json", "--tz", "UTC"
    )
    assert status == 0
    in_utc = {(c["kind"], c["item"]) for c in json.loads(out)["changes"]}
    assert ("forecast_moved", "设计方案批复") in in_utc  # 16:30 UTC on Sunday


def test_a_past_week_shows_the_lights_as_they_were_then(edited_week, run_export):
    w48 = _report(run_export, edited_week, "2026-W48")
    w49 = _report(run_export, edited_week, "2026-W49")
    lights48 = {
        c["project"]: (c["old"], c["new"]) for c in w48["changes"] if c["kind"] == "light_changed"
    }
    lights49 = {
        c["project"]: (c["old"], c["new"]) for c in w49["changes"] if c["kind"] == "light_changed"
    }
    assert lights48 == {"YH-WOMEN-HOSP": ("red", "amber"), "YH-AXIS": ("green", "red")}
    assert lights49 == {"YH-WOMEN-HOSP": ("amber", "red")}


def test_an_edit_undone_in_the_same_week_is_no_change(edited_week, run_export):
    w48 = _report(run_export, edited_week, "2026-W48")
    assert not [c for c in w48["changes"] if c["project"] == "YH-HFLS" and c["item"] == "竣工验收"]


def test_a_quiet_week_says_so(edited_week, run_export):
    status, out, _ = run_export(edited_week, "en", "--week", "2026-W46", "--format", "md")
    assert status == 0
    assert "No changes this week." in out
    assert (
        json.loads(run_export(edited_week, "en", "--week", "2026-W46", "--format", "json")[1])[
            "changes"
        ]
        == []
    )
    assert "本周没有变化。" in run_export(edited_week, "zh", "--week", "2026-W46")[1]


def test_the_load_week_lists_what_was_created(edited_week, run_export):
    w47 = _report(run_export, edited_week, "2026-W47")
    kinds = [c["kind"] for c in w47["changes"]]
    # a project added this week is one change, counting the milestones added with it
    created = {c["project"]: c["milestones"] for c in w47["changes"] if c["kind"] == "created"}
    with PlainConnection(edited_week) as conn:
        milestones = {
            r["code"]: r["n"]
            for r in conn.rows(
                "SELECT p.code, COUNT(m.id) AS n FROM project p "
                "LEFT JOIN milestone m ON m.project_id = p.id GROUP BY p.code"
            )
        }
    milestones["YH-SPORTS"] -= 1  # 消防验收 was added in W48
    assert created == milestones and sum(created.values()) == 36  # the demo's 14 and 36
    md = run_export(edited_week, "en", "--week", "2026-W47", "--format", "md")[1]
    assert f"| project (with {milestones['YH-SPORTS']} milestones) |" in md
    assert kinds.count("problem_opened") == 3
    assert kinds.count("status_update") == 9


def test_a_week_that_adds_projects_and_a_milestone_to_an_old_one_lists_both(
    make_service, clock, edited_week, run_export
):
    service = make_service("officer-li")
    clock.now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday 10:00 in Beijing, W48
    service.create_project({"code": "YH-NEW", "name": "新项目", "category": "education"})
    for name in ("立项", "开工"):
        service.add_milestone("YH-NEW", name, baseline=Deadline.of(date(2027, 6, 30), "month"))
    w48 = _report(run_export, edited_week, "2026-W48")
    created = [
        (c["project"], c["item"], c["milestones"]) for c in w48["changes"] if c["kind"] == "created"
    ]
    # the new project is one line counting its two; the old project's added milestone its own
    assert created == [("YH-SPORTS", "消防验收", None), ("YH-NEW", "新项目", 2)]


def _cents(conn, sql, **params):
    value = conn.scalar(sql, params)
    return None if value is None else int(value)


def _percent(part, whole):
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def test_figures_agree_with_the_database(edited_week, run_export):
    report = _report(run_export, edited_week, "2026-W48")
    projects = {p["code"]: p for p in report["projects"]}
    with PlainConnection(edited_week) as conn:
        for code, project in projects.items():
            pid = conn.scalar("SELECT id FROM project WHERE code = :c", {"c": code})
            ytd = _cents(
                conn,
                "SELECT SUM(amount_cents) FROM investment_report "
                "WHERE project_id = :p AND year = 2026 AND month <= 10",
                p=pid,
            )
            plan = _cents(
                conn,
                "SELECT planned_cents FROM investment_plan WHERE project_id = :p AND year = 2026",
                p=pid,
            )
            inv = project["investment"]
            assert inv["year_to_date"] == (None if ytd is None else str(ytd // 100))
            assert inv["annual_plan"] == (None if plan is None else str(plan // 100))
            expected = _percent(ytd, plan) if ytd is not None and plan else None
            assert inv["share_of_plan"] == expected
        total_plan = _cents(
            conn, "SELECT SUM(planned_cents) FROM investment_plan WHERE year = 2026"
        )
        total_ytd = _cents(
            conn,
            "SELECT SUM(amount_cents) FROM investment_report WHERE year = 2026 AND month <= 10",
        )
        open_problems = conn.scalar("SELECT COUNT(*) FROM problem WHERE resolved IS NULL")
    money = report["summary"]["money"]
    assert [m["currency"] for m in money] == ["CNY"]
    assert money[0]["annual_plan"] == str(total_plan // 100) == "2480000000"
    assert money[0]["year_to_date"] == str(total_ytd // 100) == "1869000000"
    assert money[0]["share_of_plan"] == 75.4  # 18.69亿 / 24.80亿
    assert money[0]["share_of_total"] == 9.8  # 9.33亿 of 95亿, the one known total
    assert report["summary"]["time_elapsed"] == 83.3  # 10 of 12 months reported
    assert sum(len(p["open_problems"]) for p in projects.values()) == open_problems
    assert sum(report["summary"]["by_light"].values()) == len(projects) == 14


def test_currencies_are_never_added_together(make_service, clock, db_url, run_export):
    service = make_service()
    clock.now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    service.create_project({"code": "CN-1", "name": "甲", "total_investment_cents": 10**12})
    service.create_project(
        {"code": "UK-1", "name": "乙", "currency": "GBP", "total_investment_cents": 3 * 10**10}
    )
    service.set_plan("CN-1", 2026, 4 * 10**10)
    service.set_plan("UK-1", 2026, 10**9)
    service.record_investment("CN-1", 2026, 3, 10**10)
    service.record_investment("UK-1", 2026, 3, 5 * 10**8)
    report = _report(run_export, db_url, "2026-W48")
    money = {m["currency"]: m for m in report["summary"]["money"]}
    assert money["CNY"]["total_investment"] == "10000000000"
    assert money["GBP"]["total_investment"] == "300000000"
    assert (money["CNY"]["share_of_plan"], money["GBP"]["share_of_plan"]) == (25.0, 50.0)
    zh = run_export(db_url, "zh", "--week", "2026-W48")[1]
    assert "100.00亿元" in zh and "£300m" in zh


@pytest.mark.parametrize("week", ["2026-W99", "2026-W54", "2021-W53", "last week", "2026-W00"])
def test_a_week_that_does_not_exist_is_refused(edited_week, run_export, tmp_path, week):
    target = tmp_path / "out.md"
    status, out, err = run_export(edited_week, "en", "--week", week, "-o", str(target))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "--week" in err and repr(week) in err
    assert "ISO week such as 2026-W48" in err
    assert not target.exists()


def test_week_99_names_the_weeks_the_year_has(edited_week, run_export):
    err = run_export(edited_week, "en", "--week", "2026-W99")[2]
    assert "2026 has weeks 01–53" in err
    assert "2027 has weeks 01–52" in run_export(edited_week, "en", "--week", "2027-W53")[2]


def test_csv_has_a_bom_one_row_per_project_and_no_formulas(edited_week, run_export):
    import csv
    import io

    out = run_export(edited_week, "zh", "--week", "2026-W48", "--format", "csv")[1]
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert len(rows) == 1 + 14
    header, body = rows[0], rows[1:]
    hfls = next(r for r in body if r[0] == "YH-HFLS")
    assert hfls[header.index("存在问题")] == "'=1+2 室外管网接驳需协调"
    rail = next(r for r in body if r[0] == "YH-HSH-RAIL")
    assert rail[header.index("剩余天数")] == "-697"  # a number stays a number
    for row in body:
        for cell in row:
            numeric = cell.lstrip("-").replace(".", "", 1).isdigit()
            assert numeric or not cell.startswith(("=", "+", "-", "@")), cell


def test_file_output_goes_to_an_existing_directory_only(edited_week, run_export, tmp_path):
    missing = tmp_path / "no-such-dir" / "r.md"
    status, _, err = run_export(edited_week, "en", "-o", str(missing))
    assert status == 2 and "-o" in err and not missing.parent.exists()
    status, _, err = run_export(edited_week, "en", "--tz", "Mars/Olympus")
    assert status == 2 and "--tz" in err


def test_export_never_imports_textual_or_the_orm(edited_week, tmp_path):
    code = (
        "import sys; from tracker.cli.main import main\n"
        f"for f in ('md', 'csv', 'json', 'html', 'xlsx', 'pdf'):\n"
        f"    assert main(['export', 'weekly', '--format', f, '-o', r'{tmp_path}/r.' + f]) == 0\n"
        "print(sorted(m for m in ('textual', 'sqlmodel', 'sqlalchemy') if m in sys.modules))"
    )
    env = {**os.environ, "TRACKER_DB": edited_week, "TRACKER_TODAY": "2026-11-28"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_progress_bar_only_on_a_terminal_and_only_for_large_work():
    import io

    from tracker.reports.destination import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    bar = ProgressBar(terminal, minimum=100)
    update = bar.phase("xlsx")
    for done in range(1, 1001):
        update(done, 1000)
    bar.close()
    text = terminal.getvalue()
    assert text.endswith("1000/1000\n") and text.count("\r") == 101  # once per percent, 0 to 100
    small = Terminal()
    ProgressBar(small, minimum=100).phase("x")(5, 50)
    piped = io.StringIO()
    ProgressBar(piped, minimum=1).phase("x")(5, 50)
    assert small.getvalue() == piped.getvalue() == ""


def test_the_week_defaults_to_the_one_holding_today(edited_week, run_export):
    report = json.loads(run_export(edited_week, "en", "--format", "json")[1])
    assert (report["week"], report["week_start"], report["week_end"]) == (
        "2026-W48",
        "2026-11-23",
        "2026-11-29",
    )
    assert report["as_of"] == date(2026, 11, 28).isoformat()


def test_an_empty_portfolio_gives_a_report_in_every_format(
    make_service, db_url, run_export, tmp_path
):
    make_service()
    for format_ in ("md", "csv", "json", "html", "xlsx", "pdf"):
        target = tmp_path / f"empty.{format_}"
        status, _, err = run_export(db_url, "zh", "--format", format_, "-o", str(target))
        assert (status, err) == (0, "") and target.stat().st_size > 0
    report = json.loads((tmp_path / "empty.json").read_text(encoding="utf-8"))
    assert (report["projects"], report["changes"], report["summary"]["money"]) == ([], [], [])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_has_help(lang, capsys):
    from tracker.cli.main import main

    usage = "用法：" if lang == "zh" else "usage: "
    for argv in (["export"], ["export", "weekly"]):
        with pytest.raises(SystemExit) as exited:
            main(["--lang", lang, *argv, "--help"])
        assert exited.value.code == 0
        assert f"{usage}tracker {' '.join(argv)}" in capsys.readouterr().out


def test_xlsx_to_a_pipe(edited_week):
    env = {**os.environ, "TRACKER_DB": edited_week, "TRACKER_TODAY": "2026-11-28"}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "export", "weekly", "--format", "xlsx", "-o", "-"],
        capture_output=True,
        env=env,
        check=True,
    )
    assert result.stdout[:2] == b"PK" and result.stderr == b""
