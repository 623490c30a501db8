"""The approval items in plain SQL (前期手续, issue #16): a project's items, the open items of
the portfolio, and the approving departments' scoreboard.

Read by `tracker approvals`, the alerts, the TUI's approvals tab and the weekly report; no ORM.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.queries import days_between

ITEM_DATES = ("planned", "submitted", "approved")
_COLUMNS = """a.id, a.project_id, p.code, p.name AS project_name, p.name_en AS project_name_en,
    a.step, a.name, a.name_en, a.position, a.department, a.officer, a.planned,
    a.planned_precision, a.submitted, a.approved, a.number, a.note, a.illustrative, a.version"""


def items(
    conn: PlainConnection, code: str | None = None, *, open_only: bool = False
) -> list[dict[str, Any]]:
    """The approval items (of the project with `code`, or of every project), by project code
    and template order; only those not approved yet with `open_only`."""
    where = ["1 = 1"]
    if code is not None:
        where.append("p.code = :code")
    if open_only:
        where.append("a.approved IS NULL")
    return conn.rows(
        f"""SELECT {_COLUMNS} FROM approval_item a JOIN project p ON p.id = a.project_id
        WHERE {" AND ".join(where)} ORDER BY p.code, a.position, a.id""",
        {"code": code},
        dates=ITEM_DATES,
    )


def steps_in_use(conn: PlainConnection) -> dict[str, list[str]]:
    """Every step key the items use, with the codes of the projects that have one."""
    found: dict[str, list[str]] = {}
    for step, code in conn.tuples(
        """SELECT a.step, p.code FROM approval_item a JOIN project p ON p.id = a.project_id
        ORDER BY a.step, p.code"""
    ):
        found.setdefault(step, []).append(code)
    return found


def departments(conn: PlainConnection, today: date) -> list[dict[str, Any]]:
    """Per approving department: its items, open, overdue (planned before today and not
    approved), and the whole days from submission to approval summed over the approved items
    that have both days (`approved_with_days`), for an exact average."""
    days = days_between(conn, "a.approved", "a.submitted")
    return conn.rows(
        f"""SELECT a.department,
            COUNT(*) AS items,
            SUM(CASE WHEN a.approved IS NULL THEN 1 ELSE 0 END) AS open,
            SUM(CASE WHEN a.approved IS NULL AND a.planned < :today THEN 1 ELSE 0 END)
                AS overdue,
            SUM(CASE WHEN a.approved IS NOT NULL AND a.submitted IS NOT NULL THEN 1 ELSE 0 END)
                AS approved_with_days,
            SUM(CASE WHEN a.approved IS NOT NULL AND a.submitted IS NOT NULL THEN {days} END)
                AS total_days
        FROM approval_item a GROUP BY a.department ORDER BY a.department""",
        {"today": today},
    )


def average_days(total: int | None, count: int) -> Decimal | None:
    """The mean of whole days to one decimal place (half up); None without an approval."""
    if not count or total is None:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def overdue_items(
    conn: PlainConnection, today: date, limit: int | None = None
) -> list[dict[str, Any]]:
    """The open items whose planned day is before `today`, the longest overdue first (the
    weekly report's approvals section); the first `limit` of them when given."""
    bound = "" if limit is None else f"LIMIT {int(limit)}"
    return conn.rows(
        f"""SELECT {_COLUMNS} FROM approval_item a JOIN project p ON p.id = a.project_id
        WHERE a.approved IS NULL AND a.planned < :today
        ORDER BY a.planned, p.code, a.position, a.id {bound}""",
        {"today": today},
        dates=ITEM_DATES,
    )


def open_by_project(conn: PlainConnection, today: date) -> dict[str, tuple[int, int]]:
    """Per project code with open items: how many are open, and how many of them overdue."""
    return {
        code: (open_, overdue)
        for code, open_, overdue in conn.tuples(
            """SELECT p.code, COUNT(*),
                SUM(CASE WHEN a.planned < :today THEN 1 ELSE 0 END)
            FROM approval_item a JOIN project p ON p.id = a.project_id
            WHERE a.approved IS NULL GROUP BY p.code""",
            {"today": today},
        )
    }
