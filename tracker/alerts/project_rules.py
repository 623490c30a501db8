"""Project-level alerts: late start, investment behind schedule (序时进度), cost overrun, stale.

Pure like tracker/alerts/rules.py: a ProjectFact and `today` in, alerts out. Shares and percentages
are compared exactly, as integer ratios (a portfolio of 10,000 projects runs these rules 10,000
times per `tracker alerts`); only the text shows them rounded.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from tracker.alerts.rules import (
    AMBER,
    RED,
    Alert,
    ProjectFact,
    make_alert,
    say,
)
from tracker.core.stages import ACTIVE_STAGES, NOT_STARTED_STAGES
from tracker.store.read.year_completed import schedule_months

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds


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
    from dateutil.relativedelta import relativedelta

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
    months = schedule_months(today)
    planned = fact.planned_cents
    if fact.plan_year != today.year or not planned or months == 0:
        return None
    done = fact.completed_this_year_cents or 0
    # Points behind = months/12·100 − done/planned·100, exactly: behind / per (per > 0).
    behind, per = _positive_denominator(100 * (months * planned - 12 * done), 12 * planned)
    if behind < limits.behind_amber_points * per:
        return None
    severity = RED if behind > limits.behind_red_points * per else AMBER
    from tracker.core.money import format_amount

    amount = format_amount(done, fact.currency, lang)
    plan = format_amount(planned, fact.currency, lang)
    share, schedule, points = done * 100 / planned, months * 100 / 12, behind / per
    if lang == "zh":
        item = f"{today.year}年度投资计划"
        evidence = (
            f"1–{months}月完成投资 {amount}，占年度计划 {plan} 的 {share:.1f}%；"
            f"序时进度 {schedule:.1f}%，落后 {points:.1f} 个百分点"
        )
    else:
        item = f"{today.year} investment plan"
        evidence = (
            f"Jan–{_MONTHS[months - 1]} completed {amount}, {share:.1f}% of the plan "
            f"{plan}; {months} of 12 months gone = {schedule:.1f}%; {points:.1f} points behind"
        )
    return make_alert(
        fact.project,
        "investment_behind",
        severity,
        item=item,
        record="investment_plan",
        record_id=fact.plan_id,
        evidence=evidence,
        threshold=_behind_threshold(limits.behind_amber_points, limits.behind_red_points, lang),
    )


def _positive_denominator(numerator: int, denominator: int) -> tuple[int, int]:
    """The ratio numerator/denominator written with a positive denominator."""
    return (-numerator, -denominator) if denominator < 0 else (numerator, denominator)


@lru_cache(maxsize=64)
def _behind_threshold(amber: int, red: int, lang: str) -> str:
    if lang == "zh":
        return f"落后序时进度 {amber} 个百分点及以上为黄灯，超过 {red} 个百分点为红灯"
    return f"{amber} points or more behind: amber; more than {red}: red"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def cost_overrun_alert(
    fact: ProjectFact, limits: AlertThresholds, lang: str = "en"
) -> Alert | None:
    """Forecast or completed investment above the total investment by more than N percent."""
    total = fact.total_cents
    if not total:
        return None
    # Percent over = (cents − total)·100 / total, exactly: over / per (per > 0).
    worst: tuple[int, int, str, int] | None = None
    for kind, cents in (("completed", fact.completed_cents), ("forecast", fact.forecast_cents)):
        if cents is None:
            continue
        over, per = _positive_denominator((cents - total) * 100, total)
        if over > limits.overrun_amber_percent * per and (worst is None or over > worst[0]):
            worst = (over, per, kind, cents)
    if worst is None:
        return None
    over, per, kind, cents = worst
    severity = RED if over > limits.overrun_red_percent * per else AMBER
    from tracker.core.money import format_amount

    amount = format_amount(cents, fact.currency, lang)
    total_text = format_amount(total, fact.currency, lang)
    what = say(lang, "累计完成投资" if kind == "completed" else "预计投资", kind)
    percent = over / per
    return make_alert(
        fact.project,
        "cost_overrun",
        severity,
        item=say(lang, "总投资", "total investment"),
        record="project",
        record_id=fact.id,
        evidence=f"{what} {amount} 超过总投资 {total_text} {percent:.1f}%"
        if lang == "zh"
        else f"{what} {amount} is {percent:.1f}% above the total investment {total_text}",
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
    if fact.last_status is None:
        severity, due = RED, None
        evidence = say(lang, "从未填报状态更新", "no status update ever recorded")
    else:
        age = (today - fact.last_status).days
        if age <= limits.stale_amber_days:
            return None
        severity = RED if age > limits.stale_red_days else AMBER
        due = fact.last_status + timedelta(days=limits.stale_amber_days)
        evidence = (
            f"最近一次状态更新在 {fact.last_status}，已 {age} 天"
            if lang == "zh"
            else f"last status update {fact.last_status}, {age} days ago"
        )
    return make_alert(
        fact.project,
        "stale",
        severity,
        item=say(lang, "每周状态更新", "weekly status update"),
        record="project",
        record_id=fact.id,
        due=due,
        evidence=evidence,
        threshold=_stale_threshold(limits.stale_amber_days, limits.stale_red_days, lang),
    )


@lru_cache(maxsize=64)
def _stale_threshold(amber: int, red: int, lang: str) -> str:
    if lang == "zh":
        return f"超过 {amber} 天未更新为黄灯，超过 {red} 天为红灯"
    return f"no update for more than {amber} days: amber; more than {red}: red"
