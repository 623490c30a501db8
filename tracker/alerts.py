"""Alert rules (预警): plain facts and `today` in, alerts that explain themselves out.

Every alert names its rule, its severity (red / amber), the project, the record it is about, the
evidence (the dates or figures that tripped it) and the threshold it was held against. The facts
come from tracker/alert_facts.py (plain SQL) or from anywhere else; nothing here touches a
database or the clock. Thresholds: tracker/settings.py (AlertThresholds). The schedule rules
(milestones, problems) are here; the project-level ones in project_alerts.py; `evaluate` and a
project's light in lights.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.dates import Deadline
from tracker.settings import AlertThresholds

RED, AMBER, GREEN = "red", "amber", "green"
SEVERITY_RANK = {RED: 0, AMBER: 1}
RULES = (
    "overdue",
    "problem_overdue",
    "slipped",
    "late_start",
    "investment_behind",
    "cost_overrun",
    "stale",
    "due_soon",
)
"""Every rule, in the order alerts of the same severity are listed."""
ACTIVE_STAGES = ("concept", "design", "construction", "commissioning")
"""Stages that owe a weekly status update (in use and closed projects do not)."""
NOT_STARTED_STAGES = ("concept", "design")
"""Stages in which a missing actual start means the project has not started."""


@dataclass(frozen=True, slots=True)
class Alert:
    """One tripped rule, with the evidence and the threshold it was held against."""

    rule: str
    severity: str
    project: str
    project_name: str
    item: str
    evidence: str
    threshold: str
    record: str
    record_id: int | None
    due: date | None = None
    item_en: str | None = None
    project_name_en: str | None = None

    def sort_key(self) -> tuple[int, int, date, str, str]:
        """Worst first: red before amber, then by rule, the earliest due day, the project."""
        return (
            SEVERITY_RANK[self.severity],
            RULES.index(self.rule),
            self.due or date.max,
            self.project,
            self.item,
        )


@dataclass(frozen=True, slots=True)
class ProjectRef:
    """Which project a fact belongs to."""

    code: str
    name: str
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class MilestoneFact:
    """An open milestone: due on its forecast, else its baseline; with its forecast's moves."""

    project: ProjectRef
    id: int
    name: str
    due: date | None
    precision: str = "day"
    baseline: date | None = None
    forecast: date | None = None
    lead_days: int | None = None
    name_en: str | None = None
    forecast_moves: int = 0
    first_forecast: date | None = None


@dataclass(frozen=True, slots=True)
class ProblemFact:
    """An unresolved problem and its resolution deadline (解决时限)."""

    project: ProjectRef
    id: int
    description: str
    due: date | None
    precision: str = "day"


@dataclass(frozen=True, slots=True)
class ProjectFact:
    """A project's figures the project-level rules need (amounts in minor units)."""

    project: ProjectRef
    id: int
    stage: str
    currency: str = "CNY"
    baseline_start: date | None = None
    actual_start: date | None = None
    total_cents: int | None = None
    completed_cents: int | None = None
    forecast_cents: int | None = None
    plan_year: int | None = None
    plan_id: int | None = None
    planned_cents: int | None = None
    completed_this_year_cents: int | None = None
    last_status: date | None = None


def say(lang: str, zh: str, en: str) -> str:
    """The Chinese or the English text, by language."""
    return zh if lang == "zh" else en


def day_text(day: date, precision: str, lang: str) -> str:
    """A due day as ISO text, followed by the deadline as given when coarser than a day."""
    if precision == "day":
        return day.isoformat()
    return f"{day.isoformat()} ({Deadline.of(day, precision).label(lang)})"


def make_alert(ref: ProjectRef, rule: str, severity: str, **fields: object) -> Alert:
    """An alert about a project; `fields` are the rest of Alert's fields."""
    return Alert(
        rule=rule,
        severity=severity,
        project=ref.code,
        project_name=ref.name,
        project_name_en=ref.name_en,
        **fields,  # type: ignore[arg-type]
    )


def milestone_alerts(
    fact: MilestoneFact, today: date, limits: AlertThresholds, lang: str = "en"
) -> list[Alert]:
    """overdue (red), due soon (amber) and slipped (amber / red) for one open milestone."""
    alerts: list[Alert] = []
    names = {"item": fact.name, "item_en": fact.name_en, "record": "milestone"}
    if fact.due is not None:
        left = (fact.due - today).days
        due = day_text(fact.due, fact.precision, lang)
        lead = limits.due_soon_days if fact.lead_days is None else fact.lead_days
        if left < 0:
            alerts.append(
                make_alert(
                    fact.project,
                    "overdue",
                    RED,
                    evidence=say(
                        lang,
                        f"应于 {due} 完成，已逾期 {-left} 天，尚未完成",
                        f"due {due}, {-left} days ago; not done",
                    ),
                    threshold=say(lang, "过了到期日仍未完成", "past its due day and not done"),
                    record_id=fact.id,
                    due=fact.due,
                    **names,
                )
            )
        elif left <= lead:
            own = fact.lead_days is not None
            alerts.append(
                make_alert(
                    fact.project,
                    "due_soon",
                    AMBER,
                    evidence=say(
                        lang, f"{due} 到期，还剩 {left} 天", f"due {due}, {left} days left"
                    ),
                    threshold=say(
                        lang,
                        f"到期前 {lead} 天内" + ("（该节点的提前期）" if own else ""),
                        f"within {lead} days" + (" (the milestone's lead time)" if own else ""),
                    ),
                    record_id=fact.id,
                    due=fact.due,
                    **names,
                )
            )
    slip = slipped_alert(fact, limits, lang)
    if slip is not None:
        alerts.append(slip)
    return alerts


def slipped_alert(fact: MilestoneFact, limits: AlertThresholds, lang: str = "en") -> Alert | None:
    """Forecast later than baseline by more than the amber (red) number of days."""
    if fact.forecast is None or fact.baseline is None:
        return None
    slip = (fact.forecast - fact.baseline).days
    if slip <= limits.slipped_amber_days:
        return None
    severity = RED if slip > limits.slipped_red_days else AMBER
    moved = _moves_text(fact, lang)
    return make_alert(
        fact.project,
        "slipped",
        severity,
        item=fact.name,
        item_en=fact.name_en,
        record="milestone",
        record_id=fact.id,
        due=fact.due,
        evidence=say(
            lang,
            f"预计 {fact.forecast} 比计划 {fact.baseline} 晚 {slip} 天；{moved}",
            f"forecast {fact.forecast} is {slip} days after baseline {fact.baseline}; {moved}",
        ),
        threshold=say(
            lang,
            f"晚于计划超过 {limits.slipped_amber_days} 天为黄灯，"
            f"超过 {limits.slipped_red_days} 天为红灯",
            f"more than {limits.slipped_amber_days} days late: amber; "
            f"more than {limits.slipped_red_days}: red",
        ),
    )


def _moves_text(fact: MilestoneFact, lang: str) -> str:
    if fact.forecast_moves == 0:
        return say(
            lang, "操作记录中预计时间未调整过", "the forecast never moved in the audit trail"
        )
    if fact.first_forecast is None or fact.forecast is None:
        return say(
            lang,
            f"预计时间调整 {fact.forecast_moves} 次",
            f"the forecast moved {fact.forecast_moves} times",
        )
    by = (fact.forecast - fact.first_forecast).days
    return say(
        lang,
        f"预计时间调整 {fact.forecast_moves} 次，累计变动 {by:+d} 天"
        f"（{fact.first_forecast} → {fact.forecast}）",
        f"the forecast moved {fact.forecast_moves} times, by {by:+d} days in all "
        f"({fact.first_forecast} → {fact.forecast})",
    )


def problem_alert(fact: ProblemFact, today: date, lang: str = "en") -> Alert | None:
    """An unresolved problem past its resolution deadline (解决时限): red."""
    if fact.due is None or fact.due >= today:
        return None
    due = day_text(fact.due, fact.precision, lang)
    late = (today - fact.due).days
    return make_alert(
        fact.project,
        "problem_overdue",
        RED,
        item=fact.description,
        record="problem",
        record_id=fact.id,
        due=fact.due,
        evidence=say(
            lang,
            f"解决时限 {due}，已超过 {late} 天，尚未解决",
            f"to be resolved by {due}, {late} days ago; unresolved",
        ),
        threshold=say(lang, "过了解决时限仍未解决", "past its resolution deadline and unresolved"),
    )
