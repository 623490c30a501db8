"""The facts behind the programme's four rates (issue #17), one row a project, in plain SQL.

Each project's planned and actual start and finish, library, currency, this year's plan and
the completed amount and funds in place of months 1 … `through` of the year, and, with a
programme, its membership of that programme for the year (the latest it joined by today).
A sum over no known amount is NULL, never 0. The rule (tracker.alerts.programme_rates) decides
which projects count.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tracker.store.read.year_completed import in_months, reported_month

if TYPE_CHECKING:
    from tracker.store.read.plainsql import PlainConnection


class RateFact(NamedTuple):
    """One project as the rates read it; money in minor units of `currency`."""

    code: str
    name: str
    name_en: str | None
    currency: str
    library: str | None
    baseline_start: date | None
    actual_start: date | None
    baseline_finish: date | None
    actual_finish: date | None
    plan_cents: int | None
    completed_cents: int | None
    funds_cents: int | None
    left_on: date | None = None
    """With a programme: the day it left the programme (by today), else None."""
    left_reason: str | None = None


_DATES = ("baseline_start", "actual_start", "baseline_finish", "actual_finish", "left_on")
_MONEY = f"""
SELECT r.project_id,
       CAST(SUM(CASE WHEN {in_months()} THEN r.amount_cents END) AS BIGINT) AS completed_cents,
       CAST(SUM(CASE WHEN {in_months()} THEN r.funds_in_place_cents END) AS BIGINT)
           AS funds_cents
FROM investment_report r
WHERE r.year = :year
GROUP BY r.project_id
"""
_SQL = f"""
SELECT p.code, p.name, p.name_en, p.currency, p.library, p.baseline_start, p.actual_start,
       p.baseline_finish, p.actual_finish, ip.planned_cents AS plan_cents,
       mo.completed_cents, mo.funds_cents, {{member}}
FROM project p
LEFT JOIN investment_plan ip ON ip.project_id = p.id AND ip.year = :year
LEFT JOIN ({_MONEY}) mo ON mo.project_id = p.id
{{joined}}
ORDER BY p.code
"""
_MEMBER = """
JOIN programme_membership m ON m.project_id = p.id AND m.programme = :programme
 AND m.year = :year AND m.joined_on <= :today
 AND m.id = (SELECT MAX(m2.id) FROM programme_membership m2
             WHERE m2.project_id = p.id AND m2.programme = :programme AND m2.year = :year
               AND m2.joined_on <= :today)
"""


def rate_months(conn: PlainConnection, year: int, today: date) -> int:
    """The months of `year` whose reports count as of `today`: every month of a past year,
    months 1 … N of this one (1–N月累计, as the weekly report sums them), none of a later one."""
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return reported_month(conn, today) or 0


def rate_facts(
    conn: PlainConnection, year: int, today: date, programme: str | None = None
) -> list[RateFact]:
    """Every project (or every member of `programme` for `year`), with the facts the rates
    read; the money of `year` through `rate_months`."""
    if programme is None:
        member, joined = "NULL AS left_on, NULL AS left_reason", ""
    else:
        member, joined = "m.left_on, m.reason AS left_reason", _MEMBER
    sql = _SQL.format(member=member, joined=joined)
    params = {
        "year": year,
        "through": rate_months(conn, year, today),
        "programme": programme,
        "today": today,
    }
    facts = []
    for row in conn.rows(sql, params, dates=_DATES):
        left = row["left_on"]
        if left is not None and left > today:
            row["left_on"], row["left_reason"] = None, None
        facts.append(RateFact(**row))
    return facts
