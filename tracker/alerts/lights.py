"""All alerts of a portfolio, and each project's light: its worst alert, unless overridden.

An officer's override (亮灯 set by hand) wins while it is fresh: it is shown as an override, with
its reason, author and day, and expires after `override_expiry_days`. Pure: facts and `today` in.
"""

from __future__ import annotations

from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from tracker.alerts.project_rules import project_alerts
from tracker.alerts.rules import (
    GREEN,
    RED,
    RULE_RANK,
    SEVERITY_RANK,
    Alert,
    MilestoneFact,
    ProblemFact,
    ProjectFact,
    milestone_alerts,
    problem_alert,
)
from tracker.config.settings_file import AlertThresholds
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in

if TYPE_CHECKING:
    from collections.abc import Iterable


class ProjectLight(NamedTuple):
    """A project's light and the reasons for it (the override first, then the alerts)."""

    light: str
    reasons: tuple[str, ...]


class Override(NamedTuple):
    """An officer's override of a project's light."""

    light: str
    reason: str | None
    by: str | None
    on: date | None

    def expires(self, limits: AlertThresholds) -> date | None:
        """The last day the override holds."""
        return None if self.on is None else self.on + timedelta(days=limits.override_expiry_days)

    def holds(self, today: date, limits: AlertThresholds) -> bool:
        """Whether the override still holds on `today` (one without a day never does)."""
        last = self.expires(limits)
        return last is not None and today <= last


def evaluate(
    milestones: Iterable[MilestoneFact],
    problems: Iterable[ProblemFact],
    projects: Iterable[ProjectFact],
    today: date,
    limits: AlertThresholds | None = None,
    lang: str = "en",
) -> list[Alert]:
    """Every alert the facts trip, worst first."""
    return worst_first(tripped(milestones, problems, projects, today, limits, lang))


def tripped(
    milestones: Iterable[MilestoneFact],
    problems: Iterable[ProblemFact],
    projects: Iterable[ProjectFact],
    today: date,
    limits: AlertThresholds | None = None,
    lang: str = "en",
) -> list[Alert]:
    """Every alert the milestone, problem and project facts trip, in no order (`evaluate`
    orders them; the portfolio's read adds the other rules' before it orders them once)."""
    limits = limits or AlertThresholds()
    alerts = [a for m in milestones for a in milestone_alerts(m, today, limits, lang)]
    alerts += [a for p in problems if (a := problem_alert(p, today, lang)) is not None]
    alerts += [a for p in projects for a in project_alerts(p, today, limits, lang)]
    return alerts


_BY_DUE = attrgetter("due", "project", "item")


def worst_first(alerts: list[Alert]) -> list[Alert]:
    """`alerts` in the order of Alert.sort_key (a stable sort), computed quickly for tens of
    thousands: grouped by severity and rule, each group by due day, project and item."""
    groups: dict[tuple[str, str], list[Alert]] = {}
    for alert in alerts:
        key = (alert.severity, alert.rule)
        group = groups.get(key)
        if group is None:
            group = groups[key] = []
        group.append(alert)
    ordered: list[Alert] = []
    for key in sorted(groups, key=lambda k: (SEVERITY_RANK[k[0]], RULE_RANK[k[1]])):
        group = groups[key]
        if None in map(attrgetter("due"), group):
            group.sort(key=lambda a: (a.due or date.max, a.project, a.item))
        else:
            group.sort(key=_BY_DUE)
        ordered += group
    return ordered


def reason_text(alert: Alert, lang: str = "en") -> str:
    """One line saying why: the rule, the item and the evidence."""
    item = name_in(lang, alert.item, alert.item_en)
    return f"{label(alert.rule, lang)} · {item}: {alert.evidence}"


def worst(alerts: Iterable[Alert]) -> str:
    """The worst severity among `alerts`, or green when there are none."""
    ranks = [SEVERITY_RANK[a.severity] for a in alerts]
    if not ranks:
        return GREEN
    return RED if min(ranks) == SEVERITY_RANK[RED] else "amber"


def project_light(
    alerts: list[Alert],
    override: Override | None,
    today: date,
    limits: AlertThresholds | None = None,
    lang: str = "en",
) -> ProjectLight:
    """A project's light from its own alerts (worst first), unless a fresh override holds."""
    limits = limits or AlertThresholds()
    reasons = tuple(reason_text(a, lang) for a in alerts)
    if override is not None and override.holds(today, limits):
        note = tr(
            lang,
            "override ({light}): {reason} (by {by} on {on}, until {until})",
            light=override.light,
            light_label=label(override.light, lang),
            reason=override.reason or "",
            by=override.by or "—",
            on=override.on,
            until=override.expires(limits),
        )
        return ProjectLight(override.light, (note, *reasons))
    return ProjectLight(worst(alerts), reasons)
