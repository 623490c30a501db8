"""The native format carries the steering records (issue #16): each project's leader in charge,
unit and owner as records, its approval items (a sheet of their own) and its programme
memberships. `export native` and `import` round-trip them into an empty database, on SQLite and
PostgreSQL; importing the file again changes nothing; an old file without the columns still
imports; a bad cell is refused naming its sheet, row, column and value, and nothing is written.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tracker.cli.main import main


def _json(run, *args: str, url: str) -> object:
    status, out, err = run("--db", url, *args, "--format", "json")
    assert status == 0, err
    return json.loads(out)


@pytest.fixture
def cli(capsys):
    """`cli(*argv)`: (exit status, stdout, stderr) of one command, today 2026-11-28."""

    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main(["--today", "2026-11-28", "--lang", "en", "--user", "officer-li", *argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call


def _steering(cli, url: str) -> dict[str, object]:
    """What the steering commands show of a database, without ids."""
    projects = _json(cli, "projects", url=url)
    assert isinstance(projects, list)
    leaders = _json(cli, "leader", "list", url=url)
    assert isinstance(leaders, list)
    return {
        "approvals": _json(cli, "approvals", "--all", url=url),
        "programmes": _json(cli, "programme", "list", url=url),
        "leaders": [(lead["name"], lead["title"], lead["projects"]) for lead in leaders],
        "organisations": [
            (o["name"], o["as_unit"], o["as_owner"]) for o in _json(cli, "org", "list", url=url)
        ],
        "projects": [
            (p["code"], p["leader"], p["unit"], p["owner_org"], p["programmes"]) for p in projects
        ],
    }


def _parallel(url: str) -> list[str]:
    """The codes of the projects whose approvals run in parallel."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT code FROM project WHERE approvals_parallel ORDER BY code"))
        codes = [code for (code,) in rows]
    engine.dispose()
    return codes


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_steering_records_round_trip_into_an_empty_database(
    demo_settings, other_db_url, cli, tmp_path, suffix
):
    source = demo_settings.db_url
    # A leaving and an approved item with its number, so every column has something to carry.
    assert cli("--db", source, "programme", "join", "YH-ARTS", "市重点", "--year", "2026",
               "--on", "2026-03-01")[0] == 0  # fmt: skip
    assert cli("--db", source, "programme", "leave", "YH-ARTS", "市重点", "--year", "2026",
               "--on", "2026-11-20", "--reason", "退出: 年内无法开工")[0] == 0  # fmt: skip
    assert cli("--db", source, "approval", "mode", "YH-ARTS", "parallel")[0] == 0
    exported = tmp_path / f"portfolio{suffix}"
    status, out, err = cli("--db", source, "--lang", "zh", "export", "native", str(exported))
    assert status == 0, err
    assert cli("--db", other_db_url, "init")[0] == 0
    status, out, err = cli("--db", other_db_url, "import", str(exported))
    assert status == 0, err
    assert "approval items: " in out and "programme memberships: " in out
    expected = _steering(cli, source)
    assert expected["approvals"] and expected["leaders"]
    assert any(p[1] for p in expected["projects"])
    assert _steering(cli, other_db_url) == expected
    assert _parallel(other_db_url) == _parallel(source) == ["YH-ARTS"]
    status, out, err = cli("--db", other_db_url, "import", str(exported))
    assert status == 0 and "14 unchanged" in out and "approval items" not in out


def test_the_approvals_sheet_is_its_own_in_xlsx(demo_settings, cli, tmp_path):
    from openpyxl import load_workbook

    exported = tmp_path / "p.xlsx"
    assert cli("--db", demo_settings.db_url, "export", "native", str(exported))[0] == 0
    book = load_workbook(exported, read_only=True)
    assert book.sheetnames[:4] == ["Projects", "Milestones", "Approvals", "Programmes"]
    header = [c.value for c in next(book["Approvals"].iter_rows(max_row=1))]
    assert header == [
        "code",
        "approval_step",
        "approval_department",
        "approval_officer",
        "approval_planned",
        "approval_submitted",
        "approval_approved",
        "approval_number",
        "approval_note",
        "approval_illustrative",
    ]
    rows = list(book["Approvals"].iter_rows(min_row=2, values_only=True))
    assert any(r[0] == "YH-ARTS" and r[1] == "feasibility" for r in rows)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ZH_HEADER = ["项目代码", "项目名称", "包保领导", "领导职务", "责任单位", "业主单位", "审批事项"]
ZH_HEADER += ["审批部门", "计划办结", "报送日期", "批复日期", "批复文号", "所属计划", "计划年度"]
ZH_HEADER += ["纳入日期"]
FIRST_ROW = ["QX-9", "区游泳馆", "张三", "副区长", "区体育局", "区城投集团", "可研批复", ""]
FIRST_ROW += ["2026-10", "2026-10-08", "2026-11-02", "区发改〔2026〕9号", "区重点", "2026"]
FIRST_ROW += ["2026-02-15"]


def test_a_chinese_sheet_records_the_leader_items_and_membership(db_url, cli, tmp_path):
    assert cli("--db", db_url, "init")[0] == 0
    sheet = _write(
        tmp_path / "new.csv",
        ZH_HEADER,
        [
            FIRST_ROW,
            ["QX-9", "", "", "", "", "", "环评批复", "区环保局", "2026-12", "", "", "", "", "", ""],
        ],
    )
    status, out, err = cli("--db", db_url, "import", str(sheet))
    assert status == 0, err
    items = _json(cli, "approvals", "QX-9", "--all", url=db_url)
    assert [(i["step"], i["department"], i["number"]) for i in items] == [
        ("feasibility", "区发改局", "区发改〔2026〕9号"),
        ("eia", "区环保局", None),
    ]
    show = _json(cli, "show", "QX-9", url=db_url)
    assert (show["leader"], show["leader_title"], show["owner_org"]) == (
        "张三",
        "副区长",
        "区城投集团",
    )
    assert show["programmes"] == [{"programme": "district_key", "year": 2026}]
    status, out, _ = cli("--db", db_url, "log", "QX-9", "--format", "json")
    records = {entry["record"] for entry in json.loads(out)}
    assert {"project", "approval_item", "programme_membership"} <= records
    status, out, _ = cli("--db", db_url, "import", str(sheet), "--dry-run")
    assert "1 unchanged" in out


def test_a_changed_cell_changes_only_that_item(demo_settings, cli, tmp_path):
    url = demo_settings.db_url
    sheet = _write(
        tmp_path / "set.csv",
        ["code", "approval_step", "approval_submitted"],
        [["YH-ARTS", "feasibility", "2026-11-02"]],
    )
    status, out, err = cli("--db", url, "import", str(sheet), "--dry-run")
    assert status == 0, err
    assert "YH-ARTS  approval_item.submitted: None -> 2026-11-02" in out or (
        "approval_item.submitted" in out
    )
    status, out, err = cli("--db", url, "import", str(sheet))
    assert status == 0 and "approval items: 0 added, 1 changed" in out, (out, err)
    item = next(
        i
        for i in _json(cli, "approvals", "YH-ARTS", "--all", url=url)
        if i["step"] == "feasibility"
    )
    assert item["submitted"] == "2026-11-02" and item["department"]


def test_a_file_of_the_previous_release_leaves_the_records_alone(demo_settings, cli, tmp_path):
    url = demo_settings.db_url
    before = _steering(cli, url)
    sheet = _write(
        tmp_path / "old.csv",
        ["code", "name", "stage", "unit", "milestone", "milestone_baseline"],
        [["YH-ARTS", "余杭文化艺术中心", "design", "区文广旅体局", "", ""]],
    )
    status, _, err = cli("--db", url, "import", str(sheet))
    assert status == 0, err
    after = _steering(cli, url)
    assert after["approvals"] == before["approvals"] and after["leaders"] == before["leaders"]
    assert after["programmes"] == before["programmes"]


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("approval_step", "审批大全", "is not a step of the template"),
        ("approval_submitted", "2026-13-01", "'2026-13-01'"),
        ("approval_approved", "2027-01-05", "a day not after today, 2026-11-28"),
        ("approval_planned", "next week", "'next week'"),
        ("programme", "国家重点", "is not a programme"),
        ("programme_year", "26", "a whole number from 2000 to 2100"),
        ("programme_joined", "2026-03", "not a day"),
    ],
)
def test_a_bad_item_cell_is_one_line_and_nothing_is_written(
    demo_settings, cli, dump, tmp_path, column, value, said
):
    url = demo_settings.db_url
    row = {
        "code": "YH-ARTS",
        "approval_step": "eia",
        "approval_submitted": "2026-11-02",
        "approval_approved": "",
        "approval_planned": "2026-12",
        "programme": "区重点",
        "programme_year": "2026",
        "programme_joined": "2026-02-15",
        column: value,
    }
    sheet = _write(tmp_path / "bad.csv", list(row), [list(row.values())])
    before = dump(url)
    status, _, err = cli("--db", url, "import", str(sheet))
    assert status == 2
    lines = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(lines) == 1 and "row 2" in lines[0] and f"'{column}'" in lines[0], err
    assert said in lines[0] and "Traceback" not in err
    assert dump(url) == before


def test_a_bad_cell_of_the_approvals_sheet_names_that_sheet(demo_settings, cli, dump, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Projects"
    book.active.append(["code", "name"])
    book.active.append(["YH-ARTS", "余杭文化艺术中心"])
    approvals = book.create_sheet("Approvals")
    approvals.append(["code", "approval_step", "approval_submitted", "approval_approved"])
    approvals.append(["YH-ARTS", "eia", "2026-11-10", "2026-11-01"])
    book.save(tmp_path / "bad.xlsx")
    before = dump(demo_settings.db_url)
    status, _, err = cli("--db", demo_settings.db_url, "import", str(tmp_path / "bad.xlsx"))
    assert status == 2
    assert "Approvals row 2, column 'approval_approved': '2026-11-01'" in err
    assert "a day not before the submission, 2026-11-10" in err
    assert dump(demo_settings.db_url) == before


def test_export_native_refuses_a_file_that_is_neither_csv_nor_xlsx(demo_settings, cli, tmp_path):
    status, _, err = cli("--db", demo_settings.db_url, "export", "native", str(tmp_path / "p.txt"))
    assert status == 2 and err.count("\n") == 1 and "'.csv' or '.xlsx'" not in err
    assert "a file name ending in .csv or .xlsx" in err and not (tmp_path / "p.txt").exists()


def test_a_leader_name_with_a_line_break_is_refused(db_url, cli, dump, tmp_path):
    assert cli("--db", db_url, "init")[0] == 0
    sheet = _write(tmp_path / "l.csv", ["code", "name", "leader"], [["QX-1", "馆", "张\n三"]])
    before = dump(db_url)
    status, _, err = cli("--db", db_url, "import", str(sheet))
    assert status == 2 and "row 2, column 'leader'" in err
    assert "a name without control characters" in err and dump(db_url) == before
