"""The reality check's pure rules: percentiles, the stage step, the settings sections."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tracker.core.errors import InputError
from tracker.core.project_types import project_type
from tracker.reality.percentiles import percentile
from tracker.reality.reality_settings import RealitySettings, reality_settings
from tracker.reality.uplifts import CAPEX, DEFAULT_UPLIFTS, DURATION, GREEN_BOOK, stage_uplift


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        # rank h = (n − 1) q / 100; x[⌊h⌋] + frac(h) (x[⌊h⌋+1] − x[⌊h⌋]), worked by hand
        ([1, 2, 3, 4], 50, Fraction(5, 2)),  # h = 1.5: 2 + 0.5 × 1
        ([1, 2, 3, 4], 80, Fraction(17, 5)),  # h = 2.4: 3 + 0.4 × 1
        ([40, 15, 50, 35, 20], 50, 35),  # sorted 15 20 35 40 50, h = 2
        ([40, 15, 50, 35, 20], 80, 42),  # h = 3.2: 40 + 0.2 × 10
        ([7], 80, 7),
        ([10, 20], 0, 10),
        ([10, 20], 100, 20),
        ([Fraction(1, 3), Fraction(2, 3)], 50, Fraction(1, 2)),
    ],
)
def test_percentile_is_numpys_linear_interpolation(values, q, expected):
    assert percentile(values, q) == expected


def test_percentile_of_nothing_is_refused():
    with pytest.raises(ValueError):
        percentile([], 50)


def test_published_table_is_the_green_books_table_2():
    expected = {  # works duration U/L, capital expenditure U/L, as the issue quotes Table 2
        "non_standard_building": ((39, 2), (51, 4)),
        "standard_building": ((4, 1), (24, 2)),
        "non_standard_civil": ((25, 3), (66, 6)),
        "standard_civil": ((20, 1), (44, 3)),
        "equipment_development": ((54, 10), (200, 10)),
    }
    for kind, (duration, capex) in expected.items():
        row = DEFAULT_UPLIFTS[kind]
        for measure, (upper, lower) in ((DURATION, duration), (CAPEX, capex)):
            bounds = row[measure]
            assert bounds is not None
            assert (bounds.upper.percent, bounds.lower.percent) == (upper, lower)
            assert bounds.upper.source == bounds.lower.source == GREEN_BOOK
    assert DEFAULT_UPLIFTS["outsourcing"][DURATION] is None


@pytest.mark.parametrize(
    ("stage", "high"),
    [
        ("concept", Decimal(51)),
        ("design", Decimal("39.25")),  # 4 + 0.75 × 47
        ("construction", Decimal("27.5")),
        ("commissioning", Decimal("15.75")),
        ("in_use", Decimal(4)),
        ("closed", Decimal(4)),
    ],
)
def test_stage_step_goes_from_upper_to_lower(stage, high):
    settings = RealitySettings()
    bounds = settings.uplifts["non_standard_building"][CAPEX]
    assert bounds is not None
    uplift = stage_uplift(bounds, settings.stage_weights[stage])
    assert (uplift.low, uplift.high) == (Decimal(4), high)


def test_category_defaults_and_a_type_set_per_project():
    assert project_type("sports", None) == ("non_standard_building", "category default")
    assert project_type("education", None)[0] == "standard_building"
    assert project_type("transport", None)[0] == "non_standard_civil"
    assert project_type("transport", "standard_civil") == ("standard_civil", "set for this project")
    assert project_type("science", None)[0] == "equipment_development"
    assert project_type("other", None) == (None, "category default")


def test_settings_override_one_bound_and_cite_their_source():
    settings = reality_settings(
        {
            "uplifts": {"non_standard_building": {"capex_upper": "60%", "source": "Study 2026"}},
            "reality_check": {
                "min_projects": 3,
                "stage_weight": {"construction": 0.6},
                "category_types": {"transport": "standard_civil", "other": "standard_building"},
            },
        },
        origin="office.toml",
    )
    bounds = settings.uplifts["non_standard_building"][CAPEX]
    assert bounds is not None
    assert (bounds.upper.percent, bounds.upper.source) == (60, "Study 2026")
    assert (bounds.lower.percent, bounds.lower.source) == (4, GREEN_BOOK)
    assert settings.stage_weights["construction"] == Decimal("0.6")
    assert settings.stage_source == "office.toml [reality_check.stage_weight]"
    assert settings.min_projects == 3
    assert settings.category_types["transport"] == "standard_civil"
    assert settings.category_types["other"] == "standard_building"


def test_an_overridden_row_without_source_cites_the_file():
    settings = reality_settings(
        {"uplifts": {"outsourcing": {"duration_upper": 10, "duration_lower": 1}}}, "s.toml"
    )
    bounds = settings.uplifts["outsourcing"][DURATION]
    assert bounds is not None
    assert bounds.upper.source == "s.toml [uplifts.outsourcing]"


@pytest.mark.parametrize(
    ("document", "key", "value"),
    [
        ({"uplifts": {"stadium": {"capex_upper": 5}}}, "uplifts.stadium", None),
        ({"uplifts": {"standard_building": {"capex_upper": -1}}}, "capex_upper", "-1"),
        ({"uplifts": {"standard_building": {"capex_upper": "lots"}}}, "capex_upper", "lots"),
        ({"uplifts": {"standard_building": {"capex_upper": True}}}, "capex_upper", "True"),
        ({"uplifts": {"standard_building": {"capex_upper": 1}}}, "capex_upper", "1%"),
        ({"uplifts": {"standard_building": {"capex_lower": "none"}}}, "capex_lower", "none"),
        ({"uplifts": {"standard_building": {"capex_uper": 5}}}, "capex_uper", "5"),
        ({"uplifts": {"standard_building": 5}}, "uplifts.standard_building", "5"),
        ({"uplifts": {"standard_building": {"source": ""}}}, "source", "''"),
        ({"reality_check": {"min_projects": 0}}, "min_projects", "0"),
        ({"reality_check": {"min_projects": 2.5}}, "min_projects", "2.5"),
        ({"reality_check": {"stage_weight": {"construction": 1.5}}}, "construction", "1.5"),
        ({"reality_check": {"stage_weight": {"building": 0.5}}}, "building", "0.5"),
        ({"reality_check": {"category_types": {"sports": "arena"}}}, "sports", "arena"),
        ({"reality_check": {"typo": 1}}, "reality_check.typo", "1"),
        ({"reality_check": []}, "reality_check", "[]"),
    ],
)
def test_bad_settings_are_refused_naming_key_value_and_expected(document, key, value):
    with pytest.raises(InputError) as refused:
        reality_settings(document, "s.toml")
    message = str(refused.value)
    assert key in refused.value.field
    if value is not None:
        assert value in message
    assert "expected" in message
