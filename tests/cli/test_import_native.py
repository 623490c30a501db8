"""`tracker import` of our own format: round trips, encodings, bad rows, bad files, dry runs."""

from __future__ import annotations

import csv
import gc
import json
import sqlite3
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.importers.native import MILESTONE_COLUMNS, PROJECT_COLUMNS
from tracker.importers.native_items import APPROVAL_COLUMNS, PROGRAMME_COLUMNS

MILESTONE_KEYS = (
    "name",
    "name_en",
    "baseline",
    "baseline_precision",
    "forecast",
    "forecast_precision",
    "done",
    "done_precision",
    "owner",
    "lead_days",
    "note",
    "illustrative",
)
PROJECT_KEYS = (
    "code",
    "name",
    "name_en",
    "category",
    "stage",
    "unit",
    "officer",
    "owner_org",
    "location",
    "scale",
    "total_investment",
    "currency",
    "baseline_start",
    "baseline_start_precision",
    "baseline_finish",
    "baseline_finish_precision",
    "forecast_finish",
    "forecast_finish_precision",
    "actual_start",
    "actual_finish",
    "sources",
    "notes",
    "last_status",
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-28")
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.setenv("TRACKER_USER", "importer")
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def portfolio(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, dict]:
    """Every project with its milestones, as `show --format json` gives them."""
    status, out, _ = run(capsys, "--db", db, "projects", "--format", "json")
    assert status == 0
    result = {}
    for project in json.loads(out):
        status, out, _ = run(capsys, "--db", db, "show", project["code"], "--format", "json")
        detail = json.loads(out)
        result[project["code"]] = {
            **{k: detail[k] for k in PROJECT_KEYS},
            "light": project["light_override"] or (detail.get("last_status") and project["light"]),
            "milestones": [{k: m[k] for k in MILESTONE_KEYS} for m in detail["milestones"]],
        }
    return result


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def settled_bytes(db: str) -> bytes:
    """The database file's bytes once every connection is closed and the WAL checkpointed."""
    gc.collect()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(db).read_bytes()


def demo_db(env: Path) -> str:
    db = str(env / "demo.db")
    assert main(["--db", db, "init", "--demo"]) == 0
    return db


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_demo_round_trips_through_the_native_format(env, capsys, suffix, lang):
    from tracker.importers.native import portfolio_rows, write_native
    from tracker.store.read.plainsql import PlainConnection

    source = demo_db(env)
    exported = env / f"demo{suffix}"
    with PlainConnection(f"sqlite:///{source}") as conn:
        write_native(exported, portfolio_rows(conn), lang)
    target = str(env / "copy.db")
    assert main(["--db", target, "init"]) == 0
    status, out, err = run(capsys, "--db", target, "import", str(exported))
    assert status == 0, err
    expected = portfolio(capsys, source)
    assert portfolio(capsys, target) == expected
    assert sum(len(p["milestones"]) for p in expected.values()) > 30
    status, out, _ = run(capsys, "--db", target, "import", str(exported))
    assert "14 unchanged" in out


def test_the_project_tables_csv_reads_back(env, capsys):
    source = demo_db(env)
    status, table, _ = run(capsys, "--db", source, "projects", "--format", "csv")
    exported = env / "projects.csv"
    exported.write_text(table, encoding="utf-8")
    target = str(env / "copy.db")
    assert main(["--db", target, "init"]) == 0
    status, _, err = run(capsys, "--db", target, "import", str(exported))
    assert status == 0, err
    keys = ("code", "name", "name_en", "category", "stage", "total_investment", "currency")
    keys += ("forecast_finish", "forecast_finish_precision", "baseline_finish")
    status, before, _ = run(capsys, "--db", source, "projects", "--format", "json")
    status, after, _ = run(capsys, "--db", target, "projects", "--format", "json")
    assert [{k: p[k] for k in keys} for p in json.loads(after)] == [
        {k: p[k] for k in keys} for p in json.loads(before)
    ]


def test_template_writes_the_native_columns(env, capsys):
    for name in ("template.csv", "template.xlsx"):
        status, out, _ = run(capsys, "import", "--template", str(env / name))
        assert status == 0 and name in out
    with (env / "template.csv").open(encoding="utf-8-sig", newline="") as file:
        header = next(csv.reader(file))
    columns = (*PROJECT_COLUMNS, *MILESTONE_COLUMNS, *APPROVAL_COLUMNS, *PROGRAMME_COLUMNS)
    assert header == [c[0] for c in columns]
    from openpyxl import load_workbook

    book = load_workbook(env / "template.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["Projects", "Milestones"]
    status, _, err = run(capsys, "--lang", "zh", "import", "--template", str(env / "zh.csv"))
    assert "项目代码" in (env / "zh.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    status, _, err = run(capsys, "import", "--template", str(env / "t.txt"))
    assert status == 2 and "--template" in err


CHINESE_HEADER = [
    "项目代码",
    "项目名称",
    "类别",
    "阶段",
    "总投资（万元）",
    "计划完工",
    "亮灯",
    "备注",
]
CHINESE_ROWS = [
    [
        "QX-001",
        "区第一人民医院迁建",
        "卫生",
        "在建",
        "185,000",
        "2027年6月",
        "黄灯",
        "征地\n拆迁滞后",
    ],
    ["QX-002", "科创走廊综合管廊", "城建", "设计", "待定", "2028年第二季度", "绿", ""],
    [
        "QX-003",
        "良渚文化艺术中心二期",
        "文化",
        "前期",
        "32,000.5",
        "2029年",
        "",
        "专家评审：尚未确定",
    ],
]


def test_gb18030_with_chinese_headers_imports_like_its_utf8_twin(env, capsys):
    results = []
    for encoding in ("utf-8", "gb18030", "utf-8-sig"):
        path = write_csv(env / f"{encoding}.csv", CHINESE_HEADER, CHINESE_ROWS, encoding)
        db = str(env / f"{encoding}.db")
        assert main(["--db", db, "init"]) == 0
        status, _, err = run(capsys, "--db", db, "import", str(path))
        assert status == 0, err
        results.append(portfolio(capsys, db))
    assert results[0] == results[1] == results[2]
    hospital = results[0]["QX-001"]
    assert (hospital["total_investment"], hospital["currency"]) == ("1850000000", "CNY")
    assert (hospital["category"], hospital["stage"]) == ("health", "construction")
    assert (hospital["baseline_finish"], hospital["baseline_finish_precision"]) == (
        "2027-06-30",
        "month",
    )
    assert hospital["notes"] == "征地\n拆迁滞后"
    assert results[0]["QX-003"]["total_investment"] == "320005000"
    corridor = results[0]["QX-002"]
    assert corridor["total_investment"] is None and "总投资（万元）: 待定" in corridor["notes"]
    assert corridor["baseline_finish_precision"] == "quarter"


def test_a_bad_date_in_row_57_writes_nothing_and_names_row_column_value(env, capsys):
    db = demo_db(env)
    rows = [[f"BULK-{n:03d}", f"项目{n}", "2027-03"] for n in range(2, 62)]
    rows[57 - 2][2] = "2027-02-30"
    path = write_csv(env / "bad.csv", ["code", "name", "baseline_finish"], rows)
    before = settled_bytes(db)
    status, _, err = run(capsys, "--db", db, "import", str(path))
    assert status == 2
    assert "row 57" in err and "'baseline_finish'" in err and "'2027-02-30'" in err
    assert "Traceback" not in err and "nothing was imported" in err
    assert settled_bytes(db) == before


def test_every_bad_row_is_reported_and_skip_imports_the_rest(env, capsys):
    db = demo_db(env)
    rows = [
        ["NEW-1", "一号", "95亿", "2027-03"],
        ["NEW-2", "二号", "-5", "2027-03"],
        ["NEW-3", "三号", "12", "2027-13"],
        ["NEW-4", "", "12", "2027-03"],
        ["NEW-5", "五号", "1.23", "2027"],
        ["NEW-6", "六号", "1.234", "2027"],
    ]
    header = ["code", "name", "total_investment", "baseline_finish"]
    path = write_csv(env / "mixed.csv", header, rows)
    status, _, err = run(capsys, "--db", db, "import", str(path))
    assert status == 2
    bad = ((3, "total_investment"), (4, "baseline_finish"), (5, "name"), (7, "total_investment"))
    for row, column in bad:
        assert f"row {row}, column '{column}'" in err
    report = env / "report.csv"
    status, _, err = run(
        capsys, "--db", db, "import", str(path), "--on-error", "skip", "--report", str(report)
    )
    assert status == 0 and "4 bad rows skipped" in err
    with report.open(encoding="utf-8-sig", newline="") as file:
        assert [r["row"] for r in csv.DictReader(file)] == ["3", "4", "5", "7"]
    imported = portfolio(capsys, db)
    assert {"NEW-1", "NEW-5"} <= set(imported) and "NEW-2" not in imported
    assert imported["NEW-5"]["total_investment"] == "1.23"


def test_bad_rows_are_reported_in_chinese_under_lang_zh(env, capsys):
    db = demo_db(env)
    rows = [["NEW-1", "一号", "-5", "2027-03"], ["NEW-2", "", "12", "2027-13"]]
    header = ["code", "name", "total_investment", "baseline_finish"]
    path = write_csv(env / "mixed.csv", header, rows)
    report = env / "report.csv"
    argv = ("--lang", "zh", "--db", db, "import", str(path), "--report", str(report))
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert "第 2 行，“total_investment”列：'-5' 是负数：应为零或以上的金额" in err
    assert "第 3 行，“baseline_finish”列：'2027-13' 不是日期" in err
    assert "第 3 行，“name”列：'' 为空：应为项目名称" in err
    assert "row" not in err and "expected" not in err
    with report.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0] == ["行", "列", "值", "原因"]
    assert ["2", "total_investment", "-5", "是负数：应为零或以上的金额"] in lines


def test_dry_run_shows_changes_and_writes_nothing(env, capsys):
    db = demo_db(env)
    path = write_csv(
        env / "move.csv",
        ["code", "name", "forecast_finish", "milestone", "milestone_forecast"],
        [["YH-SPORTS", "余杭国际体育中心", "2027-06", "竣工验收", "2027-05"]],
    )
    before = settled_bytes(db)
    status, out, _ = run(capsys, "--db", db, "import", str(path), "--dry-run")
    assert status == 0 and "Dry run" in out
    assert "YH-SPORTS  project.forecast_finish: 2027-03-31 -> 2027-06-30" in out
    assert "milestone.forecast: 2027-02-28 -> 2027-05-31" in out
    assert settled_bytes(db) == before
    status, out, _ = run(capsys, "--db", db, "import", str(path))
    status, out, _ = run(capsys, "--db", db, "log", "YH-SPORTS", "--format", "json")
    fields = {(c["record"], c["field"], c["new"]) for c in json.loads(out)}
    assert ("project", "forecast_finish", "2027-06-30") in fields
    assert ("milestone", "forecast", "2027-05-31") in fields


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _empty_sheet(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Projects"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda p: _bytes(p / "empty.csv", b""), "empty"),
        (lambda p: write_csv(p / "wrong.csv", ["Foo", "Bar"], [["1", "2"]]), "code"),
        (lambda p: write_csv(p / "header.csv", ["code", "name"], []), "no data rows"),
        (lambda p: _bytes(p / "image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: _empty_sheet(p / "empty.xlsx"), "empty"),
        (lambda p: _bytes(p / "fake.xlsx", b"PK\x03\x04garbage"), "xlsx"),
        (lambda p: p / "missing.csv", "missing.csv"),
    ],
)
def test_unreadable_files_give_one_clear_line_and_exit_2(env, capsys, make, named):
    db = demo_db(env)
    path = make(env)
    before = settled_bytes(db)
    status, _, err = run(capsys, "--db", db, "import", str(path))
    assert status == 2
    assert err.count("\n") == 1 and named in err and "Traceback" not in err
    assert settled_bytes(db) == before


def test_import_on_sqlite_and_postgresql(db_url, capsys, env):
    assert main(["--db", db_url, "init"]) == 0
    path = write_csv(env / "cn.csv", CHINESE_HEADER, CHINESE_ROWS)
    status, _, err = run(capsys, "--db", db_url, "import", str(path))
    assert status == 0, err
    status, out, _ = run(capsys, "--db", db_url, "import", str(path))
    assert "3 unchanged" in out
    imported = portfolio(capsys, db_url)
    assert imported["QX-001"]["total_investment"] == "1850000000"


def test_sqlite_rows_are_the_files_rows(env, capsys):
    db = str(env / "rows.db")
    assert main(["--db", db, "init"]) == 0
    path = write_csv(
        env / "long.csv",
        ["code", "name", "milestone", "milestone_baseline"],
        [
            ["L-1", "长表", "开工", "2026-03"],
            ["L-1", "", "竣工", "2027"],
            ["L-2", "无节点", "", ""],
        ],
    )
    status, _, err = run(capsys, "--db", db, "import", str(path))
    assert status == 0, err
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT p.code, m.name, m.baseline, m.baseline_precision, m.position FROM project p "
            "LEFT JOIN milestone m ON m.project_id = p.id ORDER BY p.code, m.position"
        ).fetchall()
        audit = conn.execute("SELECT record, field, new FROM change ORDER BY id").fetchall()
    assert rows == [
        ("L-1", "开工", "2026-03-31", "month", 0),
        ("L-1", "竣工", "2027-12-31", "year", 1),
        ("L-2", None, None, None, None),
    ]
    assert audit == [
        ("project", "created", "长表"),
        ("project", "created", "无节点"),
        ("milestone", "created", "开工"),
        ("milestone", "created", "竣工"),
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_import_has_help(lang, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--lang", lang, "import", "--help"])
    assert exited.value.code == 0
    usage = "用法：" if lang == "zh" else "usage: "
    assert f"{usage}tracker import" in capsys.readouterr().out


def test_import_never_loads_textual(env):
    import os
    import subprocess
    import sys

    path = write_csv(env / "cn.csv", CHINESE_HEADER, CHINESE_ROWS)
    db = env / "h.db"
    code = (
        "import sys; from tracker.cli.main import main;"
        f"main(['--db', {str(db)!r}, 'init']);"
        f"main(['--db', {str(db)!r}, 'import', {str(path)!r}]);"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_toml_mapping_reads_units_date_formats_and_value_maps(env, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "重点项目"
    book.active.append(
        ["项目编号", "项目名称", "责任单位", "总投资", "计划完工", "状态", "存在问题"]
    )
    book.active.append(
        ["JT-01", "东西大道快速路", "区交通局", "12.5", "2027.06", "滞后", "征迁未完成"]
    )
    book.active.append(["JT-02", "城北公交枢纽", "区交通局", "待定", "2026/12/31", "正常推进", ""])
    book.save(env / "county.xlsx")
    mapping = Path(__file__).with_name("county_mapping.toml")
    db = str(env / "county.db")
    assert main(["--db", db, "init"]) == 0
    status, _, err = run(
        capsys, "--db", db, "import", str(env / "county.xlsx"), "--mapping", str(mapping)
    )
    assert status == 0, err
    imported = portfolio(capsys, db)
    road, hub = imported["JT-01"], imported["JT-02"]
    assert (road["total_investment"], road["currency"], road["unit"]) == (
        "1250000000",
        "CNY",
        "区交通局",
    )
    assert (road["baseline_finish"], road["baseline_finish_precision"]) == ("2027-06-30", "month")
    assert (hub["baseline_finish"], hub["baseline_finish_precision"]) == ("2026-12-31", "day")
    assert road["notes"] == "存在问题: 征迁未完成" and hub["notes"] == "总投资: 待定"
    assert hub["total_investment"] is None and road["last_status"] == "2026-11-30"
    status, out, _ = run(capsys, "--db", db, "show", "JT-01", "--format", "json")
    assert json.loads(out)["category"] == "transport"
    bad = env / "bad.toml"
    bad.write_text('[columns]\ncode = "项目编号"\ncost = "总投资"\n', encoding="utf-8")
    status, _, err = run(
        capsys, "--db", db, "import", str(env / "county.xlsx"), "--mapping", str(bad)
    )
    assert status == 2 and "cost" in err and err.count("\n") == 1


def test_gmpp_ids_that_change_between_years_match_by_name(env, capsys):
    header = ["GMPP ID Number", "Project Name", "Department", "Annual Report Category"]
    header += ["IPA Delivery Confidence Assessment", "SRO Delivery Confidence Assessment"]
    header += ["Departmental commentary on actions planned or taken on the IPA RAG rating."]
    header += ["Project - Start Date", "Project - End Date"]
    header += ["TOTAL Baseline Whole Life Costs (£m) (including Non-Government Costs)"]
    row = ["X_0001_2223", "Harbour Wall", "DFT", "ICT", "Amber", "", "", "2020-01-01"]
    first = write_csv(env / "Data_March_2023.csv", header, [[*row, "2025-01-01", "100"]])
    row[0] = "X_0099_2324"
    second = write_csv(env / "Data_March_2024.csv", header, [[*row, "2026-01-01", "£1,250"]])
    db = str(env / "g.db")
    assert main(["--db", db, "init"]) == 0
    for path in (first, second, second):
        status, _, err = run(capsys, "--db", db, "import", str(path), "--mapping", "gmpp")
        assert status == 0, err
    imported = portfolio(capsys, db)
    assert list(imported) == ["X_0001_2223"]
    wall = imported["X_0001_2223"]
    assert (wall["total_investment"], wall["currency"]) == ("1250000000", "GBP")
    assert "GMPP ID X_0099_2324" in wall["sources"] and wall["last_status"] == "2024-03-31"
