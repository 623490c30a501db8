"""The reality check over a real database (SQLite file and PostgreSQL): uplifts on the demo,
a project type set through the service, and a reference class built from the audit trail."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from tracker.reality.forecast import project_forecasts
from tracker.reality.history import histories
from tracker.reality.reality_settings import RealitySettings
from tracker.reality.reference_class import reference_classes
from tracker.reality.uplifts import GREEN_BOOK
from tracker.store.read.plainsql import PlainConnection

TODAY = date(2026, 11, 28)


def _forecast(url: str, code: str, settings: RealitySettings | None = None):
    with PlainConnection(url) as conn:
        return project_forecasts(conn, TODAY, settings, code)[code]


def test_demo_sports_centre_at_concept_and_at_its_real_stage(demo_settings, make_service):
    url = demo_settings.db_url
    real = _forecast(url, "YH-SPORTS")
    assert (real.type, real.stage) == ("non_standard_building", "construction")
    assert real.cost["base"] == 9_500_000_000 * 100
    make_service().update_project("YH-SPORTS", {"stage": "concept"})
    concept = _forecast(url, "YH-SPORTS")
    assert concept.cost["high"] == 14_345_000_000 * 100  # 9.5 bn × 1.51
    assert concept.cost["low"] == 9_880_000_000 * 100  # 9.5 bn × 1.04
    assert "+51%" in concept.basis["cost.high"].text("en") and GREEN_BOOK in concept.basis[
        "cost.high"
    ].text("en")
    assert "+4%" in concept.basis["cost.low"].text("en") and GREEN_BOOK in concept.basis[
        "cost.low"
    ].text("en")
    # construction is half-way from the upper to the lower bound: 4% + 0.5 × 47% = 27.5%
    assert concept.cost["low"] < real.cost["high"] < concept.cost["high"]
    assert real.cost["high"] == 12_112_500_000 * 100
    assert "+27.5%" in real.basis["cost.high"].text("en") and "0.5" in real.basis["cost.high"].text(
        "en"
    )
    # no start is recorded, so the duration cannot be uplifted: unknown, never a guess
    assert real.finish["base"] == date(2027, 3, 31)
    assert real.finish["high"] is None and "start unknown" in real.basis["finish.high"].text("en")


def test_every_figure_has_a_basis(demo_settings):
    with PlainConnection(demo_settings.db_url) as conn:
        forecasts = project_forecasts(conn, TODAY)
    assert len(forecasts) == 14
    for f in forecasts.values():
        keys = {f"{measure}.{k}" for measure in ("cost", "finish") for k in f.cost}
        assert keys | {"type"} == set(f.basis)
        assert all(said.text(lang).strip() for said in f.basis.values() for lang in ("en", "zh"))


def test_set_type_audits_and_changes_the_uplift(make_service, db_url):
    service = make_service("officer-li")
    service.create_project(
        {
            "code": "RD-1",
            "name": "文一西路",
            "category": "transport",
            "stage": "concept",
            "total_investment_cents": 100_000_000,
        }
    )
    assert _forecast(db_url, "RD-1").cost["high"] == 166_000_000  # non-standard civil, +66%
    changes = service.set_project_type("RD-1", "standard_civil")
    assert [(c.field, c.old, c.new, c.author) for c in changes] == [
        ("project_type", None, "standard_civil", "officer-li")
    ]
    road = _forecast(db_url, "RD-1")
    assert (road.type, road.cost["high"]) == ("standard_civil", 144_000_000)  # +44%
    assert "set for this project" in road.basis["type"].text("en")
    service.set_project_type("RD-1", None)
    assert _forecast(db_url, "RD-1").type == "non_standard_civil"
    with PlainConnection(db_url) as conn:  # a type is a judgement, not a new record of the project
        assert reference_classes(histories(conn), 5)["all"].n == 0


def test_set_type_refuses_an_unknown_type(make_service):
    from tracker.core.errors import InputError

    service = make_service()
    service.create_project({"code": "X", "name": "x", "category": "sports"})
    with pytest.raises(InputError, match="stadium"):
        service.set_project_type("X", "stadium")


def test_finish_uplift_applies_to_the_duration_from_the_start(make_service, db_url):
    service = make_service()
    service.create_project(
        {
            "code": "HOSP",
            "name": "医院",
            "category": "health",
            "stage": "design",
            "baseline_start": date(2024, 1, 1),
            "forecast_finish": date(2026, 1, 1),
        }
    )
    f = _forecast(db_url, "HOSP")
    days = (date(2026, 1, 1) - date(2024, 1, 1)).days  # 731
    # design: 2% + 0.75 × (39% − 2%) = 29.75%; 731 × 1.2975 = 948.47 -> 948; 731 × 1.02 = 745.62
    assert days == 731
    assert f.finish["high"] == date(2024, 1, 1) + timedelta(days=948)
    assert f.finish["low"] == date(2024, 1, 1) + timedelta(days=746)
    assert "731 days from baseline start 2024-01-01" in f.basis["finish.high"].text("en")
    assert f.cost["base"] is None and f.cost["high"] is None
    assert f.basis["cost.high"].text("en") == "total investment unknown"


def _history_portfolio(service) -> None:
    """Six health projects and one school whose figures moved, one project that never did."""
    moves = [  # first cost, later costs (yuan); first finish, later finish
        (100, [120, 110], date(2025, 1, 1), date(2025, 1, 1)),
        (100, [150], date(2025, 1, 1), date(2025, 2, 1)),
        (100, [], date(2025, 1, 1), date(2025, 3, 1)),
        (100, [200], date(2025, 1, 1), date(2025, 4, 1)),
        (100, [125], date(2025, 1, 1), date(2025, 1, 11)),
        (100, [90], date(2025, 1, 1), date(2024, 12, 27)),
    ]
    for i, (cost, later, first, last) in enumerate(moves):
        code = f"H{i}"
        service.create_project(
            {
                "code": code,
                "name": code,
                "category": "health",
                "stage": "construction",
                "total_investment_cents": cost * 100,
                "baseline_finish": first,
            }
        )
        for value in later:
            service.update_project(code, {"total_investment_cents": value * 100})
        if last != first:
            service.update_project(code, {"forecast_finish": last + timedelta(days=30)})
            service.update_project(code, {"forecast_finish": last})
    service.create_project(
        {"code": "S1", "name": "S1", "category": "education", "total_investment_cents": 100}
    )
    service.update_project("S1", {"total_investment_cents": 300})
    service.create_project(
        {"code": "N1", "name": "N1", "category": "health", "total_investment_cents": 100}
    )


def test_reference_class_from_the_audit_trail(make_service, db_url):
    _history_portfolio(make_service())
    with PlainConnection(db_url) as conn:
        classes = reference_classes(histories(conn), 5)
    health = classes["health"]
    # growths 1.1 1.5 1.0 2.0 1.25 0.9 -> sorted 0.9 1.0 1.1 1.25 1.5 2.0
    # P50: h = 2.5 -> 1.1 + 0.5 × 0.15 = 1.175; P80: h = 4 -> 1.5
    assert health.n == 6
    assert (health.cost_growth.p50, health.cost_growth.p80) == (Fraction(47, 40), Fraction(3, 2))
    # slips 0 31 59 90 10 −5 -> sorted −5 0 10 31 59 90; P50: 10 + 0.5 × 21 = 20.5; P80: 59
    assert (health.finish_slip_days.p50, health.finish_slip_days.p80) == (Fraction(41, 2), 59)
    assert health.span == (TODAY, TODAY)
    assert classes["education"].n == 1 and classes["education"].cost_growth.p50 is None
    assert classes["all"].n == 7  # N1 was never recorded again, so it has no history


def test_forecast_uses_the_reference_class(make_service, db_url):
    service = make_service()
    _history_portfolio(service)
    service.create_project(
        {
            "code": "NEW",
            "name": "新院区",
            "category": "health",
            "stage": "concept",
            "total_investment_cents": 1_000_000_00,
            "forecast_finish": date(2028, 6, 30),
        }
    )
    f = _forecast(db_url, "NEW")
    assert f.cost["p50"] == 1_175_000_00  # 1,000,000 × 1.175
    assert f.cost["p80"] == 1_500_000_00
    assert f.finish["p50"] == date(2028, 6, 30) + timedelta(days=21)  # 20.5 rounds half up
    assert f.finish["p80"] == date(2028, 6, 30) + timedelta(days=59)
    assert "reference class health" in f.basis["cost.p50"].text("en") and "6 projects" in f.basis[
        "cost.p50"
    ].text("en")
    school = make_service()
    school.create_project({"code": "SCH", "name": "学校", "category": "education"})
    s = _forecast(db_url, "SCH")
    assert s.cost["p50"] is None and "fewer than 5" in s.basis["cost.p50"].text("en")


def test_changing_an_uplift_changes_the_forecast_and_its_citation(demo_settings):
    from tracker.reality.reality_settings import reality_settings

    office = reality_settings(
        {"uplifts": {"non_standard_building": {"capex_upper": 71, "source": "Office study"}}},
        "office.toml",
    )
    default = _forecast(demo_settings.db_url, "YH-SPORTS")
    changed = _forecast(demo_settings.db_url, "YH-SPORTS", office)
    # construction: 4% + 0.5 × (71% − 4%) = 37.5%
    assert changed.cost["high"] == 9_500_000_000 * 100 * Decimal("1.375")
    assert changed.cost["high"] != default.cost["high"]
    assert "Office study" in changed.basis["cost.high"].text("en")
    assert "Office study" not in default.basis["cost.high"].text("en")
    assert changed.cost["low"] == default.cost["low"]
