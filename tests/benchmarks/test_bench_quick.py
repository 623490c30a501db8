"""The benchmark's portfolios: deterministic, of the requested shape, and asked the same
question by the floor and the peer; the xlsx floor writes the cells it read. No timing is
asserted here (see bench.py)."""

from __future__ import annotations

import json
import pickle
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).parent


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark's modules, importable as bench.py imports them (from its own folder)."""
    monkeypatch.syspath_prepend(str(HERE))
    import synthetic

    return synthetic


def _open_due_within_14_days(portfolio) -> set[tuple[str, str]]:
    """(code, milestone) of every open milestone due before today + 14 days, after the
    revisions moved some forecasts."""
    moved = {(r["project"], r["name"]): r["forecast"] for r in portfolio.revisions}
    horizon = portfolio.today + timedelta(days=14)
    return {
        (m["project"], m["name"])
        for m in portfolio.milestones
        if m["done"] is None
        and moved.get((m["project"], m["name"]), m["forecast"] or m["baseline"]) < horizon
    }


def test_same_seed_same_portfolio_other_seed_another(bench):
    first, again = bench.generate(40), bench.generate(40)
    assert first == again
    assert bench.generate(40, seed=7).milestones != first.milestones


def test_shape(bench):
    size = 300
    portfolio = bench.generate(size)
    assert len(portfolio.projects) == size
    assert len({p["code"] for p in portfolio.projects}) == size
    per_project = Counter(m["project"] for m in portfolio.milestones)
    assert set(per_project.values()) == {20}
    dues = [m["forecast"] or m["baseline"] for m in portfolio.milestones]
    assert min(dues) >= date(2024, 1, 1)
    assert max(dues) <= date(2030, 12, 31)
    assert {d.year for d in dues} == set(range(2024, 2031))
    done = sum(m["done"] is not None for m in portfolio.milestones) / len(portfolio.milestones)
    assert 0.25 <= done <= 0.35
    assert all(m["done"] <= portfolio.today for m in portfolio.milestones if m["done"])
    assert Counter(p["project"] for p in portfolio.plans) == {c: 3 for c in per_project}
    assert Counter(r["project"] for r in portfolio.reports) == {c: 10 for c in per_project}
    assert {r["month"] for r in portfolio.reports} == set(range(1, 11))
    assert Counter(s["project"] for s in portfolio.statuses) == {c: 3 for c in per_project}
    assert 0 < len(portfolio.problems) < 2 * size
    assert len(portfolio.revisions) == size // 20
    open_names = {(m["project"], m["name"]) for m in portfolio.milestones if m["done"] is None}
    assert all((r["project"], r["name"]) in open_names for r in portfolio.revisions)


def test_loaded_through_import_and_bulk_door_floor_query_agrees(bench, tmp_path):
    from loaders import Loader
    from peers import due_query

    portfolio = bench.generate(60)
    database = Loader(tmp_path).load(portfolio)
    with sqlite3.connect(database) as conn:
        counts = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in (
                "project",
                "milestone",
                "status_update",
                "investment_plan",
                "investment_report",
                "problem",
            )
        }
        moved = conn.execute(
            "SELECT project_code, old, new FROM change WHERE record = 'milestone' "
            "AND field = 'forecast' ORDER BY project_code"
        ).fetchall()
        created = conn.execute("SELECT COUNT(*) FROM change WHERE field = 'created'").fetchone()
        # Each unit the sheet names is recorded as an organisation (issue #16), audited too.
        organisations = {name for (name,) in conn.execute("SELECT name FROM organisation")}
        floor_rows = conn.execute(due_query(portfolio.today)).fetchall()
    assert counts == {
        "project": 60,
        "milestone": 1200,
        "status_update": 180,
        "investment_plan": 180,
        "investment_report": 600,
        "problem": len(portfolio.problems),
    }
    assert organisations == {p["unit"] for p in portfolio.projects}
    assert created[0] == sum(counts.values()) + len(organisations)
    assert sorted((code, new) for code, _, new in moved) == sorted(
        (r["project"], r["forecast"].isoformat()) for r in portfolio.revisions
    )
    assert {(row[0], row[2]) for row in floor_rows} == _open_due_within_14_days(portfolio)


@pytest.mark.skipif(shutil.which("task") is None, reason="Taskwarrior (`task`) is not installed")
def test_taskwarrior_answers_the_same_question(bench, tmp_path):
    from peers import Taskwarrior

    portfolio = bench.generate(30)
    peer = Taskwarrior(tmp_path)
    assert peer.load(portfolio, date.today()) == len(portfolio.open_due())  # noqa: DTZ011
    listed = subprocess.run(
        peer.due_argv(), env=peer.env(), capture_output=True, text=True, check=True
    ).stdout
    expected = _open_due_within_14_days(portfolio)
    assert expected
    # each line: id, age, project, due, description ("BX-000001 施工许可"), urgency
    listed_items = re.findall(r"(BX-\d{6}) ([^\s\d]\S*)", listed)
    assert len(listed_items) == len(set(listed_items)) == len(expected)
    assert set(listed_items) == expected


def test_xlsx_floor_writes_the_cells_it_read(tmp_path):
    """floors/xlsxwriter_cells.py reads a workbook's valued cells (shared strings, numbers and
    dates, not blank formatted cells) and writes the same ones again, sheet by sheet."""
    import xlsxwriter

    floor = [sys.executable, str(HERE / "floors" / "xlsxwriter_cells.py")]
    book = xlsxwriter.Workbook(tmp_path / "tracker.xlsx")
    summary, later = book.add_worksheet("Summary"), book.add_worksheet("项目")
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "yyyy-mm-dd"})
    summary.write_string(0, 0, "code", bold)
    summary.write_string(0, 2, "code")  # the same text again: one shared string
    summary.write_number(3, 1, 1234.5)
    summary.write_blank(3, 0, None, bold)
    later.write_datetime(0, 27, date(2026, 11, 28), day)
    later.write_string(2, 0, "第1次周报\n按计划推进")
    book.close()

    def dump(workbook: Path, cells: Path) -> dict[str, int]:
        argv = [*floor, "dump", str(workbook), str(cells)]
        return json.loads(subprocess.run(argv, capture_output=True, check=True).stdout)

    counts = dump(tmp_path / "tracker.xlsx", tmp_path / "cells.pickle")
    assert counts == {"sheets": 2, "strings": 3, "numbers": 2, "blank": 1}
    write = [*floor, "write", str(tmp_path / "cells.pickle"), str(tmp_path / "floor.xlsx")]
    subprocess.run(write, check=True)
    assert dump(tmp_path / "floor.xlsx", tmp_path / "again.pickle") == {**counts, "blank": 0}
    first = pickle.loads((tmp_path / "cells.pickle").read_bytes())
    assert first == pickle.loads((tmp_path / "again.pickle").read_bytes())
    assert first == [
        ("Summary", [(0, (0, 2), ("code", "code")), (3, (1,), (1234.5,))]),
        ("项目", [(0, (27,), (46354.0,)), (2, (0,), ("第1次周报\n按计划推进",))]),
    ]
