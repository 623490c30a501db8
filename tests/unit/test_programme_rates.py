"""The programme's four rates as a pure rule (tracker.alerts.programme_rates): facts and today
in, the rates with the projects behind them out; and the `[rates]` settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.alerts.programme_rates import programme_rates
from tracker.config.settings_file import DEFAULT_START_TARGETS, parse_settings
from tracker.core.errors import InputError
from tracker.store.read.rates_reads import RateFact


def fact(code: str, **fields: object) -> RateFact:
    values: dict[str, object] = dict.fromkeys(RateFact._fields)
    values.update(code=code, name=code, currency="CNY")
    values.update(fields)
    return RateFact(**values)  # type: ignore[arg-type]


PLANNED = [fact(f"P{n}", baseline_start=date(2026, 2, 1)) for n in range(4)]


def started(on: date, n: int = 0) -> RateFact:
    return PLANNED[n]._replace(actual_start=on)


@pytest.mark.parametrize(
    ("today", "by", "target"),
    [
        (date(2026, 1, 15), date(2026, 3, 31), 30),
        (date(2026, 3, 31), date(2026, 3, 31), 30),
        (date(2026, 4, 1), date(2026, 6, 30), 60),
        (date(2026, 10, 31), date(2026, 10, 31), 100),
        (date(2026, 12, 20), date(2026, 10, 31), 100),
    ],
)
def test_the_target_is_the_next_checkpoint_on_or_after_today(today, by, target):
    rates = programme_rates(PLANNED, 2026, today)
    assert (rates.target.by, rates.target.target) == (by, target)


def test_a_start_recorded_after_today_is_not_a_start_yet():
    facts = [started(date(2026, 3, 1)), started(date(2026, 5, 1), 1), *PLANNED[2:]]
    rates = programme_rates(facts, 2026, date(2026, 4, 1))
    start = rates.rate("start_rate")
    assert [c.code for c in start.numerator] == ["P0"]
    assert start.value == Decimal("0.25")
    assert rates.gap_points == Decimal("35.0")  # 60 by 06-30 less 25.0
    assert [c.rate for c in rates.curve] == [Decimal("0.25"), None, None, None]


def test_ahead_of_the_target_the_gap_is_negative():
    facts = [started(date(2026, 2, 10), n) for n in range(4)]
    rates = programme_rates(facts, 2026, date(2026, 3, 1))
    assert rates.gap_points == Decimal("-70.0")


def test_a_past_year_counts_every_start_and_its_last_target():
    facts = [started(date(2026, 11, 2)), *PLANNED[1:]]
    rates = programme_rates(facts, 2026, date(2027, 2, 1))
    assert rates.rate("start_rate").value == Decimal("0.25")
    assert rates.target.target == 100


def test_money_in_another_currency_is_not_added_and_says_so():
    facts = [
        fact("A", plan_cents=100, completed_cents=50),
        fact("B", plan_cents=100, completed_cents=25),
        fact("GB", currency="GBP", plan_cents=100, completed_cents=100),
    ]
    invest = programme_rates(facts, 2026, date(2026, 9, 30)).rate("investment_rate")
    assert (invest.currency, invest.numerator_cents, invest.denominator_cents) == ("CNY", 75, 200)
    assert invest.value == Decimal("0.375")
    assert [(c.code, c.why, c.note) for c in invest.excluded] == [("GB", "other_currency", "GBP")]


def test_a_project_that_left_the_programme_counts_in_no_rate():
    gone = fact(
        "GONE",
        baseline_start=date(2026, 3, 1),
        actual_start=date(2026, 3, 5),
        plan_cents=100,
        completed_cents=100,
        funds_cents=100,
        baseline_finish=date(2026, 6, 30),
        actual_finish=date(2026, 6, 1),
        left_on=date(2026, 7, 1),
        left_reason="调出",
    )
    rates = programme_rates([gone], 2026, date(2026, 9, 30), "provincial")
    for rate in rates.rates:
        assert rate.value is None and rate.denominator == ()
        assert [(c.why, c.day, c.note) for c in rate.excluded] == [
            ("left_programme", date(2026, 7, 1), "调出")
        ]


def test_the_settings_give_the_curve_or_the_province_s():
    assert parse_settings({}).rates.start_targets == DEFAULT_START_TARGETS
    found = parse_settings({"rates": {"start_targets": {"12-31": 100, "06-30": 50}}})
    assert found.rates.start_targets == ((6, 30, 50), (12, 31, 100))


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ({"targets": {}}, "rates.targets"),
        ({"start_targets": []}, "rates.start_targets"),
        ({"start_targets": {"13-01": 50}}, "rates.start_targets"),
        ({"start_targets": {"Q1": 50}}, "rates.start_targets"),
        ({"start_targets": {"03-31": 101}}, "rates.start_targets.03-31"),
        ({"start_targets": {"03-31": True}}, "rates.start_targets.03-31"),
        ({"start_targets": {"03-31": 50, "06-30": 40}}, "rates.start_targets"),
    ],
)
def test_a_bad_curve_is_refused_naming_the_key(table, field):
    with pytest.raises(InputError) as refused:
        parse_settings({"rates": table})
    assert refused.value.field == field


def test_a_plan_with_nothing_reported_adds_nothing_as_the_summary_s_share_of_plan():
    facts = [fact("A", plan_cents=100, completed_cents=50), fact("B", plan_cents=100)]
    invest = programme_rates(facts, 2026, date(2026, 9, 30)).rate("investment_rate")
    assert invest.value == Decimal("0.25")
    assert [(c.code, c.why) for c in invest.denominator] == [
        ("A", "reported"),
        ("B", "nothing_reported"),
    ]
    nobody = programme_rates([fact("B", plan_cents=100)], 2026, date(2026, 9, 30))
    assert nobody.rate("investment_rate").value is None  # nothing reported at all: `—`, not 0
