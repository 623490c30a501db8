"""One test a family of hostile input (issue 15): each failed before its fix."""

from __future__ import annotations

import io
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tracker.cli.main import main


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def investment(db: Path, code: str) -> object:
    return rows(db, "SELECT total_investment_cents FROM project WHERE code = ?", code)[0][0]


def write_csv(path: Path, body: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(body.encode(encoding))
    return path


# Family 2: amounts officers write parse exactly; malformed ones are refused with row and column.
@pytest.mark.parametrize(
    ("cell", "cents"),
    [("95亿元人民币", 950_000_000_000), ("十亿", 100_000_000_000), ("9.5e9", 950_000_000_000)],
)
def test_amounts_as_officers_write_them_import_exactly(hostile, cell: str, cents: int):
    csv = write_csv(hostile.tmp / "a.csv", f"code,name,total_investment\nYH-NEW,新项目,{cell}\n")
    status, _out, err = hostile.run(["import", str(csv)])
    assert status == 0, err
    assert investment(hostile.db, "YH-NEW") == cents


@pytest.mark.parametrize("cell", ["95亿亿", "९५"])
def test_a_malformed_amount_is_refused_with_its_row_and_column(hostile, cell: str):
    csv = write_csv(hostile.tmp / "a.csv", f"code,name,total_investment\nYH-NEW,新项目,{cell}\n")
    status, _out, err = hostile.run(["import", str(csv)])
    assert status == 2
    assert "Traceback" not in err
    assert "row 2" in err and "total_investment" in err and cell in err
    assert hostile.digest() == hostile.before


# Family 3: dates.
def test_a_negative_offset_is_a_value_of_its_option(hostile):
    status, _out, err = hostile.run(
        ["milestone", "set", "YH-SPORTS", "主体结顶", "--forecast", "-10d"]
    )
    assert status == 0, err
    assert rows(
        hostile.db,
        "SELECT m.forecast FROM milestone m JOIN project p ON p.id = m.project_id "
        "WHERE p.code = 'YH-SPORTS' AND m.name = '主体结顶'",
    ) == [("2026-11-18",)]


def test_an_out_of_range_date_names_the_range(hostile):
    line = hostile.refused(
        ["milestone", "set", "YH-SPORTS", "主体结顶", "--forecast", "9999-12-31"], 2
    )
    assert "1900–2199" in line


def test_full_width_within_reads_as_ascii(hostile):
    assert (
        hostile.run(["remind", "--within", "30d"])[:2]
        == hostile.run(["remind", "--within", "３０ｄ"])[:2]
    )


# Family 4: projects --format csv reads back as it is.
def test_projects_csv_piped_into_import_changes_nothing(hostile, monkeypatch: pytest.MonkeyPatch):
    status, out, _err = hostile.run(["projects", "--format", "csv"])
    assert status == 0
    header = out.splitlines()[0].split(",")
    assert "computed_light" in header and "light" not in header
    assert "baseline_finish_precision" in header
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(out.encode("utf-8"))))
    status, _out, err = hostile.run(["import", "-"])
    assert status == 0, err
    assert hostile.digest() == hostile.before


# Family 6: encodings.
def test_utf16_imports_and_shift_jis_is_refused_naming_its_encoding(hostile):
    body = "code,name\nYH-JP,東京スポーツセンター\n"
    for encoding in ("utf-16", "utf-16-le"):
        csv = write_csv(hostile.tmp / f"{encoding}.csv", body, encoding)
        status, _out, err = hostile.run(["import", str(csv)])
        assert status == 0, err
    assert rows(hostile.db, "SELECT name FROM project WHERE code = 'YH-JP'") == [
        ("東京スポーツセンター",)
    ]
    jis = write_csv(
        hostile.tmp / "jis.csv", "code,name\nYH-JP2,大阪の劇場と東京の競技場\n", "shift_jis"
    )
    before = hostile.digest()
    status, _out, err = hostile.run(["import", str(jis)])
    assert status == 2 and len(err.splitlines()) == 1
    assert "--encoding" in err and ("cp932" in err or "shift_jis" in err)
    assert hostile.digest() == before
    status, _out, err = hostile.run(["import", str(jis), "--encoding", "shift_jis"])
    assert status == 0, err
    assert rows(hostile.db, "SELECT name FROM project WHERE code = 'YH-JP2'") == [
        ("大阪の劇場と東京の競技場",)
    ]


# Family 7: formula injection in every CSV tracker writes; our own output reads back.
FORMULAS = ('=HYPERLINK("http://x","y")', "@SUM(A1)", "+1+1", "-2+3", "\tTAB")


def test_formulas_are_neutralised_and_read_back(hostile, monkeypatch):
    lines = ["code,name,unit,officer"]
    lines += [
        f'YH-F{i},"{f.replace(chr(34), chr(34) * 2)}",单位,officer' for i, f in enumerate(FORMULAS)
    ]
    csv = write_csv(hostile.tmp / "f.csv", "\n".join(lines) + "\n")
    status, _out, err = hostile.run(["import", str(csv)])
    assert status == 0, err
    stored = dict(rows(hostile.db, "SELECT code, name FROM project WHERE code LIKE 'YH-F%'"))
    before = hostile.digest()
    status, out, _err = hostile.run(["projects", "--format", "csv"])
    for line in out.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@", "\t"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(out.encode("utf-8"))))
    assert hostile.run(["import", "-"])[0] == 0
    assert hostile.digest() == before
    assert (
        dict(rows(hostile.db, "SELECT code, name FROM project WHERE code LIKE 'YH-F%'")) == stored
    )


def test_the_bad_rows_report_neutralises_formulas(hostile):
    csv = write_csv(hostile.tmp / "b.csv", "code,name,baseline_finish\nYH-NEW,新,=2027\n")
    report = hostile.tmp / "report.csv"
    status, _out, _err = hostile.run(["import", str(csv), "--report", str(report)])
    assert status == 2
    text = report.read_text(encoding="utf-8-sig")
    assert "'=2027" in text and ",=2027" not in text


# Family 8: a password is masked wherever a database URL is shown.
@pytest.mark.postgres
def test_init_masks_the_password(pg_url: str, capsys, monkeypatch):
    secret = pg_url.replace("postgres@", "postgres:S3cr3tPw@", 1)
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-28")
    assert main(["--db", secret, "init"]) == 0
    out, err = capsys.readouterr()
    assert "S3cr3tPw" not in out + err and "postgres:***@" in out


# Family 9: control characters escaped in terminal output, refused in names.
def test_escape_sequences_in_a_note_are_shown_escaped(hostile):
    note = "done\x1b[2J\x1b[31mFORGED\nline"
    assert hostile.run(["status", "set", "YH-SPORTS", "--light", "red", "--note", note])[0] == 0
    _status, out, _err = hostile.run(["log", "YH-SPORTS"])
    assert "\x1b" not in out
    from tracker.core.textable import render

    assert render(["note"], [[note]]).splitlines()[-1] == "done\\x1b[2J\\x1b[31mFORGED\\nline"
    _status, out, _err = hostile.run(["export", "weekly", "--format", "md"])
    assert "\x1b" not in out
    _status, out, _err = hostile.run(["show", "YH-SPORTS"])
    assert "\x1b" not in out and "\\x1b[2J" in out


def test_a_user_name_with_control_characters_is_refused(hostile):
    line = hostile.refused(
        ["--user", "a\nb", "status", "set", "YH-SPORTS", "--light", "red", "--note", "x"], 2
    )
    assert "--user" in line


# Family 10: init into another application's database; stale half-written files.
def test_init_into_another_applications_database_needs_force(hostile):
    other = hostile.tmp / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE wp_posts (id INTEGER)")
    status, _out, err = hostile.run(["--db", str(other), "init"])
    assert status == 2 and "wp_posts" in err and "--force" in err
    assert rows(other, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("wp_posts",)]
    assert hostile.run(["--db", str(other), "init", "--force"])[0] == 0


def test_stale_partial_files_of_the_same_target_are_removed(hostile):
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    report = hostile.tmp / "week.md"
    stale = [hostile.tmp / f".week.md.{dead}.tmp", hostile.tmp / f".copy.db.{dead}.partial"]
    other = hostile.tmp / f".other.md.{dead}.tmp"
    for path in (*stale, other):
        path.write_text("half")
    live = hostile.tmp / f".week.md.{os.getpid()}.tmp.keep"
    live.write_text("not ours")
    assert hostile.run(["export", "weekly", "--format", "md", "-o", str(report)])[0] == 0
    assert hostile.run(["backup", str(hostile.tmp / "copy.db")])[0] == 0
    assert not any(path.exists() for path in stale)
    assert other.exists() and live.exists()
