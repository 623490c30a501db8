"""How far a project's milestones had slipped at the end of each of the last weeks, as recorded
then: the one-pager's slip chart and table, and the TUI project screen's.

The milestones followed are the one marking the project's completion and the next open ones,
soonest due first, MOST_LINES in all, each with a baseline now. A milestone's baseline, its
precision, its forecast and its done day at the end of a week (Sunday 24:00 in the office's time
zone) are the ones then recorded: the value a later audit entry says it held before it was
changed (the first such entry after that moment), else the value it holds now. Its slip then is
tracker.core.days.slip_days of those. A week that ended before the milestone was recorded has
none. One read of the project's milestones and one of its audit trail since the first week.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from tracker.core.dates import iso_week_of
from tracker.core.days import slip_days
from tracker.reports.contents import SlipLine, SlipWeeks
from tracker.reports.light_weeks import WEEKS, changes_since, week_end_moment, week_ends
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.views.portfolio import moment

MOST_LINES = 4
_LONG_AGO = datetime.min.replace(tzinfo=UTC)
"""When a milestone recorded before the first week was added, as far as the weeks care."""
_DAYS = ("baseline", "forecast", "done")
_FIELDS = (*_DAYS, "baseline_precision")
History = dict[str, list[tuple[datetime, str | None]]]
"""A milestone's changes by field, oldest first: when each was recorded and the value before."""


def followed(milestones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The milestones whose slip is followed: the completion one, then the open ones soonest
    due first (by position on a tie), MOST_LINES at most, each with a baseline."""
    measured = [m for m in milestones if m["baseline"] is not None]
    completion = [m for m in measured if m["completion"]]
    open_ones = sorted(
        (m for m in measured if m["done"] is None and not m["completion"]),
        key=lambda m: (m["due"], m["position"], m["id"]),
    )
    return (completion + open_ones)[:MOST_LINES]


def value_then(milestone: dict[str, Any], field: str, history: History, when: datetime) -> Any:
    """What `field` of `milestone` held at `when`: the old value of the first change recorded at
    or after it, else the value it holds now."""
    for at, before in history.get(field, ()):
        if at >= when:
            return date.fromisoformat(before) if before and field in _DAYS else before
    return milestone[field]


def slip_then(milestone: dict[str, Any], history: History, when: datetime) -> int | None:
    """The slip in days of `milestone` as recorded at `when`."""
    baseline, forecast, done, precision = (
        value_then(milestone, field, history, when) for field in _FIELDS
    )
    return slip_days(baseline, forecast, done, precision)


def slip_weeks(
    conn: PlainConnection, project: dict[str, Any], today: date, tz: tzinfo, weeks: int = WEEKS
) -> SlipWeeks:
    """The followed milestones' slip at the end of each of the last `weeks` ISO weeks up to the
    one holding `today` (that one: at the end of `today`), oldest first."""
    ends = week_ends(today, weeks)
    lines = followed(queries.milestones(conn, project["id"]))
    ids = {m["id"] for m in lines}
    recorded: dict[int, datetime] = {}
    histories: dict[int, History] = defaultdict(lambda: defaultdict(list))
    for change in reversed(queries.changes(conn, project["code"], changes_since(ends, tz))):
        if change["record"] != "milestone" or change["record_id"] not in ids:
            continue
        if change["field"] == "created":  # the audit trail's word for an addition
            recorded[change["record_id"]] = moment(change["at"])
        elif change["field"] in _FIELDS:
            histories[change["record_id"]][change["field"]].append(
                (moment(change["at"]), change["old"])
            )
    moments = [week_end_moment(end, tz) for _monday, end in ends]
    return SlipWeeks(
        weeks=tuple(iso_week_of(monday) for monday, _end in ends),
        lines=tuple(
            SlipLine(
                name=m["name"],
                name_en=m["name_en"],
                completion=bool(m["completion"]),
                slips=tuple(
                    None
                    if when <= recorded.get(m["id"], _LONG_AGO)
                    else slip_then(m, histories[m["id"]], when)
                    for when in moments
                ),
            )
            for m in lines
        ),
    )
