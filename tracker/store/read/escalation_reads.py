"""The escalation ladder's facts in plain SQL (issue #17): the recent status updates the weekly
cycles are made of, and the ledger of instruments issued.

Read by `tracker escalate`, the alerts (a response overdue), `tracker remind` and the letters.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tracker.store.read.plainsql import PlainConnection

LEDGER_DATES = ("issued_on", "due", "answered_on", "closed_on")
_LEDGER = """e.id, e.project_id, p.code, p.name AS project_name, p.name_en AS project_name_en,
    p.unit, e.step, e.instrument, e.number, e.addressee, e.issued_on, e.due, e.evidence,
    e.answered_on, e.answer, e.closed_on, e.closed_by, e.illustrative, e.version"""


def status_updates(
    conn: PlainConnection, today: date, weeks: int, code: str | None = None
) -> list[dict[str, Any]]:
    """The status updates of the last `weeks` ISO weeks up to `today` (of one project, or of
    every project), by project and day."""
    monday = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    only = "" if code is None else "AND p.code = :code"
    return conn.rows(
        f"""SELECT s.id, s.project_id, p.code, p.name, p.name_en, p.unit, p.officer,
            s.reported_on, s.light, s.narrative
        FROM status_update s JOIN project p ON p.id = s.project_id
        WHERE s.reported_on >= :monday AND s.reported_on <= :today {only}
        ORDER BY p.code, s.reported_on, s.id""",
        {"monday": monday, "today": today, "code": code},
        dates=("reported_on",),
    )


def ledger(
    conn: PlainConnection,
    code: str | None = None,
    *,
    open_only: bool = False,
    ident: int | None = None,
) -> list[dict[str, Any]]:
    """The instruments issued (of one project, or one by its id), newest first; only those not
    closed out with `open_only`."""
    where = ["1 = 1"]
    if code is not None:
        where.append("p.code = :code")
    if open_only:
        where.append("e.closed_on IS NULL")
    if ident is not None:
        where.append("e.id = :ident")
    return conn.rows(
        f"""SELECT {_LEDGER} FROM escalation e JOIN project p ON p.id = e.project_id
        WHERE {" AND ".join(where)} ORDER BY e.issued_on DESC, e.id DESC""",
        {"code": code, "ident": ident},
        dates=LEDGER_DATES,
    )


def state_of(row: dict[str, Any]) -> str:
    """An instrument's place in the ledger: open, answered or closed (out, 销号)."""
    if row["closed_on"] is not None:
        return "closed"
    return "answered" if row["answered_on"] is not None else "open"


def overdue_responses(
    conn: PlainConnection, today: date, code: str | None = None
) -> list[dict[str, Any]]:
    """The instruments neither answered nor closed whose response deadline is before `today`."""
    only = "" if code is None else "AND p.code = :code"
    return conn.rows(
        f"""SELECT {_LEDGER} FROM escalation e JOIN project p ON p.id = e.project_id
        WHERE e.answered_on IS NULL AND e.closed_on IS NULL AND e.due < :today {only}
        ORDER BY p.code, e.due, e.id""",
        {"today": today, "code": code},
        dates=LEDGER_DATES,
    )


def meetings(conn: PlainConnection, ident: int | None = None) -> list[dict[str, Any]]:
    """The dispatch meetings (or the one `ident`), newest first, with their actions counted."""
    only = "" if ident is None else "WHERE m.id = :ident"
    return conn.rows(
        f"""SELECT m.id, m.held_on, m.title, m.agenda, m.note,
            COUNT(a.id) AS actions, COUNT(a.id) - COUNT(a.done_on) AS open_actions
        FROM meeting m LEFT JOIN meeting_action a ON a.meeting_id = m.id {only}
        GROUP BY m.id, m.held_on, m.title, m.agenda, m.note
        ORDER BY m.held_on DESC, m.id DESC""",
        {"ident": ident},
        dates=("held_on",),
    )


def actions(
    conn: PlainConnection,
    *,
    meeting: int | None = None,
    open_only: bool = False,
    code: str | None = None,
) -> list[dict[str, Any]]:
    """The meetings' actions (of one meeting, of one project), by due day."""
    where = ["1 = 1"]
    if meeting is not None:
        where.append("a.meeting_id = :meeting")
    if open_only:
        where.append("a.done_on IS NULL")
    if code is not None:
        where.append("p.code = :code")
    return conn.rows(
        f"""SELECT a.id, a.meeting_id, m.held_on AS meeting_on, p.code, p.name AS project_name,
            p.name_en AS project_name_en, a.description, a.owner, a.due, a.due_precision,
            a.done_on
        FROM meeting_action a JOIN meeting m ON m.id = a.meeting_id
        JOIN project p ON p.id = a.project_id
        WHERE {" AND ".join(where)} ORDER BY a.due, a.id""",
        {"meeting": meeting, "code": code},
        dates=("meeting_on", "due", "done_on"),
    )
