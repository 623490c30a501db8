"""One page per project (项目一页纸), for a leader's visit: the facts, the light and why, the
next milestones and how far they slipped week by week, the year's investment curve, the open
problems, the latest status and the reality check's P80 cost and finish.

The page is read from the weekly report's builder (the same lights, money and P80 as the
week's report) for the week holding `today`, and the project's own facts row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from tracker.config.settings_file import AlertThresholds
from tracker.reality.reality_settings import RealitySettings
from tracker.reports.contents import MilestoneLine, ProjectLine, SlipWeeks
from tracker.reports.light_weeks import light_weeks
from tracker.reports.slip_weeks import slip_weeks
from tracker.reports.weekly import build_weekly
from tracker.store.read.plainsql import PlainConnection

NEXT_MILESTONES = 5


@dataclass(frozen=True, slots=True)
class ProjectPage:
    """Everything the one-pager shows."""

    line: ProjectLine
    facts: dict[str, Any]
    """The project's row (tracker.store.read.queries.projects): location, owner, scale…"""
    as_of: date
    year: int
    through_month: int | None
    time_elapsed: Decimal | None
    next_milestones: tuple[MilestoneLine, ...]
    """The open milestones, soonest first (at most NEXT_MILESTONES)."""
    done_milestones: int
    lights: tuple[tuple[str, str | None], ...] = ()
    """The recorded light at the end of each of the last weeks (tracker.reports.light_weeks)."""
    slips: SlipWeeks | None = None
    """The slip of the completion milestone and the next open ones, week by week."""


def project_page(
    conn: PlainConnection,
    facts: dict[str, Any],
    today: date,
    lang: str,
    tz: tzinfo,
    thresholds: AlertThresholds | None = None,
    reality: RealitySettings | None = None,
) -> ProjectPage:
    """The one-pager of the project whose row is `facts`, as of `today`."""
    monday = today - timedelta(days=today.weekday())
    report = build_weekly(conn, monday, today, lang, tz, None, thresholds, reality)
    line = next(p for p in report.projects if p.code == facts["code"])
    open_ones = sorted(
        (m for m in line.milestones if m.days_left is not None and m.due is not None),
        key=lambda m: m.days_left or 0,
    )
    return ProjectPage(
        line=line,
        facts=facts,
        as_of=today,
        year=report.summary.year,
        through_month=report.summary.through_month,
        time_elapsed=report.summary.time_elapsed,
        next_milestones=tuple(open_ones[:NEXT_MILESTONES]),
        done_milestones=sum(1 for m in line.milestones if m.done is not None),
        lights=light_weeks(conn, facts, today, tz),
        slips=slip_weeks(conn, facts, today, tz),
    )
