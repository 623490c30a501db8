"""The weekly report's steering section in every format (issue #16): the approval items open
and overdue with the departments' scoreboard, the week's programme joins and exits, problems by
kind, and with `--by` the groups; the same figures as `tracker approvals`, on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

from tracker.cli.main import main


def _approvals(capsys, url: str, *args: str) -> list[dict]:
    capsys.readouterr()
    argv = ["--db", url, "--today", "2026-11-28", "--lang", "en", "approvals", *args]
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_json_section_agrees_with_the_approvals_commands(edited_week, run_export, capsys):
    status, out, err = run_export(edited_week, "en", "--week", "2026-W48", "--format", "json")
    assert status == 0, err
    part = json.loads(out)["steering"]["approvals"]
    departments = _approvals(capsys, edited_week, "--by", "department")
    assert [(d["department"], d["items"], d["open"], d["overdue"]) for d in departments] == [
        (d["department"], d["items"], d["open"], d["overdue"]) for d in part["departments"]
    ]
    assert [d["average_days"] for d in departments] == [
        d["average_days"] for d in part["departments"]
    ]
    listed = _approvals(capsys, edited_week)
    assert part["open"] == len(listed)
    overdue = [(i["project"], i["step"]) for i in listed if i["overdue"]]
    assert [(i["project"], i["step"]) for i in part["overdue_items"]] == overdue
    assert part["overdue"] == len(overdue) == 2
    feasibility = part["overdue_items"][0]
    # planned 2026-09-30, as of 2026-11-28: 59 days late, red beyond approval_red_days = 30
    assert (feasibility["days_late"], feasibility["light"]) == (59, "red")


def test_the_csv_carries_the_steering_columns_after_the_p80_ones(edited_week, run_export):
    status, out, err = run_export(edited_week, "zh", "--week", "2026-W48", "--format", "csv")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out[1:])))
    steering = ["包保领导", "项目库", "计划", "未办结手续", "逾期手续"]
    assert rows[0][19:] == ["P80 总投资（万元）", "P80 完工", *steering]
    arts = next(r for r in rows if r[0] == "YH-ARTS")
    assert arts[-2:] == ["5", "2"] and arts[21] == "示例领导甲"
    sports = next(r for r in rows if r[0] == "YH-SPORTS")
    assert sports[23] == "省「千项万亿」 2024" and sports[-2:] == ["0", "0"]


def test_html_and_xlsx_have_a_compact_section_of_their_own(edited_week, run_export, tmp_path):
    page = tmp_path / "weekly.html"
    args = ("--week", "2026-W48", "--by", "leader")
    assert run_export(edited_week, "zh", *args, "--format", "html", "-o", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section class="steering">') : html.index("</section>")]
    assert "<style>" in section and "审批事项未办结 5 项，其中超过计划办结时间 2 项" in section
    assert '<tr class="red"><td>YH-ARTS</td><td>可研批复</td>' in section
    assert "按包保领导" in section and "示例领导甲" in section
    book = tmp_path / "weekly.xlsx"
    assert run_export(edited_week, "en", *args, "--format", "xlsx", "-o", str(book))[0] == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(book, read_only=True)["Steering"].iter_rows(values_only=True))
    assert rows[0][0] == "Approvals"
    assert rows[4][:3] == ("YH-ARTS", "Feasibility study approval", "区发改局")
    assert rows[4][-1] == 59
    assert any(r[0] == "示例领导甲" for r in rows)


def test_markdown_groups_only_with_by(edited_week, run_export):
    plain = run_export(edited_week, "en", "--week", "2026-W48")[1]
    grouped = run_export(edited_week, "en", "--week", "2026-W48", "--by", "unit")[1]
    assert "## Approvals" in plain and "## By responsible unit" not in plain
    assert "## By responsible unit" in grouped and grouped.count("## Approvals") == 1
