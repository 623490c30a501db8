"""The milestones that matter this week, read with SQL instead of every milestone of the portfolio.

A weekly report for the leadership meeting lists, of all the milestones, those that need a word
this week: the open ones overdue or falling due within the next 90 days (which holds the 30 days
of *coming up*), those marked done or whose forecast moved during the week (by the audit trail),
and each project's next open milestone, however far off. The open ones are found through the
partial index `ix_milestone_open_due` (COALESCE(forecast, baseline) WHERE done IS NULL), the
week's through an index of the audit trail, each project's next through its own milestones.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tracker.store.read.plainsql import DayReader, PlainConnection
from tracker.store.read.queries import DUE, DUE_PRECISION, audit_moment

AHEAD_DAYS = 90
_OPEN_DUE = "COALESCE(forecast, baseline)"  # the partial index's own expression, unqualified


SQL = f"""
    SELECT m.id, m.project_id, m.name, m.name_en, m.position, m.baseline, m.baseline_precision,
           m.forecast, m.forecast_precision, m.done, m.done_precision, m.owner, m.illustrative,
           {DUE} AS due, {DUE_PRECISION} AS due_precision
    FROM milestone m
    WHERE m.id IN (
        SELECT id FROM milestone WHERE done IS NULL AND {_OPEN_DUE} <= :horizon
        UNION
        SELECT c.record_id FROM change c
        WHERE c.at >= :start AND c.at < :end AND c.record = 'milestone'
          AND c.field IN ('done', 'forecast')
        UNION
        SELECT (
            SELECT n.id FROM milestone n
            WHERE n.project_id = p.id AND n.done IS NULL
              AND COALESCE(n.forecast, n.baseline) IS NOT NULL
            ORDER BY COALESCE(n.forecast, n.baseline), n.position, n.id
            LIMIT 1
        ) FROM project p
    )
    ORDER BY m.project_id, m.position, m.id
"""


def week_milestones(
    conn: PlainConnection, today: date, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """The milestones that matter in the week from `start` to `end` (aware moments), as of
    `today`, by project and position, with their due day and precision."""
    params = {
        "horizon": today + timedelta(days=AHEAD_DAYS),
        "start": audit_moment(conn, start),
        "end": audit_moment(conn, end),
    }
    rows = conn.rows(SQL, params)
    day = DayReader()  # tens of thousands of days, a few thousand distinct ones
    for row in rows:
        row["baseline"], row["forecast"] = day(row["baseline"]), day(row["forecast"])
        row["done"], row["due"] = day(row["done"]), day(row["due"])
    return rows
