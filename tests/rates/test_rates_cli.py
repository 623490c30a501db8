"""`tracker rates` (issue #17 item 4) on a portfolio built through the service, on SQLite and
PostgreSQL: the acceptance (20 planned new starts of the provincial programme, 15 started:
开工率 75 % against the target 85 % at 2026-09-30, a gap of 10 points, each count with the
projects behind it), the money rates, on-time completion, and bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.cli.main import main

YEAR = 2026
PLANNED = [f"NS-{n:02d}" for n in range(1, 21)]
STARTED = PLANNED[:15]


def rates(url: str, *args: str, today: str = "2026-09-30", lang: str = "en", capsys=None):
    capsys.readouterr()
    status = main(["--db", url, "--today", today, "--lang", lang, "rates", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_twenty_planned_fifteen_started_is_75_against_85_a_gap_of_10(portfolio, capsys):
    status, out, err = rates(
        portfolio, "--programme", "千项万亿", "--format", "json", capsys=capsys
    )
    assert status == 0, err
    found = json.loads(out)
    assert (found["as_of"], found["year"], found["programme"]) == ("2026-09-30", 2026, "provincial")
    start = found["start_rate"]
    assert start["rate"] == 75.0
    assert start["target"] == {"rate": 85.0, "by": "2026-09-30"}
    assert start["gap_points"] == 10.0
    assert start["numerator"]["count"] == 15
    assert [p["project"] for p in start["numerator"]["projects"]] == STARTED
    assert all(p["why"] == "started" for p in start["numerator"]["projects"])
    assert start["denominator"]["count"] == 20
    assert [p["project"] for p in start["denominator"]["projects"]] == PLANNED
    not_started = [p for p in start["denominator"]["projects"] if p["why"] == "not_started"]
    assert [p["project"] for p in not_started] == PLANNED[15:]
    why = {p["project"]: (p["why"], p["day"], p["note"]) for p in start["not_counted"]}
    assert why == {
        "EARLY": ("started_before_year", "2025-12-10", None),
        "NODAY": ("no_planned_start", None, None),
        "LEFT": ("left_programme", "2026-06-01", "退出: 年内无法开工"),
    }
    left = next(p for p in start["not_counted"] if p["project"] == "LEFT")
    assert left["reason"] == "left the programme 1 Jun 2026 (退出: 年内无法开工)"


def test_the_acceptance_without_a_programme_75_against_85_a_gap_of_10(new_starts_only, capsys):
    status, out, err = rates(new_starts_only, "--format", "json", capsys=capsys)
    assert status == 0, err
    start = json.loads(out)["start_rate"]
    assert (start["rate"], start["target"]["rate"], start["gap_points"]) == (75.0, 85.0, 10.0)
    assert (start["numerator"]["count"], start["denominator"]["count"]) == (15, 20)
    assert [p["project"] for p in start["numerator"]["projects"]] == STARTED
    assert [p["project"] for p in start["denominator"]["projects"]] == PLANNED
    assert start["not_counted"] == []  # NEXT is planned for 2027: no part of 2026


def test_the_curve_gives_the_start_rate_at_each_checkpoint_passed(portfolio, capsys):
    _status, out, _ = rates(
        portfolio, "--programme", "provincial", "--format", "json", capsys=capsys
    )
    curve = json.loads(out)["start_rate"]["curve"]
    # started on the 10th: NS-01 … NS-09 in months 1-9, NS-10 … NS-15 in months 1-6
    assert curve == [
        {"by": "2026-03-31", "target": 30.0, "rate": 30.0},
        {"by": "2026-06-30", "target": 60.0, "rate": 60.0},
        {"by": "2026-09-30", "target": 85.0, "rate": 75.0},
        {"by": "2026-10-31", "target": 100.0, "rate": None},
    ]


def test_without_a_programme_every_project_planned_in_the_year_counts(portfolio, capsys):
    _status, out, _ = rates(portfolio, "--format", "json", capsys=capsys)
    start = json.loads(out)["start_rate"]
    assert start["denominator"]["count"] == 22  # the 20, LEFT (no programme to leave), OUTSIDE
    assert start["numerator"]["count"] == 15


def test_in_august_the_target_is_the_third_quarter_s(portfolio, capsys):
    _status, out, _ = rates(
        portfolio,
        "--programme",
        "provincial",
        "--format",
        "json",
        today="2026-08-15",
        capsys=capsys,
    )
    start = json.loads(out)["start_rate"]
    assert start["target"] == {"rate": 85.0, "by": "2026-09-30"}
    assert start["numerator"]["count"] == 14  # all but NS-09, which starts on 2026-09-10
    assert (start["rate"], start["gap_points"]) == (70.0, 15.0)


def test_the_money_rates_and_funds_unknown_is_a_dash_never_0(make_service, db_url, capsys):
    service = make_service()
    for code in ("A", "B", "C"):
        service.create_project({"code": code, "name": code})
    service.set_plan("A", YEAR, 100_000_000)
    service.set_plan("B", YEAR, 300_000_000)
    service.record_month("A", YEAR, 3, 40_000_000)
    service.record_month("B", YEAR, 4, 60_000_000)
    service.record_month("C", YEAR, 4, 5_000_000)  # no plan: not counted
    _status, out, _ = rates(db_url, "--format", "json", capsys=capsys)
    found = json.loads(out)
    invest = found["investment_rate"]
    assert invest["rate"] == 25.0  # (40 + 60) ÷ (100 + 300)
    assert (invest["numerator"]["amount"], invest["denominator"]["amount"]) == (
        "1000000",
        "4000000",
    )
    assert [p["why"] for p in invest["not_counted"]] == ["no_plan"]
    funds = found["funds_rate"]
    assert funds["rate"] is None
    assert funds["unknown"] == "no project with a plan for 2026 reported funds in place"
    assert {p["project"]: p["why"] for p in funds["not_counted"]} == {
        "A": "funds_not_reported",
        "B": "funds_not_reported",
    }
    service.record_month("A", YEAR, 3, 40_000_000, funds_in_place_cents=50_000_000)
    _status, out, _ = rates(db_url, "--format", "json", capsys=capsys)
    funds = json.loads(out)["funds_rate"]
    assert funds["rate"] == 50.0 and funds["unknown"] is None
    assert [p["project"] for p in funds["numerator"]["projects"]] == ["A"]
    _status, out, _ = rates(db_url, lang="zh", capsys=capsys)
    assert "资金到位率" in out and "投资完成率" in out and "25.0%" in out


def test_on_time_completion_counts_the_projects_due_by_today(make_service, db_url, capsys):
    service = make_service()
    due = {
        "ONTIME": (date(YEAR, 6, 30), date(YEAR, 6, 20)),
        "LATE": (date(YEAR, 5, 31), date(YEAR, 7, 10)),
        "OPEN": (date(YEAR, 8, 31), None),
        "EARLY": (date(YEAR, 12, 31), date(YEAR, 9, 1)),
        "LATER": (date(YEAR, 12, 31), None),
    }
    for code, (finish, actual) in due.items():
        service.create_project(
            {"code": code, "name": code, "baseline_finish": finish, "actual_finish": actual}
        )
    _status, out, _ = rates(db_url, "--format", "json", capsys=capsys)
    on_time = json.loads(out)["on_time_rate"]
    assert on_time["rate"] == 50.0  # ONTIME and EARLY of ONTIME, LATE, OPEN, EARLY
    assert [p["project"] for p in on_time["numerator"]["projects"]] == ["EARLY", "ONTIME"]
    assert {p["project"]: p["why"] for p in on_time["denominator"]["projects"]} == {
        "EARLY": "on_time",
        "LATE": "late",
        "ONTIME": "on_time",
        "OPEN": "not_finished",
    }
    assert [(p["project"], p["why"]) for p in on_time["not_counted"]] == [("LATER", "not_yet_due")]


def test_the_table_names_each_rate_and_its_projects(portfolio, capsys):
    status, out, _ = rates(portfolio, "--programme", "千项万亿", lang="zh", capsys=capsys)
    assert status == 0
    assert "开工率" in out and "75.0%" in out and "差距 10.0 个百分点" in out
    assert "NS-16" in out and "未开工" in out and "退出: 年内无法开工" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--year", "20x6"], "--year"),
        (["--programme", "国家重点"], "--programme"),
    ],
)
def test_bad_input_is_one_line_exit_2(portfolio, capsys, args, field):
    status, out, err = rates(portfolio, *args, capsys=capsys)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and field in err


def test_the_target_curve_comes_from_the_settings_file(portfolio, capsys, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[rates]\nstart_targets = { "06-30" = 50, "09-30" = 80, "11-30" = 100 }\n')
    capsys.readouterr()
    argv = ["--db", portfolio, "--today", "2026-09-30", "--settings", str(settings)]
    assert main([*argv, "rates", "--programme", "provincial", "--format", "json"]) == 0
    start = json.loads(capsys.readouterr().out)["start_rate"]
    assert start["target"] == {"rate": 80.0, "by": "2026-09-30"}
    assert start["gap_points"] == 5.0
    settings.write_text('[rates]\nstart_targets = { "06-30" = 70, "09-30" = 60 }\n')
    assert main([*argv, "rates"]) == 2
    err = capsys.readouterr().err
    assert "rates.start_targets" in err and "rise" in err


def test_the_weekly_report_s_summary_carries_the_same_rates(portfolio, capsys):
    _status, out, _ = rates(portfolio, "--format", "json", capsys=capsys)
    alone = json.loads(out)
    argv = ["--db", portfolio, "--today", "2026-09-30", "--lang", "en", "export", "weekly"]
    assert main([*argv, "--format", "json"]) == 0
    weekly = json.loads(capsys.readouterr().out)
    assert weekly["summary"]["rates"] == alone
    assert main([*argv, "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "| start rate | 68.2% | 15 | 22 | 85% by 30 Sep 2026, gap 16.8 points |" in markdown


def test_the_html_and_xlsx_summaries_carry_the_rates(portfolio, capsys, tmp_path):
    import openpyxl

    argv = ["--db", portfolio, "--today", "2026-09-30", "--lang", "en", "export", "weekly"]
    assert main([*argv, "--format", "html", "-o", str(tmp_path / "w.html")]) == 0
    html = (tmp_path / "w.html").read_text(encoding="utf-8")
    assert "<h3>Programme rates</h3>" in html
    assert "<td>start rate</td><td>68.2%</td><td>15</td><td>22</td>" in html
    assert main([*argv, "--format", "xlsx", "-o", str(tmp_path / "w.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx")["Summary"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r[0]}
    share, numerator, denominator, notes = rows["start rate"][:4]
    assert (round(share, 3), numerator, denominator) == (0.682, 15, 22)
    assert notes == "85% by 30 Sep 2026, gap 16.8 points"
    assert rows["funds-in-place rate"][0] is None  # unknown: an empty cell, never 0
