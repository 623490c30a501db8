"""The projects as the weekly report reads them: the facts it shows and each one's latest status.

Plain SQL, like store.read.queries.projects but without the next milestone, which the report
takes from the milestones that matter this week (tracker.reports.week_milestones) instead of ranking
every open milestone of the portfolio a second time.
"""

from __future__ import annotations

from typing import Any

from tracker.store.read.plainsql import PlainConnection

SQL = """
WITH latest_status AS (
    SELECT s.project_id, s.reported_on AS status_on, s.narrative AS status_narrative,
           ROW_NUMBER() OVER (PARTITION BY s.project_id ORDER BY s.reported_on DESC, s.id DESC)
               AS rank
    FROM status_update s
)
SELECT p.id, p.code, p.name, p.name_en, p.category, p.stage, p.unit, p.officer, p.currency,
       p.total_investment_cents, p.light_override, ls.status_on, ls.status_narrative
FROM project p
LEFT JOIN latest_status ls ON ls.project_id = p.id AND ls.rank = 1
ORDER BY p.code
"""


def report_projects(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every project, by code, with the day and narrative of its latest status update."""
    return conn.rows(SQL, dates=("status_on",))
