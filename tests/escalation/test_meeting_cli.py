"""The dispatch meeting (调度会) from the command line, on the demo: the agenda goes through the
red and amber projects with their evidence, the open escalations and the problems past their
deadline; an action decided reappears in every later agenda until done and, overdue, is in
`tracker remind`; the record exports as md, html, docx and xlsx; bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TODAY = "2026-12-04"


def _new(run, on: str, today: str = TODAY) -> dict:
    status, out, err = run("meeting", "new", "--on", on, "--format", "json", today=today)
    assert status == 0, err
    return json.loads(out)


def test_the_agenda_goes_through_what_is_red_amber_open_and_late(run):
    run("escalate", "issue", "YH-WOMEN-HOSP", "--step", "letter", "--to", "指挥部", today=TODAY)
    record = _new(run, "2026-12-10")
    agenda = record["agenda"]
    lights = [(p["code"], p["light"]) for p in agenda["projects"]]
    assert ("YH-WOMEN-HOSP", "red") in lights and ("YH-SPORTS", "amber") in lights
    assert [light for _, light in lights] == sorted(
        (light for _, light in lights), key=["red", "amber"].index
    )
    hospital = next(p for p in agenda["projects"] if p["code"] == "YH-WOMEN-HOSP")
    assert any("52.2%" in reason for reason in hospital["evidence"])
    assert [(e["project"], e["instrument"]) for e in agenda["escalations"]] == [
        ("YH-WOMEN-HOSP", "supervision letter")
    ]
    assert [p["project"] for p in agenda["problems"]] == ["YH-WOMEN-HOSP"]
    assert agenda["actions"] == [] and record["decided"] == []


def test_an_action_reappears_until_done_and_reminds_when_overdue(run):
    first = _new(run, "2026-12-04")
    status, out, err = run(
        "meeting",
        "action",
        str(first["id"]),
        "yh-sports",
        "屋盖合龙专题协调",
        "--owner",
        "区体育局",
        "--due",
        "2026-12-08",
        today=TODAY,
    )
    assert status == 0, err
    second = _new(run, "2026-12-11", today="2026-12-11")
    assert [
        (a["project"], a["description"], a["overdue"]) for a in second["agenda"]["actions"]
    ] == [("YH-SPORTS", "屋盖合龙专题协调", True)]
    status, out, _ = run("remind", "--format", "json", today="2026-12-11")
    actions = [i for i in json.loads(out) if i["kind"] == "meeting_action"]
    assert [(i["project"], i["owner"], i["days_left"]) for i in actions] == [
        ("YH-SPORTS", "区体育局", -3)
    ]
    assert run("meeting", "done", "1", "--on", "2026-12-11", today="2026-12-11")[0] == 0
    third = _new(run, "2026-12-18", today="2026-12-18")
    assert third["agenda"]["actions"] == []
    status, out, _ = run("remind", "--format", "json", today="2026-12-18")
    assert [i for i in json.loads(out) if i["kind"] == "meeting_action"] == []
    # The record of the first meeting keeps its decision, now done.
    status, out, _ = run("export", "meeting", str(first["id"]), today="2026-12-18")
    assert "| 1 | YH-SPORTS | 屋盖合龙专题协调 | 区体育局 | 8 Dec 2026 | 2026-12-11 |" in out


@pytest.fixture
def decided(run):
    """A meeting with one action; its id."""
    meeting = _new(run, TODAY)
    run(
        "meeting",
        "action",
        str(meeting["id"]),
        "YH-SPORTS",
        "屋盖合龙专题协调",
        "--owner",
        "区体育局",
        "--due",
        "2026-12-20",
        today=TODAY,
    )
    return str(meeting["id"])


def test_the_record_as_docx_and_xlsx_holds_the_agenda_and_the_actions(run, decided, tmp_path: Path):
    import docx
    import openpyxl

    target = tmp_path / "调度会.docx"
    status, _, err = run(
        "export", "meeting", decided, "--format", "docx", "-o", str(target), lang="zh", today=TODAY
    )
    assert status == 0, err
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == f"{TODAY} 项目调度会"
    cells = {c.text for table in document.tables for row in table.rows for c in row.cells}
    assert {"屋盖合龙专题协调", "区体育局", "余杭国际体育中心"} <= cells

    book_path = tmp_path / "调度会.xlsx"
    status, _, err = run(
        "export",
        "meeting",
        decided,
        "--format",
        "xlsx",
        "-o",
        str(book_path),
        lang="zh",
        today=TODAY,
    )
    assert status == 0, err
    sheet = openpyxl.load_workbook(book_path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    action = next(row for row in values if "屋盖合龙专题协调" in row)
    assert action[:5] == ["1", "YH-SPORTS", "屋盖合龙专题协调", "区体育局", "2026年12月20日"]
    # Each wrapped row is as tall as its tallest cell, so nothing overprints.
    evidence_rows = [i + 1 for i, row in enumerate(values) if row[4] and len(str(row[4])) > 60]
    assert evidence_rows and all(sheet.row_dimensions[i].height >= 30 for i in evidence_rows)


def test_the_html_record_is_whole(run, decided):
    status, out, _ = run("export", "meeting", decided, "--format", "html", today=TODAY)
    assert status == 0
    assert out.startswith("<!DOCTYPE html>") and "<td>屋盖合龙专题协调</td>" in out


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (
            ["meeting", "action", "99", "YH-SPORTS", "x", "--owner", "a", "--due", "2026-12-20"],
            "MEETING",
        ),
        (
            ["meeting", "action", "1", "NO-SUCH", "x", "--owner", "a", "--due", "2026-12-20"],
            "NO-SUCH",
        ),
        (["meeting", "action", "1", "YH-SPORTS", "x", "--owner", "a", "--due", "someday"], "--due"),
        (
            ["meeting", "action", "1", "YH-SPORTS", " ", "--owner", "a", "--due", "2026-12-20"],
            "DESCRIPTION",
        ),
        (
            ["meeting", "action", "one", "YH-SPORTS", "x", "--owner", "a", "--due", "2026-12-20"],
            "MEETING",
        ),
        (["meeting", "done", "99"], "ACTION"),
        (["meeting", "new", "--on", "2026-02-30"], "--on"),
        (["export", "meeting", "99"], "ID"),
        (["export", "meeting", "1", "--format", "xlsx", "-o", "-"], "-o"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(decided, refused, argv, named):
    assert named in refused(*argv)


def test_an_action_done_twice_is_refused_with_its_day(run, refused, decided):
    run("meeting", "done", "1", "--on", "2026-11-27")
    assert "was done on 2026-11-27" in refused("meeting", "done", "1")
