"""Each project's money as the weekly report reads it: one row a project, summed in SQL.

Of the year's monthly reports (完成投资), the amount of each month, the completed amount and the
funds in place over months 1 to N (1–N月累计, N from store.read.year_completed.reported_month),
and the completed amount since the start (every earlier year and months 1 to N of this one).
A sum over no known amount is NULL, never 0. Reading the months as rows would cost 120,000
rows at 10,000 projects where this is 10,000.
"""

from __future__ import annotations

from typing import Any

from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.year_completed import completed_through, in_months

_THROUGH = in_months()
_MONTHS = ", ".join(
    f"MAX(CASE WHEN r.year = :year AND r.month = {m} THEN r.amount_cents END) AS m{m}"
    for m in range(1, 13)
)
SQL = f"""
SELECT r.project_id,
       CAST(SUM({completed_through()}) AS BIGINT) AS year_to_date_cents,
       CAST(SUM(CASE WHEN {_THROUGH} THEN r.funds_in_place_cents END) AS BIGINT)
           AS funds_in_place_cents,
       CAST(SUM(CASE WHEN r.year < :year OR {_THROUGH} THEN r.amount_cents END) AS BIGINT)
           AS since_start_cents,
       {_MONTHS}
FROM investment_report r
WHERE r.year <= :year
GROUP BY r.project_id
"""


def report_money(conn: PlainConnection, year: int, through: int) -> dict[int, dict[str, Any]]:
    """By project id, for the projects with any monthly report up to `year`: the amounts of the
    months of `year` (m1 … m12), and the sums through month `through` (0: none of `year`)."""
    return {row["project_id"]: row for row in conn.rows(SQL, {"year": year, "through": through})}
