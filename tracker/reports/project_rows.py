"""The projects as the weekly report reads them: the facts it shows and each one's latest status.

Plain SQL, like store.read.queries.projects but without the next milestone, which the report
takes from the milestones that matter this week (tracker.reports.week_milestones) instead of ranking
every open milestone of the portfolio a second time.
"""

from __future__ import annotations

from typing import Any

from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.queries import join_latest_status

SQL = f"""
SELECT p.id, p.code, p.name, p.name_en, p.category, p.stage, p.unit, p.officer, p.currency,
       p.total_investment_cents, p.light_override, p.forecast_finish, p.forecast_finish_precision,
       ls.reported_on AS status_on,
       ls.narrative AS status_narrative
FROM project p
{join_latest_status()}
ORDER BY p.code
"""


def report_projects(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every project, by code, with the day and narrative of its latest status update."""
    return conn.rows(SQL, dates=("status_on", "forecast_finish"))
