"""`tracker import --mapping gmpp` on the real published GMPP files (see ../shared/data/gmpp).

The expected figures are computed here from the files themselves, with the csv module and
openpyxl, never from the importer.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from tracker.cli.main import main

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "gmpp"
FILES = {
    2022: DATA / "GMPP_Government_Major_Projects_Portfolio_AR_Data_March_2022.csv",
    2023: DATA / "GMPP_Government_Major_Projects_Portofolio_AR_Data_March_2023.csv",
    2024: DATA / "Government_Major_Projects_Portofolio_AR_Data_March_2024.xlsx",
}
WHOLE_LIFE_COST = 15
VALUE_COLUMNS = (5, 6, 8, 9, 11, 12, 13, 15)

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"no GMPP data at {DATA}")


def sheet_rows(year: int) -> list[list[str]]:
    """The file's data rows as text, read directly."""
    path = FILES[year]
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        rows = [
            ["" if c is None else str(c) for c in r]
            for r in book.worksheets[0].iter_rows(values_only=True)
        ]
        book.close()
        return rows[1:]
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))[1:]


def known_costs(year: int) -> dict[str, Decimal]:
    """Whole-life costs (£m) that parse as numbers after stripping £ and separators."""
    costs = {}
    for row in sheet_rows(year):
        text = row[WHOLE_LIFE_COST].replace("£", "").replace(",", "").strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            continue
        if value.is_finite():
            costs[row[0]] = value
    return costs


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "gmpp.db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-28")
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.setenv("TRACKER_USER", "importer")
    assert main(["init"]) == 0
    return db


def projects_json(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main(["projects", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def import_year(year: int) -> int:
    return main(["import", str(FILES[year]), "--mapping", "gmpp"])


@pytest.mark.parametrize("year", [2023, 2024])
def test_gmpp_year_counts_and_whole_life_costs(env, capsys, year):
    rows = sheet_rows(year)
    costs = known_costs(year)
    assert import_year(year) == 0
    projects = projects_json(capsys)
    assert len(projects) == len(rows)
    known = {p["code"]: Decimal(p["total_investment"]) for p in projects if p["total_investment"]}
    assert known == {code: value * 1_000_000 for code, value in costs.items()}
    assert all(p["currency"] == "GBP" and p["total_investment_yuan"] is None for p in projects)
    largest = max(projects, key=lambda p: Decimal(p["total_investment"] or 0))
    assert largest["name"] == "DREADNOUGHT"
    assert Decimal(largest["total_investment"]) == max(costs.values()) * 1_000_000


def test_gmpp_2023_acceptance_figures(env, capsys):
    assert import_year(2023) == 0
    projects = projects_json(capsys)
    known = [Decimal(p["total_investment"]) for p in projects if p["total_investment"]]
    assert (len(projects), len(known), sum(known)) == (244, 193, Decimal(471_818) * 10**6)
    largest = max(projects, key=lambda p: Decimal(p["total_investment"] or 0))
    assert (largest["name"], largest["total_investment"]) == ("DREADNOUGHT", "33989000000")


def test_gmpp_2024_acceptance_figures(env, capsys):
    assert import_year(2024) == 0
    projects = projects_json(capsys)
    known = [Decimal(p["total_investment"]) for p in projects if p["total_investment"]]
    assert (len(projects), len(known), sum(known)) == (227, 174, Decimal(447_995) * 10**6)


def test_every_exemption_sentence_is_kept_in_the_notes(env, capsys):
    assert import_year(2023) == 0
    expected = 0
    for row in sheet_rows(2023):
        capsys.readouterr()
        assert main(["show", row[0], "--format", "json"]) == 0
        notes = json.loads(capsys.readouterr().out)["notes"] or ""
        for column in VALUE_COLUMNS:
            text = row[column].replace("\r\n", "\n").replace("\r", "\n").strip()
            if text.startswith("Exempt"):
                expected += 1
                assert text in notes, (row[0], column)
    assert expected > 50


def test_unknown_costs_are_unknown_never_zero(env, capsys):
    assert import_year(2023) == 0
    rows = {r[0]: r for r in sheet_rows(2023)}
    for project in projects_json(capsys):
        if project["total_investment"] is None:
            assert project["code"] not in known_costs(2023)
        assert project["total_investment"] != "0"
    assert sum(1 for r in rows.values() if r[WHOLE_LIFE_COST] in ("NA", "Inf")) >= 1


def test_ratings_become_status_updates_at_the_as_of_day(env, capsys):
    assert import_year(2023) == 0
    rated = {
        r[0]: (r[5] if r[5] in ("Red", "Amber", "Green") else r[6]).lower()
        for r in sheet_rows(2023)
        if r[5] in ("Red", "Amber", "Green") or r[6] in ("Red", "Amber", "Green")
    }
    projects = {p["code"]: p for p in projects_json(capsys)}
    for code in rated:
        assert projects[code]["last_status"] == "2023-03-31"
        assert projects[code]["light_override"] is None
    with_status = {c for c, p in projects.items() if p["last_status"]}
    assert with_status == set(rated)
    capsys.readouterr()
    assert main(["show", "DFT_0022_1415-Q4", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["baseline_start"], shown["baseline_start_precision"]) == ("2014-05-30", "day")
    assert shown["category"] == "infrastructure" and shown["owner_org"] == "DFT"


def test_reimporting_the_same_file_changes_nothing(env, capsys):
    assert import_year(2024) == 0
    capsys.readouterr()
    assert main(["log", "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert import_year(2024) == 0
    assert "227 unchanged" in capsys.readouterr().out
    assert main(["log", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == before


def test_three_years_build_lower_thames_crossings_history(env, capsys):
    for year in (2022, 2023, 2024):
        assert import_year(year) == 0
    capsys.readouterr()
    assert main(["log", "DFT_0022_1415-Q4"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "total investment" in line]
    assert [line.split("total investment")[1].strip() for line in reversed(lines)] == [
        "£6,752m → £8,309m",
        "£8,309m → £8,950m",
    ]
    assert main(["log", "DFT_0022_1415-Q4", "--format", "json"]) == 0
    created = [c for c in json.loads(capsys.readouterr().out) if c["field"] == "created"]
    assert [c["record"] for c in created].count("project") == 1
