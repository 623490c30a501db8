"""The steering facts in plain SQL (issue #16): leaders, organisations, each project's leader,
library, programmes and enrolment, the programmes' joins and exits, problems by kind.

Read by `tracker projects` (the filters and the JSON contract), `leader`/`org`/`programme`/
`enrol` lists, the leader page and the weekly report; no ORM import.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.store.read.plainsql import PlainConnection

MEMBERSHIP_DATES = ("joined_on", "left_on")


def leaders(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every leader, by name, with how many projects they are in charge of."""
    return conn.rows(
        """SELECT l.id, l.name, l.title, l.illustrative, COUNT(p.id) AS projects
        FROM leader l LEFT JOIN project p ON p.leader_id = l.id
        GROUP BY l.id, l.name, l.title, l.illustrative ORDER BY l.name"""
    )


def project_leaders(conn: PlainConnection) -> dict[str, tuple[str, str | None]]:
    """Each project's leader in charge and their title, by project code (the native export)."""
    return {
        code: (name, title)
        for code, name, title in conn.tuples(
            "SELECT p.code, l.name, l.title FROM project p JOIN leader l ON l.id = p.leader_id"
        )
    }


def project_steering(conn: PlainConnection) -> dict[str, dict[str, Any]]:
    """Per project code: its leader in charge, library and current programmes (the weekly
    report's CSV columns)."""
    found: dict[str, dict[str, Any]] = {
        code: {"leader": leader, "library": library, "programmes": []}
        for code, leader, library in conn.tuples(
            """SELECT p.code, l.name, p.library FROM project p
            LEFT JOIN leader l ON l.id = p.leader_id"""
        )
    }
    for code, programme, year in conn.tuples(
        """SELECT p.code, m.programme, m.year FROM programme_membership m
        JOIN project p ON p.id = m.project_id WHERE m.left_on IS NULL
        ORDER BY p.code, m.year, m.programme"""
    ):
        found[code]["programmes"].append((programme, year))
    return found


def parallel_approvals(conn: PlainConnection) -> set[str]:
    """The codes of the projects whose approvals run in parallel (not along the main line)."""
    return {
        code
        for (code,) in conn.tuples(
            "SELECT code FROM project WHERE approvals_parallel = :yes", {"yes": True}
        )
    }


def organisations(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every organisation, by name, with the projects it is the unit of and the owner of."""
    return conn.rows(
        """SELECT o.id, o.name, o.kind, o.illustrative,
            (SELECT COUNT(*) FROM project p WHERE p.unit = o.name) AS as_unit,
            (SELECT COUNT(*) FROM project p WHERE p.owner_org = o.name) AS as_owner
        FROM organisation o ORDER BY o.name"""
    )


def steering_by_project(conn: PlainConnection) -> dict[int, dict[str, Any]]:
    """Each project's leader, library, enrolment and current programmes, by project id."""
    rows = conn.rows(
        """SELECT p.id, l.name AS leader, l.title AS leader_title, p.library, p.enrolled_on,
            p.enrolled_cents, p.actual_start
        FROM project p LEFT JOIN leader l ON l.id = p.leader_id""",
        dates=("enrolled_on", "actual_start"),
    )
    found = {row.pop("id"): {**row, "programmes": []} for row in rows}
    for project_id, programme, year in conn.tuples(
        """SELECT project_id, programme, year FROM programme_membership
        WHERE left_on IS NULL ORDER BY project_id, year, programme"""
    ):
        found[project_id]["programmes"].append({"programme": programme, "year": year})
    return found


def steering_of(conn: PlainConnection, project_id: int) -> dict[str, Any]:
    """One project's leader, leader_title, library, enrolled_on, enrolled_cents and its current
    programmes (as steering_by_project gives them)."""
    [row] = conn.rows(
        """SELECT l.name AS leader, l.title AS leader_title, p.library, p.enrolled_on,
            p.enrolled_cents
        FROM project p LEFT JOIN leader l ON l.id = p.leader_id WHERE p.id = :id""",
        {"id": project_id},
        dates=("enrolled_on",),
    )
    row["programmes"] = [
        {"programme": programme, "year": year}
        for programme, year in conn.tuples(
            """SELECT programme, year FROM programme_membership
            WHERE project_id = :id AND left_on IS NULL ORDER BY year, programme""",
            {"id": project_id},
        )
    ]
    return row


def memberships(
    conn: PlainConnection,
    code: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """Programme memberships (of one project), or those joined or left between two days."""
    where = ["1 = 1"]
    if code is not None:
        where.append("p.code = :code")
    if since is not None:
        where.append(
            "((m.joined_on BETWEEN :since AND :until) OR (m.left_on BETWEEN :since AND :until))"
        )
    return conn.rows(
        f"""SELECT m.id, p.code, p.name, p.name_en, m.programme, m.year, m.joined_on,
            m.left_on, m.reason, m.illustrative
        FROM programme_membership m JOIN project p ON p.id = m.project_id
        WHERE {" AND ".join(where)} ORDER BY p.code, m.year, m.programme, m.id""",
        {"code": code, "since": since, "until": until},
        dates=MEMBERSHIP_DATES,
    )


def evidence(conn: PlainConnection, project_id: int) -> dict[str, dict[str, Any]]:
    """A project's enrolment evidence items, by item."""
    rows = conn.rows(
        "SELECT item, done_on, note FROM enrolment_evidence WHERE project_id = :id",
        {"id": project_id},
        dates=("done_on",),
    )
    return {row["item"]: row for row in rows}


def problems_by_kind(
    conn: PlainConnection, kind: str | None = None, level: str | None = None, *, open_only: bool
) -> list[dict[str, Any]]:
    """The portfolio's problems, by project, of a kind and a level when given."""
    where = ["1 = 1"]
    if kind is not None:
        where.append("pr.kind = :kind")
    if level is not None:
        where.append("pr.level = :level")
    if open_only:
        where.append("pr.resolved IS NULL")
    return conn.rows(
        f"""SELECT pr.id, p.code, p.name, p.name_en, p.unit, pr.description, pr.owner, pr.due,
            pr.due_precision, pr.resolved, pr.kind, pr.level
        FROM problem pr JOIN project p ON p.id = pr.project_id
        WHERE {" AND ".join(where)} ORDER BY p.code, pr.due, pr.id""",
        {"kind": kind, "level": level},
        dates=("due", "resolved"),
    )
