"""Project-level alerts: late start, investment behind schedule (序时进度), cost overrun, stale.

Pure like tracker/alerts.py: a ProjectFact and `today` in, alerts out.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from tracker.alerts import (
    ACTIVE_STAGES,
    AMBER,
    NOT_STARTED_STAGES,
    RED,
    Alert,
    ProjectFact,
    make_alert,
    say,
)
from tracker.money import format_amount
from tracker.settings import AlertThresholds


def project_alerts(
    fact: ProjectFact, today: date, limits: AlertThresholds, lang: str = "en"
) -> list[Alert]:
    """late start, investment behind schedule, cost overrun and stale for one project."""
    found = [
        late_start_alert(fact, today, limits, lang),
        investment_behind_alert(fact, today, limits, lang),
        cost_overrun_alert(fact, limits, lang),
        stale_alert(fact, today, limits, lang),
    ]
    return [alert for alert in found if alert is not None]


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (0 if `end` is earlier); Jan 31 + 1 month = Feb 28/29."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and start + relativedelta(months=months) > end:
        months -= 1
    return months


def late_start_alert(
    fact: ProjectFact, today: date, limits: AlertThresholds, lang: str = "en"
) -> Alert | None:
    """No actual start N months after the baseline start (a project still in concept or design)."""
    if fact.baseline_start is None or fact.actual_start is not None:
        return None
    if fact.stage not in NOT_STARTED_STAGES or today <= fact.baseline_start:
        return None
    late = months_between(fact.baseline_start, today)
    if late < limits.late_start_amber_months:
        return None
    severity = RED if late >= limits.late_start_red_months else AMBER
    return make_alert(
        fact.project,
        "late_start",
        severity,
        item=say(lang, "开工", "start of construction"),
        record="project",
        record_id=fact.id,
        due=fact.baseline_start,
        evidence=say(
            lang,
            f"计划 {fact.baseline_start} 开工，{late} 个月后仍未开工",
            f"baseline start {fact.baseline_start}; not started {late} months later",
        ),
        threshold=say(
            lang,
            f"计划开工后满 {limits.late_start_amber_months} 个月为黄灯，"
            f"满 {limits.late_start_red_months} 个月为红灯",
            f"{limits.late_start_amber_months} months or more: amber; "
            f"{limits.late_start_red_months} or more: red",
        ),
    )


def investment_behind_alert(
    fact: ProjectFact, today: date, limits: AlertThresholds, lang: str = "en"
) -> Alert | None:
    """This year's completed investment against the time-elapsed schedule (序时进度).

    The schedule is the share of the year's full months gone (on 28 Nov: 10 of 12); completed is
    what the monthly reports of those months add up to, as a share of the annual plan.
    """
    months = today.month - 1
    if fact.plan_year != today.year or not fact.planned_cents or months == 0:
        return None
    done = fact.completed_this_year_cents or 0
    share = Fraction(done * 100, fact.planned_cents)
    schedule = Fraction(months * 100, 12)
    behind = schedule - share
    if behind < limits.behind_amber_points:
        return None
    severity = RED if behind > limits.behind_red_points else AMBER
    amount = format_amount(done, fact.currency, lang)
    plan = format_amount(fact.planned_cents, fact.currency, lang)
    return make_alert(
        fact.project,
        "investment_behind",
        severity,
        item=say(lang, f"{today.year}年度投资计划", f"{today.year} investment plan"),
        record="investment_plan",
        record_id=fact.plan_id,
        evidence=say(
            lang,
            f"1–{months}月完成投资 {amount}，占年度计划 {plan} 的 {float(share):.1f}%；"
            f"序时进度 {float(schedule):.1f}%，落后 {float(behind):.1f} 个百分点",
            f"Jan–{_MONTHS[months - 1]} completed {amount}, {float(share):.1f}% of the plan "
            f"{plan}; {months} of 12 months gone = {float(schedule):.1f}%; "
            f"{float(behind):.1f} points behind",
        ),
        threshold=say(
            lang,
            f"落后序时进度 {limits.behind_amber_points} 个百分点及以上为黄灯，"
            f"超过 {limits.behind_red_points} 个百分点为红灯",
            f"{limits.behind_amber_points} points or more behind: amber; "
            f"more than {limits.behind_red_points}: red",
        ),
    )


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def cost_overrun_alert(
    fact: ProjectFact, limits: AlertThresholds, lang: str = "en"
) -> Alert | None:
    """Forecast or completed investment above the total investment by more than N percent."""
    if not fact.total_cents:
        return None
    worst: tuple[Fraction, str, int] | None = None
    for kind, cents in (("completed", fact.completed_cents), ("forecast", fact.forecast_cents)):
        if cents is None:
            continue
        over = Fraction((cents - fact.total_cents) * 100, fact.total_cents)
        if over > limits.overrun_amber_percent and (worst is None or over > worst[0]):
            worst = (over, kind, cents)
    if worst is None:
        return None
    over, kind, cents = worst
    severity = RED if over > limits.overrun_red_percent else AMBER
    amount = format_amount(cents, fact.currency, lang)
    total = format_amount(fact.total_cents, fact.currency, lang)
    what = say(lang, "累计完成投资" if kind == "completed" else "预计投资", kind)
    return make_alert(
        fact.project,
        "cost_overrun",
        severity,
        item=say(lang, "总投资", "total investment"),
        record="project",
        record_id=fact.id,
        evidence=say(
            lang,
            f"{what} {amount} 超过总投资 {total} {float(over):.1f}%",
            f"{what} {amount} is {float(over):.1f}% above the total investment {total}",
        ),
        threshold=say(
            lang,
            f"超过 {limits.overrun_amber_percent}% 为黄灯，"
            f"超过 {limits.overrun_red_percent}% 为红灯",
            f"more than {limits.overrun_amber_percent}% over: amber; "
            f"more than {limits.overrun_red_percent}%: red",
        ),
    )


def stale_alert(
    fact: ProjectFact, today: date, limits: AlertThresholds, lang: str = "en"
) -> Alert | None:
    """No status update for more than N days (weekly reporting), for a project still active."""
    if fact.stage not in ACTIVE_STAGES:
        return None
    threshold = say(
        lang,
        f"超过 {limits.stale_amber_days} 天未更新为黄灯，超过 {limits.stale_red_days} 天为红灯",
        f"no update for more than {limits.stale_amber_days} days: amber; "
        f"more than {limits.stale_red_days}: red",
    )
    common = {
        "item": say(lang, "每周状态更新", "weekly status update"),
        "record": "project",
        "record_id": fact.id,
        "threshold": threshold,
    }
    if fact.last_status is None:
        evidence = say(lang, "从未填报状态更新", "no status update ever recorded")
        return make_alert(fact.project, "stale", RED, evidence=evidence, **common)
    age = (today - fact.last_status).days
    if age <= limits.stale_amber_days:
        return None
    severity = RED if age > limits.stale_red_days else AMBER
    evidence = say(
        lang,
        f"最近一次状态更新在 {fact.last_status}，已 {age} 天",
        f"last status update {fact.last_status}, {age} days ago",
    )
    return make_alert(
        fact.project,
        "stale",
        severity,
        evidence=evidence,
        due=fact.last_status + relativedelta(days=limits.stale_amber_days),
        **common,
    )
