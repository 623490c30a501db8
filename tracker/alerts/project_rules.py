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
)
from tracker.core.stages import ACTIVE_STAGES, NOT_STARTED_STAGES
from tracker.i18n.catalogue import ptr, tr
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
        item=tr(lang, "start of construction"),
        record="project",
        record_id=fact.id,
        due=fact.baseline_start,
        evidence=tr(
            lang,
            "baseline start {baseline_start}; not started {late} months later",
            baseline_start=fact.baseline_start,
            late=late,
        ),
        threshold=tr(
            lang,
            "{late_start_amber_months} months or more: amber; {late_start_red_months} or more: red",
            late_start_amber_months=limits.late_start_amber_months,
            late_start_red_months=limits.late_start_red_months,
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
    item = tr(lang, "{year} investment plan", year=today.year)
    evidence = tr(
        lang,
        "Jan–{last_month} completed {amount}, {share} of the plan {plan}; "
        "{months} of 12 months gone = {schedule:.1f}%; {points:.1f} points behind",
        last_month=_MONTHS[months - 1],
        months=months,
        amount=amount,
        # The percent sign goes with the value: Babel would read "% o" as a %-format.
        share=f"{share:.1f}%",
        plan=plan,
        schedule=schedule,
        points=points,
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
    return tr(
        lang, "{amber} points or more behind: amber; more than {red}: red", amber=amber, red=red
    )


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
    # In English the kind itself; "forecast" also names a milestone's date, hence the context.
    what = (
        ptr(lang, "amount", "completed") if kind == "completed" else ptr(lang, "amount", "forecast")
    )
    percent = over / per
    return make_alert(
        fact.project,
        "cost_overrun",
        severity,
        item=tr(lang, "total investment"),
        record="project",
        record_id=fact.id,
        evidence=tr(
            lang,
            "{what} {amount} is {percent:.1f}% above the total investment {total_text}",
            what=what,
            amount=amount,
            percent=percent,
            total_text=total_text,
        ),
        threshold=tr(
            lang,
            "more than {amber} over: amber; more than {red}: red",
            # The percent signs go with the values: Babel would read "% o" as a %-format.
            amber=f"{limits.overrun_amber_percent}%",
            red=f"{limits.overrun_red_percent}%",
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
        evidence = tr(lang, "no status update ever recorded")
    else:
        age = (today - fact.last_status).days
        if age <= limits.stale_amber_days:
            return None
        severity = RED if age > limits.stale_red_days else AMBER
        due = fact.last_status + timedelta(days=limits.stale_amber_days)
        evidence = tr(
            lang,
            "last status update {last_status}, {age} days ago",
            last_status=fact.last_status,
            age=age,
        )
    return make_alert(
        fact.project,
        "stale",
        severity,
        item=tr(lang, "weekly status update"),
        record="project",
        record_id=fact.id,
        due=due,
        evidence=evidence,
        threshold=_stale_threshold(limits.stale_amber_days, limits.stale_red_days, lang),
    )


@lru_cache(maxsize=64)
def _stale_threshold(amber: int, red: int, lang: str) -> str:
    return tr(
        lang,
        "no update for more than {amber} days: amber; more than {red}: red",
        amber=amber,
        red=red,
    )
