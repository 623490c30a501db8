"""This year's completed investment (完成投资), in the two meanings the office uses.

- 序时进度 (the time-elapsed schedule) compares the plan with months 1 … N-1, N being today's
  month: the months gone in full (`schedule_months`). The alert rule "investment behind
  schedule" reads it.
- 1–N月累计 (completed so far this year) runs through N, the latest month of the year up to
  today's for which any project reported a completed amount (`reported_month`). The weekly
  report and the TUI's dashboard show it.

Both are sums of the monthly reports of months 1 … `through` of the year, in the SQL of
`completed_through`; a sum over no known amount is NULL, never 0.
"""

from __future__ import annotations

from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tracker.store.read.plainsql import PlainConnection


def schedule_months(today: date) -> int:
    """序时进度: how many months of `today`'s year are gone in full (N-1; 0 in January), the
    months whose completed investment the time-elapsed schedule compares with the plan."""
    return today.month - 1


def reported_month(conn: PlainConnection, today: date) -> int | None:
    """1–N月累计: N, the latest month of `today`'s year, up to today's month, for which any
    project reported a completed amount; None when none has (the sum then covers no month)."""
    value = conn.scalar(
        "SELECT MAX(month) FROM investment_report "
        "WHERE year = :year AND month <= :month AND amount_cents IS NOT NULL",
        {"year": today.year, "month": today.month},
    )
    return None if value is None else int(value)


def in_months(alias: str = "r") -> str:
    """SQL: the monthly report `alias` falls in months 1 … `:through` of `:year`."""
    return f"({alias}.year = :year AND {alias}.month <= :through)"


def completed_through(alias: str = "r") -> str:
    """SQL for the completed amount of the monthly report `alias` if it falls in months
    1 … `:through` of `:year`, else NULL: SUM() it per project for this year's completed
    investment, `:through` being `schedule_months` (序时进度) or `reported_month`
    (1–N月累计)."""
    return f"CASE WHEN {in_months(alias)} THEN {alias}.amount_cents END"
