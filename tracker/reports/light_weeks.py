"""The recorded light of a project at the end of each of the last weeks, by one rule: for one
project (the one-pager's strip) and counted over the whole portfolio (the weekly report).

The light of a week is the one the officers had recorded when the week ended (Sunday 24:00 in
the office's time zone): the override then in force, from the audit trail, else the light of
the latest status update reported by that Sunday. A week before any of them has no light.
The portfolio's counts read the status history and the overrides' audit entries once each,
whatever the number of projects.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from tracker.config.office_time import start_of
from tracker.core.dates import iso_week_of
from tracker.reports.contents import LIGHT_ORDER, WeekLights
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.views.portfolio import moment

WEEKS = 12
Overrides = list[tuple[datetime, str | None]]
"""A project's override changes, oldest first: when each was recorded and the override before."""


def week_ends(today: date, weeks: int = WEEKS) -> list[tuple[date, date]]:
    """The last `weeks` ISO weeks up to the one holding `today`, oldest first: each one's Monday
    and last day (its Sunday, or `today` for the week not yet over)."""
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return [(monday, min(monday + timedelta(days=6), today)) for monday in mondays]


def week_end_moment(end: date, tz: tzinfo) -> datetime:
    """The moment a week's last day `end` is over (24:00 in the office's time zone)."""
    return start_of(end + timedelta(days=1), tz)


def changes_since(weeks: list[tuple[date, date]], tz: tzinfo) -> datetime:
    """The earliest moment whose audit entries can matter: the end of the first week's Sunday."""
    return start_of(weeks[0][0] + timedelta(days=7), tz)


def recorded_light(
    when: datetime,
    end: date,
    override_now: str | None,
    overrides: Overrides,
    reported_on: list[date],
    reported_lights: list[str],
) -> str | None:
    """The one answer to "the light of a project at the end of a week": the override in force
    at `when` (the first change recorded at or after it held the one before), else the light of
    the latest status update reported on or before `end` (`reported_on` ascending, with its
    `reported_lights`), else None."""
    override = next((old for at, old in overrides if at >= when), override_now)
    if override:
        return override
    n = bisect_right(reported_on, end)
    return reported_lights[n - 1] if n else None


def _overrides(conn: PlainConnection, since: datetime) -> dict[str, Overrides]:
    found: dict[str, Overrides] = defaultdict(list)
    for e in queries.field_changes_since(conn, "project", "light_override", since):
        found[e["project_code"]].append((moment(e["at"]), e["old"]))
    return found


def light_weeks(
    conn: PlainConnection, project: dict[str, Any], today: date, tz: tzinfo, weeks: int = WEEKS
) -> tuple[tuple[str, str | None], ...]:
    """The last `weeks` ISO weeks up to the one holding `today`, oldest first, each with the
    project's recorded light at its end (or at `today`, for the week not yet over)."""
    ends = week_ends(today, weeks)
    overrides = _overrides(conn, changes_since(ends, tz)).get(project["code"], [])
    statuses = sorted(
        queries.status_history(conn, project["id"]), key=lambda s: (s["reported_on"], s["id"])
    )
    days = [s["reported_on"] for s in statuses]
    lights = [s["light"] for s in statuses]
    return tuple(
        (
            iso_week_of(monday),
            recorded_light(
                week_end_moment(end, tz), end, project["light_override"], overrides, days, lights
            ),
        )
        for monday, end in ends
    )


def portfolio_light_weeks(
    conn: PlainConnection,
    projects: list[dict[str, Any]],
    today: date,
    tz: tzinfo,
    weeks: int = WEEKS,
) -> tuple[WeekLights, ...]:
    """For each of the last `weeks` ISO weeks up to the one holding `today`, oldest first, how
    many of `projects` (rows with id, code and light_override) had each recorded light at its
    end: one read of the status history and one of the overrides' audit entries."""
    ends = week_ends(today, weeks)
    overrides = _overrides(conn, changes_since(ends, tz))
    days: dict[int, list[date]] = defaultdict(list)
    lights: dict[int, list[str]] = defaultdict(list)
    for s in queries.all_status_updates(conn):  # by project, oldest first
        days[s["project_id"]].append(s["reported_on"])
        lights[s["project_id"]].append(s["light"])
    moments = [week_end_moment(end, tz) for _monday, end in ends]
    counts: list[Counter[str | None]] = [Counter() for _ in ends]
    for p in projects:
        own, on, said = overrides.get(p["code"], []), days.get(p["id"], []), lights.get(p["id"], [])
        for n, (_monday, end) in enumerate(ends):
            counts[n][recorded_light(moments[n], end, p["light_override"], own, on, said)] += 1
    return tuple(
        WeekLights(iso_week_of(monday), tuple((light, count[light]) for light in LIGHT_ORDER))
        for (monday, _end), count in zip(ends, counts, strict=True)
    )
