"""Alert rules (预警): plain facts and `today` in, alerts that explain themselves out.

Every alert names its rule, its severity (red / amber), the project, the record it is about, the
evidence (the dates or figures that tripped it) and the threshold it was held against. The facts
come from tracker/alerts/facts.py (plain SQL) or from anywhere else; nothing here touches a
database or the clock. Thresholds: tracker/config/settings_file.py (AlertThresholds). The
schedule rules (milestones, problems) are here; the project-level ones in project_rules.py;
`evaluate` and a project's light in lights.py.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tracker.core.days import slip_days
from tracker.i18n.catalogue import tr

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds

RED, AMBER, GREEN = "red", "amber", "green"
SEVERITY_RANK = {RED: 0, AMBER: 1}
RULES = (
    "overdue",
    "problem_overdue",
    "response_overdue",
    "slipped",
    "late_start",
    "investment_behind",
    "cost_overrun",
    "not_enrolled",
    "approval_overdue",
    "approvals_open",
    "stale",
    "due_soon",
)
"""Every rule, in the order alerts of the same severity are listed."""
RULE_RANK = {rule: rank for rank, rule in enumerate(RULES)}

# The records below are NamedTuples, not dataclasses: a large portfolio has tens of thousands
# of alerts, and `tracker alerts` must not pay for importing `dataclasses` (and `inspect`).


class Alert(NamedTuple):
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
            RULE_RANK[self.rule],
            self.due or date.max,
            self.project,
            self.item,
        )


class ProjectRef(NamedTuple):
    """Which project a fact belongs to."""

    code: str
    name: str
    name_en: str | None = None


class MilestoneFact(NamedTuple):
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


class ProblemFact(NamedTuple):
    """An unresolved problem and its resolution deadline (解决时限)."""

    project: ProjectRef
    id: int
    description: str
    due: date | None
    precision: str = "day"


class ProjectFact(NamedTuple):
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
    """This year's completed investment for 序时进度: months 1 … N-1 (schedule_months)."""
    last_status: date | None = None


@lru_cache(maxsize=4096)
def iso_due_text(day: date, precision: str, lang: str) -> str:
    """A due day as ISO text, followed by the deadline as given when coarser than a day."""
    if precision == "day":
        return day.isoformat()
    from tracker.i18n.glossary import deadline_label

    return f"{day.isoformat()} ({deadline_label(day, precision, lang)})"


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
    if fact.due is not None:
        left = (fact.due - today).days
        lead = limits.due_soon_days if fact.lead_days is None else fact.lead_days
        if left < 0:
            due = iso_due_text(fact.due, fact.precision, lang)
            evidence = tr(
                lang, "due {due}, {minus_left} days ago; not done", minus_left=-left, due=due
            )
            threshold = tr(lang, "past its due day and not done")
            alerts.append(_milestone_alert(fact, "overdue", RED, evidence, threshold))
        elif left <= lead:
            due = iso_due_text(fact.due, fact.precision, lang)
            evidence = tr(lang, "due {due}, {left} days left", due=due, left=left)
            threshold = _due_soon_threshold(lead, fact.lead_days is not None, lang)
            alerts.append(_milestone_alert(fact, "due_soon", AMBER, evidence, threshold))
    if fact.forecast is not None and fact.baseline is not None:
        slip = slipped_alert(fact, limits, lang)
        if slip is not None:
            alerts.append(slip)
    return alerts


def _milestone_alert(
    fact: MilestoneFact, rule: str, severity: str, evidence: str, threshold: str
) -> Alert:
    ref = fact.project
    return Alert(
        rule,
        severity,
        ref.code,
        ref.name,
        fact.name,
        evidence,
        threshold,
        "milestone",
        fact.id,
        fact.due,
        fact.name_en,
        ref.name_en,
    )


@lru_cache(maxsize=256)
def _due_soon_threshold(lead: int, own: bool, lang: str) -> str:
    if own:
        return tr(lang, "within {lead} days (the milestone's lead time)", lead=lead)
    return tr(lang, "within {lead} days", lead=lead)


@lru_cache(maxsize=64)
def _slipped_threshold(amber: int, red: int, lang: str) -> str:
    return tr(
        lang, "more than {amber} days late: amber; more than {red}: red", amber=amber, red=red
    )


def slipped_alert(fact: MilestoneFact, limits: AlertThresholds, lang: str = "en") -> Alert | None:
    """Forecast later than baseline by more than the amber (red) number of days."""
    if fact.forecast is None or fact.baseline is None:
        return None
    slip = slip_days(fact.baseline, fact.forecast, None) or 0
    if slip <= limits.slipped_amber_days:
        return None
    severity = RED if slip > limits.slipped_red_days else AMBER
    moved = _moves_text(fact, lang)
    evidence = tr(
        lang,
        "forecast {forecast} is {slip} days after baseline {baseline}; {moved}",
        forecast=fact.forecast,
        baseline=fact.baseline,
        slip=slip,
        moved=moved,
    )
    threshold = _slipped_threshold(limits.slipped_amber_days, limits.slipped_red_days, lang)
    return _milestone_alert(fact, "slipped", severity, evidence, threshold)


def _moves_text(fact: MilestoneFact, lang: str) -> str:
    moves = fact.forecast_moves
    if moves == 0:
        return tr(lang, "the forecast never moved in the audit trail")
    if fact.first_forecast is None or fact.forecast is None:
        return tr(lang, "the forecast moved {moves} times", moves=moves)
    by = (fact.forecast - fact.first_forecast).days
    return tr(
        lang,
        "the forecast moved {moves} times, by {by:+d} days in all ({first} → {forecast})",
        moves=moves,
        by=by,
        first=fact.first_forecast,
        forecast=fact.forecast,
    )


def problem_alert(fact: ProblemFact, today: date, lang: str = "en") -> Alert | None:
    """An unresolved problem past its resolution deadline (解决时限): red."""
    if fact.due is None or fact.due >= today:
        return None
    due = iso_due_text(fact.due, fact.precision, lang)
    late = (today - fact.due).days
    return make_alert(
        fact.project,
        "problem_overdue",
        RED,
        item=fact.description,
        record="problem",
        record_id=fact.id,
        due=fact.due,
        evidence=tr(
            lang, "to be resolved by {due}, {late} days ago; unresolved", due=due, late=late
        ),
        threshold=tr(lang, "past its resolution deadline and unresolved"),
    )
