"""What a meeting reads first, taken from the built report: the lights, what turned red, what
slipped and what was finished this week, and the investment against 序时进度; and the
projects in the order the meeting takes them, worst first."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.reports.contents import LIGHT_ORDER, ChangeLine, ProjectLine, WeeklyReport


@dataclass(frozen=True, slots=True)
class Headline:
    """The week at a glance."""

    by_light: tuple[tuple[str | None, int], ...]
    turned_red: tuple[ChangeLine, ...]
    """Lights set to red this week (by a status update or an override) that were not red."""
    slipped: tuple[ChangeLine, ...]
    """Forecasts moved later this week, the longest move first."""
    finished: tuple[ChangeLine, ...]
    """Milestones marked done this week."""
    behind: tuple[tuple[str, Decimal], ...]
    """Per currency, how many points the year's completion lags 序时进度 (negative: ahead)."""


def headline(report: WeeklyReport) -> Headline:
    """The headline of the report's week."""
    changes = report.changes
    s = report.summary
    behind = tuple(
        (m.currency, (s.time_elapsed - m.share_of_plan) * 100)
        for m in s.money
        if m.share_of_plan is not None and s.time_elapsed is not None
    )
    return Headline(
        by_light=s.by_light,
        turned_red=tuple(
            c for c in changes if c.kind == "light_changed" and c.new == "red" and c.old != "red"
        ),
        slipped=tuple(
            sorted(
                (c for c in changes if c.kind == "forecast_moved" and (c.days or 0) > 0),
                key=lambda c: (-(c.days or 0), c.project, c.item or ""),
            )
        ),
        finished=tuple(c for c in changes if c.kind == "done"),
        behind=behind,
    )


def worst_first(projects: tuple[ProjectLine, ...]) -> list[ProjectLine]:
    """Red, then amber, then green, then unlit; within a light, the project with the most
    reasons for it first (more that is late, stale or over), then by code."""
    return sorted(
        projects, key=lambda p: (LIGHT_ORDER.index(p.light), -len(p.light_reasons), p.code)
    )


def portfolio_months(report: WeeklyReport, currency: str) -> tuple[int | None, ...]:
    """The year's completed investment of the projects in `currency`, month by month: a month's
    known amounts added up, None where no project reported it."""
    totals: list[int | None] = [None] * 12
    for p in report.projects:
        if p.investment.currency != currency:
            continue
        for month, cents in enumerate(p.investment.months):
            if cents is not None:
                totals[month] = (totals[month] or 0) + cents
    return tuple(totals)
