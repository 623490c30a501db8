"""All alerts of a portfolio, and each project's light: its worst alert, unless overridden.

An officer's override (亮灯 set by hand) wins while it is fresh: it is shown as an override, with
its reason, author and day, and expires after `override_expiry_days`. Pure: facts and `today` in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from tracker.alerts import (
    GREEN,
    RED,
    SEVERITY_RANK,
    Alert,
    MilestoneFact,
    ProblemFact,
    ProjectFact,
    milestone_alerts,
    problem_alert,
    say,
)
from tracker.labels import label
from tracker.project_alerts import project_alerts
from tracker.settings import AlertThresholds


class ProjectLight(NamedTuple):
    """A project's light and the reasons for it (the override first, then the alerts)."""

    light: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Override:
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
    limits = limits or AlertThresholds()
    alerts = [a for m in milestones for a in milestone_alerts(m, today, limits, lang)]
    alerts += [a for p in problems if (a := problem_alert(p, today, lang)) is not None]
    alerts += [a for p in projects for a in project_alerts(p, today, limits, lang)]
    return sorted(alerts, key=Alert.sort_key)


def reason_text(alert: Alert, lang: str = "en") -> str:
    """One line saying why: the rule, the item and the evidence."""
    return f"{label(alert.rule, lang)} · {alert.item}: {alert.evidence}"


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
        note = say(
            lang,
            f"人工亮灯（{label(override.light, lang)}）：{override.reason or ''}"
            f"（{override.by or '—'}，{override.on}，有效至 {override.expires(limits)}）",
            f"override ({override.light}): {override.reason or ''} "
            f"(by {override.by or '—'} on {override.on}, until {override.expires(limits)})",
        )
        return ProjectLight(override.light, (note, *reasons))
    return ProjectLight(worst(alerts), reasons)
