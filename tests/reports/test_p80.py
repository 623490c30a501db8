"""The reality check's P80 cost and finish in the weekly report (#9 in #5), in every format.

On the demo no project has been recorded twice (the week's edits touch milestones, problems,
status updates and an override, none of which re-records a project), so every reference class is
empty and every P80 is unknown, except the finished west station's finish, which is its actual
finish. A small portfolio with a history gives a known P80, checked against figures worked out
here by hand.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tracker.store.read.plainsql import PlainConnection

YI = 100_000_000  # yuan in one 亿
BASELINE = date(2026, 12, 31)
# Five sports projects recorded twice: first 10亿 due 2026-12-31, then (latest 亿, days late).
HISTORY = {"S1": (10, 0), "S2": (11, 30), "S3": (12, 60), "S4": (13, 90), "S5": (20, 365)}
# By hand, numpy's linear method: n = 5, rank (5 − 1) × 0.8 = 3.2 between the 4th and 5th values.
P80_GROWTH = Decimal("1.3") + Decimal("0.2") * (Decimal("2.0") - Decimal("1.3"))  # 1.44
P80_SLIP_DAYS = 90 + Decimal("0.2") * (365 - 90)  # 145
NEW_TOTAL_YUAN = 95 * YI  # the subject: 95亿, baseline finish 2027-03-31, never re-recorded
NEW_FINISH = date(2027, 3, 31)


def test_on_the_demo_the_reference_classes_are_empty_so_p80_is_unknown(edited_week, run_export):
    from tracker.reality.history import histories
    from tracker.reality.reference_class import reference_classes

    with PlainConnection(edited_week) as conn:
        classes = reference_classes(histories(conn), 5)
        finished = conn.rows(
            "SELECT code, actual_finish FROM project WHERE actual_finish IS NOT NULL"
        )
    assert {c: r.n for c, r in classes.items()} == {"all": 0}
    report = json.loads(run_export(edited_week, "en", "--week", "2026-W48", "--format", "json")[1])
    p80 = {p["code"]: p["p80"] for p in report["projects"]}
    assert all(v["cost"] is None for v in p80.values())
    assert all(
        "no project of this category has a recorded history" in v["basis"]["cost"]
        for v in p80.values()
    )
    assert [(r["code"], str(r["actual_finish"])[:10]) for r in finished] == [
        ("YH-WEST-STN", "2022-09-22")
    ]
    assert {c: v["finish"] for c, v in p80.items() if v["finish"]} == {"YH-WEST-STN": "2022-09-22"}


@pytest.fixture
def with_history(make_service, clock, db_url):
    """Five sports projects with a recorded history, the 95亿 subject, one education project."""
    service = make_service()
    for code in HISTORY:
        service.create_project(
            {
                "code": code,
                "name": f"体育{code}",
                "category": "sports",
                "total_investment_cents": 10 * YI * 100,
                "baseline_finish": BASELINE,
                "baseline_finish_precision": "day",
            }
        )
    for code, (latest, late) in HISTORY.items():
        service.update_project(
            code,
            {
                "total_investment_cents": latest * YI * 100,
                "forecast_finish": BASELINE + timedelta(days=late),
            },
        )
    service.create_project(
        {
            "code": "NEW",
            "name": "新体育馆",
            "name_en": "New arena",
            "category": "sports",
            "total_investment_cents": NEW_TOTAL_YUAN * 100,
            "baseline_finish": NEW_FINISH,
            "baseline_finish_precision": "day",
        }
    )
    service.create_project(
        {"code": "EDU", "name": "学校", "category": "education", "total_investment_cents": YI * 100}
    )
    service.update_project("EDU", {"total_investment_cents": 2 * YI * 100})
    return db_url


def test_a_known_p80_agrees_with_the_hand_computation_in_every_format(
    with_history, run_export, tmp_path
):
    assert (Decimal("1.44"), 145) == (P80_GROWTH, P80_SLIP_DAYS)
    cost_yuan = NEW_TOTAL_YUAN * P80_GROWTH  # 136.8亿
    finish = NEW_FINISH + timedelta(days=int(P80_SLIP_DAYS))
    assert (cost_yuan, finish) == (Decimal("13680000000"), date(2027, 8, 23))

    report = json.loads(run_export(with_history, "en", "--format", "json")[1])
    p80 = {p["code"]: p["p80"] for p in report["projects"]}
    assert (p80["NEW"]["cost"], p80["NEW"]["finish"]) == ("13680000000", "2027-08-23")
    assert "P80 cost growth of reference class sports" in p80["NEW"]["basis"]["cost"]
    assert "+145.0 days" in p80["NEW"]["basis"]["finish"]
    # a member applies the same percentiles to its own latest figures: 20亿 × 1.44, 2027-12-31 + 145
    assert (p80["S5"]["cost"], p80["S5"]["finish"]) == ("2880000000", "2028-05-24")
    # one education project with a history: fewer than 5, so no figure, and the basis says so
    assert p80["EDU"]["cost"] is None and "fewer than 5 projects" in p80["EDU"]["basis"]["cost"]

    zh_md = run_export(with_history, "zh", "--format", "md")[1]
    assert "；P80 总投资 136.80亿元；P80 完工 2027年8月23日\n" in zh_md
    en_md = run_export(with_history, "en", "--format", "md")[1]
    assert "; P80 cost CNY 13.68 bn; P80 finish 23 Aug 2027\n" in en_md

    rows = list(csv.reader(io.StringIO(run_export(with_history, "zh", "--format", "csv")[1][1:])))
    header, new = rows[0], next(r for r in rows if r[0] == "NEW")
    # the P80 columns keep their places; the steering columns (issue #16) come after them
    assert header[19:21] == ["P80 总投资（万元）", "P80 完工"]
    assert new[19:21] == ["1368000", "2027-08-23"]  # 136.8亿 = 1,368,000 万

    page = tmp_path / "weekly.html"
    assert run_export(with_history, "zh", "--format", "html", "-o", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "P80 总投资 136.80亿元" in html and "P80 完工 2027年8月23日" in html

    book = tmp_path / "weekly.xlsx"
    assert run_export(with_history, "zh", "--format", "xlsx", "-o", str(book))[0] == 0
    sheet = load_workbook(book, read_only=True)["Projects"]
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    cells = dict(zip(table[0], next(r for r in table if r[0] == "NEW"), strict=True))
    assert cells["P80 总投资（万元）"] == 1368000
    assert cells["P80 完工"].date() == date(2027, 8, 23)


def test_the_report_follows_the_reality_settings(with_history, run_export, tmp_path, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text("[reality_check]\nmin_projects = 1\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_SETTINGS", str(settings))
    report = json.loads(run_export(with_history, "en", "--format", "json")[1])
    edu = next(p for p in report["projects"] if p["code"] == "EDU")
    assert edu["p80"]["cost"] == "400000000"  # one project, growth 2×: 2亿 × 2


def test_the_p80_alone_is_the_full_reality_checks_p80(edited_week, with_history):
    """On the demo with the sports projects' history added (one database): a known P80, an
    actual finish, and unknowns, each the same as the full reality check's, with its basis."""
    from tracker.reality.forecast import project_forecasts, project_p80s

    with PlainConnection(with_history) as conn:
        full = project_forecasts(conn, date(2026, 11, 28))
        alone = project_p80s(conn)
    assert set(alone) == set(full)
    for code, f in full.items():
        p = alone[code]
        assert (p.cost_cents, p.cost_basis) == (f.cost["p80"], f.basis["cost.p80"])
        assert (p.finish, p.finish_basis) == (f.finish["p80"], f.basis["finish.p80"])
    assert (alone["NEW"].cost_cents, alone["NEW"].finish) == (1_368_000_000_000, date(2027, 8, 23))
    assert (alone["YH-WEST-STN"].cost_cents, alone["YH-WEST-STN"].finish) == (
        None,
        date(2022, 9, 22),
    )
