"""`tracker reference` after importing the three GMPP years, against figures computed here.

The expected figures are worked out from the files themselves (csv and openpyxl), never from the
importer or the reality-check code. Projects are matched across years the way the importer does:
by GMPP ID; a row whose ID no project has is then matched by its exact (trimmed) name among the
projects that no row of the same file claims by ID, when exactly one has that name, and keeps the
first code. A project is in the reference class when it appears in two files or more. Cost growth
is the latest file's whole-life cost ÷ the first known one; finish slip the latest file's end date
− the first known end date; a cell that is not a plain number or ISO date is unknown.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tracker.cli.main import main

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "gmpp"
FILES = [  # imported in this order
    DATA / "GMPP_Government_Major_Projects_Portfolio_AR_Data_March_2022.csv",
    DATA / "GMPP_Government_Major_Projects_Portofolio_AR_Data_March_2023.csv",
    DATA / "Government_Major_Projects_Portofolio_AR_Data_March_2024.xlsx",
]
CATEGORIES = {
    "Infrastructure and Construction": "infrastructure",
    "Government Transformation and Service Delivery": "transformation",
    "Military Capability": "military",
    "ICT": "ict",
}

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"no GMPP data at {DATA}")


def _table(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        rows = [
            ["" if c is None else str(c) for c in r]
            for r in book.worksheets[0].iter_rows(values_only=True)
        ]
        book.close()
    else:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
    header = rows[0]

    def column(prefix: str) -> int:
        return next(i for i, h in enumerate(header) if h.startswith(prefix))

    wanted = {
        "id": column("GMPP ID Number"),
        "name": column("Project Name"),
        "category": column("Annual Report Category"),
        "end": column("Project - End Date"),
        "cost": column("TOTAL Baseline Whole Life Costs"),
    }
    return [{k: row[i].strip() for k, i in wanted.items()} for row in rows[1:]]


def _cost(text: str) -> Decimal | None:
    body = text.replace("£", "").replace(",", "")
    return Decimal(body) if re.fullmatch(r"\d+(\.\d+)?", body) else None


def _end(text: str) -> date | None:
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})( 00:00:00)?", text)
    return None if found is None else date(int(found[1]), int(found[2]), int(found[3]))


def _histories() -> dict[str, list[dict[str, str]]]:
    """Each project's rows, year by year, keyed by the code it was first imported with."""
    projects: dict[str, list[dict[str, str]]] = {}
    for path in FILES:
        rows = _table(path)
        codes = {r["id"] for r in rows}
        claimed = {r["id"] for r in rows if r["id"] in projects}
        free: dict[str, list[str]] = {}
        for code, history in projects.items():
            if code not in claimed and code not in codes:
                free.setdefault(history[-1]["name"], []).append(code)
        for row in rows:
            if row["id"] in projects:
                projects[row["id"]].append(row)
            elif len(free.get(row["name"], [])) == 1:
                projects[free.pop(row["name"])[0]].append(row)
            else:
                projects[row["id"]] = [row]
    return projects


def _percentile(values: list[Fraction], q: int) -> Fraction:
    ordered = sorted(values)
    rank = Fraction((len(ordered) - 1) * q, 100)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (rank - low) * (ordered[high] - ordered[low])


def _expected() -> dict[str, dict[str, object]]:
    members = [h for h in _histories().values() if len(h) >= 2]
    classes: dict[str, list[list[dict[str, str]]]] = {"all": members}
    for history in members:
        classes.setdefault(CATEGORIES[history[-1]["category"]], []).append(history)
    expected = {}
    for category, histories in classes.items():
        growths, slips = [], []
        for history in histories:
            costs = [_cost(r["cost"]) for r in history]
            first_cost = next((c for c in costs if c is not None), None)
            if first_cost and costs[-1] is not None:
                growths.append(Fraction(costs[-1]) / Fraction(first_cost))
            ends = [_end(r["end"]) for r in history]
            first_end = next((e for e in ends if e is not None), None)
            if first_end is not None and ends[-1] is not None:
                slips.append(Fraction((ends[-1] - first_end).days))
        expected[category] = {
            "n": len(histories),
            "cost_growth": (len(growths), _percentile(growths, 50), _percentile(growths, 80)),
            "finish_slip_days": (len(slips), _percentile(slips, 50), _percentile(slips, 80)),
        }
    return expected


def test_reference_class_from_three_gmpp_years(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "gmpp.db"))
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.delenv("TRACKER_SETTINGS", raising=False)
    assert main(["init"]) == 0
    for path in FILES:
        assert main(["import", str(path), "--mapping", "gmpp"]) == 0
    capsys.readouterr()
    assert main(["reference", "--format", "json"]) == 0
    rows = {r["category"]: r for r in json.loads(capsys.readouterr().out)}
    expected = _expected()
    assert set(rows) == {"all", "infrastructure", "transformation", "military", "ict"}
    assert set(expected) == set(rows)
    for category, want in expected.items():
        got = rows[category]
        assert got["n"] == want["n"], category
        assert got["span"] == {"from": "2022-03-31", "to": "2024-03-31"}
        for measure, places in (("cost_growth", 4), ("finish_slip_days", 1)):
            n, p50, p80 = want[measure]
            assert got[measure]["n"] == n, (category, measure)
            assert n >= 5
            for name, value in (("p50", p50), ("p80", p80)):
                exact = Decimal(value.numerator) / Decimal(value.denominator)
                assert got[measure][name] == pytest.approx(float(exact), abs=10**-places / 2)
    # the portfolio-wide class is the union of the four categories
    assert rows["all"]["n"] == sum(rows[c]["n"] for c in CATEGORIES.values())
    # Lower Thames Crossing £6,752m → £8,950m is one of the growths: 8950 / 6752 ≈ 1.3255
    capsys.readouterr()
    assert main(["reference", "--category", "infrastructure"]) == 0
    assert "infrastructure" in capsys.readouterr().out
