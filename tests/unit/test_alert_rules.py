"""The alert rules, each at, just under and just over its thresholds; lights and overrides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.alerts.lights import Override, evaluate, project_light
from tracker.alerts.project_rules import (
    cost_overrun_alert,
    investment_behind_alert,
    late_start_alert,
    months_between,
    stale_alert,
)
from tracker.alerts.rules import (
    MilestoneFact,
    ProblemFact,
    ProjectFact,
    ProjectRef,
    milestone_alerts,
    problem_alert,
)
from tracker.config.settings_file import AlertThresholds

REF = ProjectRef("P-1", "测试项目", "Test project")
LIMITS = AlertThresholds()
TODAY = date(2027, 3, 10)


def milestone(**fields) -> MilestoneFact:
    return MilestoneFact(**{"project": REF, "id": 1, "name": "节点", **fields})


def rules(alerts) -> set[tuple[str, str]]:
    return {(a.rule, a.severity) for a in alerts}


# -- overdue and due soon -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (-1, {("overdue", "red")}),
        (0, {("due_soon", "amber")}),
        (13, {("due_soon", "amber")}),
        (14, {("due_soon", "amber")}),
        (15, set()),
    ],
)
def test_overdue_and_due_soon_around_the_default_lead_time(days_left, expected):
    fact = milestone(due=TODAY + timedelta(days=days_left))
    assert rules(milestone_alerts(fact, TODAY, LIMITS)) == expected


@pytest.mark.parametrize(("days_left", "alerted"), [(59, True), (60, True), (61, False)])
def test_a_milestones_own_lead_time_replaces_the_default(days_left, alerted):
    fact = milestone(due=TODAY + timedelta(days=days_left), lead_days=60)
    alerts = milestone_alerts(fact, TODAY, LIMITS)
    assert rules(alerts) == ({("due_soon", "amber")} if alerted else set())
    if alerted:
        assert "60 days" in alerts[0].threshold and f"{days_left} days left" in alerts[0].evidence


def test_month_precision_falls_due_on_the_last_day_of_the_month():
    # "2027年3月" is due on 31 March: not overdue on the 31st, overdue on 1 April.
    fact = milestone(due=date(2027, 3, 31), precision="month")
    assert rules(milestone_alerts(fact, date(2027, 3, 31), LIMITS)) == {("due_soon", "amber")}
    overdue = milestone_alerts(fact, date(2027, 4, 1), LIMITS)
    assert rules(overdue) == {("overdue", "red")}
    assert "2027-03-31 (Mar 2027), 1 days ago" in overdue[0].evidence


def test_year_precision_falls_due_on_31_december():
    fact = milestone(due=date(2026, 12, 31), precision="year")
    assert milestone_alerts(fact, date(2026, 12, 31), LIMITS)[0].rule == "due_soon"
    alert = milestone_alerts(fact, date(2027, 1, 1), LIMITS)[0]
    assert (alert.rule, alert.evidence) == (
        "overdue",
        "due 2026-12-31 (2026), 1 days ago; not done",
    )


def test_leap_day_counts_in_days_left():
    # 2028 is a leap year: from 28 Feb to 1 Mar is two days; in 2027 it is one.
    assert (
        "2 days left"
        in milestone_alerts(milestone(due=date(2028, 3, 1)), date(2028, 2, 28), LIMITS)[0].evidence
    )
    assert (
        "1 days left"
        in milestone_alerts(milestone(due=date(2027, 3, 1)), date(2027, 2, 28), LIMITS)[0].evidence
    )


def test_chinese_evidence():
    alert = milestone_alerts(
        milestone(due=date(2027, 3, 31), precision="month"), date(2027, 4, 2), LIMITS, "zh"
    )[0]
    assert alert.evidence == "应于 2027-03-31 (2027年3月) 完成，已逾期 2 天，尚未完成"


# -- slipped --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slip", "expected"),
    [(29, None), (30, None), (31, "amber"), (89, "amber"), (90, "amber"), (91, "red")],
)
def test_slipped_at_and_around_30_and_90_days(slip, expected):
    baseline = date(2027, 6, 1)
    fact = milestone(
        due=baseline + timedelta(days=slip),
        baseline=baseline,
        forecast=baseline + timedelta(days=slip),
    )
    found = [a for a in milestone_alerts(fact, TODAY, LIMITS) if a.rule == "slipped"]
    assert [a.severity for a in found] == ([] if expected is None else [expected])


def test_slipped_shows_how_often_and_how_far_the_forecast_moved():
    fact = milestone(
        due=date(2027, 9, 30),
        baseline=date(2027, 6, 30),
        forecast=date(2027, 9, 30),
        forecast_moves=2,
        first_forecast=date(2027, 7, 31),
    )
    alert = next(a for a in milestone_alerts(fact, TODAY, LIMITS) if a.rule == "slipped")
    assert alert.severity == "red"  # 92 days
    assert "92 days after baseline 2027-06-30" in alert.evidence
    assert "moved 2 times, by +61 days in all (2027-07-31 → 2027-09-30)" in alert.evidence
    assert alert.threshold == "more than 30 days late: amber; more than 90: red"


def test_slip_across_month_precision_deadlines_counts_the_month_ends():
    # Baseline "2026年11月" (30 Nov), forecast "2026年12月" (31 Dec): 31 days, amber.
    fact = milestone(
        due=date(2026, 12, 31), baseline=date(2026, 11, 30), forecast=date(2026, 12, 31)
    )
    assert ("slipped", "amber") in rules(milestone_alerts(fact, date(2026, 11, 28), LIMITS))


# -- problems -------------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "alerted"), [(-1, True), (0, False), (1, False)])
def test_problem_past_its_deadline_is_red(offset, alerted):
    fact = ProblemFact(REF, 7, "征迁未完成", TODAY + timedelta(days=offset))
    alert = problem_alert(fact, TODAY)
    assert (alert is not None) == alerted
    if alert:
        assert (alert.rule, alert.severity, alert.record, alert.record_id) == (
            "problem_overdue",
            "red",
            "problem",
            7,
        )


# -- late start -----------------------------------------------------------------------------


def project(**fields) -> ProjectFact:
    return ProjectFact(**{"project": REF, "id": 3, "stage": "design", **fields})


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 14), None),  # just under a month
        (date(2027, 1, 15), "amber"),  # a month to the day
        (date(2027, 3, 14), "amber"),  # just under three months
        (date(2027, 3, 15), "red"),  # three months to the day
        (date(2027, 3, 16), "red"),
    ],
)
def test_late_start_at_one_and_three_months(today, expected):
    alert = late_start_alert(project(baseline_start=date(2026, 12, 15)), today, LIMITS)
    assert (None if alert is None else alert.severity) == expected


def test_late_start_from_31_january_in_a_leap_year():
    # One month after 31 Jan 2028 is 29 Feb 2028 (leap year); in 2027 it is 28 Feb.
    assert months_between(date(2028, 1, 31), date(2028, 2, 28)) == 0
    assert months_between(date(2028, 1, 31), date(2028, 2, 29)) == 1
    assert months_between(date(2027, 1, 31), date(2027, 2, 28)) == 1
    fact = project(baseline_start=date(2028, 1, 31))
    assert late_start_alert(fact, date(2028, 2, 28), LIMITS) is None
    assert late_start_alert(fact, date(2028, 2, 29), LIMITS).severity == "amber"


def test_no_late_start_once_started_or_under_construction():
    started = project(baseline_start=date(2026, 1, 1), actual_start=date(2026, 3, 1))
    building = project(baseline_start=date(2026, 1, 1), stage="construction")
    assert late_start_alert(started, TODAY, LIMITS) is None
    assert late_start_alert(building, TODAY, LIMITS) is None


# -- investment behind the time-elapsed schedule (序时进度) -----------------------------------


def behind(completed_cents: int, today: date, planned: int = 1_200_000) -> str | None:
    fact = project(
        stage="construction",
        plan_year=today.year,
        planned_cents=planned,
        completed_this_year_cents=completed_cents,
    )
    alert = investment_behind_alert(fact, today, LIMITS)
    return None if alert is None else alert.severity


def test_investment_behind_at_10_and_30_points():
    # 1 July: six full months gone, schedule 50%. Plan 12,000.00 (1,200,000 cents).
    july = date(2027, 7, 1)
    assert behind(480_001, july) is None  # 40.00008%: 9.99992 points behind
    assert behind(480_000, july) == "amber"  # 40%: exactly 10 points behind
    assert behind(240_000, july) == "amber"  # 20%: exactly 30 points behind
    assert behind(239_999, july) == "red"  # just over 30 points behind


def test_investment_schedule_counts_whole_months_and_ignores_january():
    assert behind(0, date(2027, 1, 31)) is None  # no full month gone yet
    # 28 Feb 2028 (leap year) and 29 Feb 2028: still one month gone, 8.33% schedule.
    assert behind(0, date(2028, 2, 29)) is None  # 8.3 points: under 10
    assert behind(0, date(2028, 3, 1)) == "amber"  # two months gone: 16.7 points


def test_investment_evidence_names_the_figures():
    fact = project(
        stage="construction",
        plan_year=2026,
        planned_cents=12 * 10**10,
        completed_this_year_cents=5 * 10**10,
    )
    alert = investment_behind_alert(fact, date(2026, 11, 28), LIMITS, "zh")
    assert alert.evidence == (
        "1–10月完成投资 5.00亿元，占年度计划 12.00亿元 的 41.7%；序时进度 83.3%，落后 41.7 个百分点"
    )
    assert alert.severity == "red"


def test_no_investment_alert_without_a_plan_for_this_year():
    fact = project(plan_year=2026, planned_cents=100, completed_this_year_cents=0)
    assert investment_behind_alert(fact, date(2027, 6, 1), LIMITS) is None


# -- cost overrun ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "expected"),
    [(1_050_000, None), (1_050_001, "amber"), (1_100_000, "amber"), (1_100_001, "red")],
)
def test_cost_overrun_at_5_and_10_percent(completed, expected):
    fact = project(total_cents=1_000_000, completed_cents=completed)
    alert = cost_overrun_alert(fact, LIMITS)
    assert (None if alert is None else alert.severity) == expected


def test_cost_overrun_takes_the_worse_of_forecast_and_completed():
    fact = project(total_cents=1_000_000, completed_cents=1_060_000, forecast_cents=1_200_000)
    alert = cost_overrun_alert(fact, LIMITS)
    assert alert.severity == "red" and "forecast" in alert.evidence and "20.0%" in alert.evidence


def test_unknown_total_means_no_overrun():
    assert cost_overrun_alert(project(total_cents=None, completed_cents=10**12), LIMITS) is None


# -- stale ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("age", "expected"), [(7, None), (8, "amber"), (21, "amber"), (22, "red")])
def test_stale_after_7_and_21_days(age, expected):
    alert = stale_alert(project(last_status=TODAY - timedelta(days=age)), TODAY, LIMITS)
    assert (None if alert is None else alert.severity) == expected


def test_never_updated_is_red_and_finished_projects_owe_nothing():
    assert stale_alert(project(), TODAY, LIMITS).severity == "red"
    assert stale_alert(project(stage="in_use"), TODAY, LIMITS) is None


# -- thresholds from settings ---------------------------------------------------------------


def test_thresholds_are_configurable():
    limits = AlertThresholds(due_soon_days=3, stale_amber_days=14)
    assert milestone_alerts(milestone(due=TODAY + timedelta(days=4)), TODAY, limits) == []
    assert stale_alert(project(last_status=TODAY - timedelta(days=14)), TODAY, limits) is None


# -- evaluate, lights, overrides ------------------------------------------------------------


def test_evaluate_lists_worst_first():
    alerts = evaluate(
        [
            milestone(due=TODAY + timedelta(days=3)),
            milestone(id=2, name="b", due=TODAY - timedelta(days=1)),
        ],
        [],
        [project(last_status=TODAY - timedelta(days=10))],
        TODAY,
    )
    assert [(a.rule, a.severity) for a in alerts] == [
        ("overdue", "red"),
        ("stale", "amber"),
        ("due_soon", "amber"),
    ]


def test_light_is_the_worst_alert_or_green():
    amber = evaluate([milestone(due=TODAY)], [], [], TODAY)
    red = evaluate([milestone(due=TODAY - timedelta(days=1))], [], [], TODAY)
    assert project_light([], None, TODAY).light == "green"
    assert project_light(amber, None, TODAY).light == "amber"
    light = project_light(amber + red, None, TODAY)
    assert light.light == "red" and len(light.reasons) == 2


@pytest.mark.parametrize(("age", "holds"), [(0, True), (30, True), (31, False)])
def test_override_holds_for_30_days_then_expires(age, holds):
    red = evaluate([milestone(due=TODAY - timedelta(days=1))], [], [], TODAY)
    override = Override("green", "已协调解决", "wang", TODAY - timedelta(days=age))
    light = project_light(red, override, TODAY)
    assert light.light == ("green" if holds else "red")
    if holds:
        assert light.reasons[0].startswith("override (green): 已协调解决 (by wang on")
        assert len(light.reasons) == 2  # the alerts still explain what the override covers
