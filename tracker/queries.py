"""The hot reads, in plain SQL over the DB-API driver: no ORM import on this path.

Each function takes an open PlainConnection and returns plain dicts. The same SQL runs on SQLite
and PostgreSQL. A milestone is due on its forecast if it has one, else on its baseline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.plainsql import PlainConnection

DUE = "COALESCE(m.forecast, m.baseline)"
DUE_PRECISION = (
    "CASE WHEN m.forecast IS NOT NULL THEN m.forecast_precision ELSE m.baseline_precision END"
)

_PROJECT_COLUMNS = """
    p.id, p.code, p.name, p.name_en, p.category, p.project_type, p.stage, p.unit, p.officer,
    p.owner_org, p.location, p.scale, p.total_investment_cents, p.currency,
    p.baseline_start, p.baseline_start_precision, p.baseline_finish, p.baseline_finish_precision,
    p.forecast_finish, p.forecast_finish_precision, p.actual_start, p.actual_finish,
    p.sources, p.notes, p.light_override, p.light_override_reason, p.light_override_by,
    p.light_override_on, p.version
"""
PROJECT_DATES = (
    "baseline_start",
    "baseline_finish",
    "forecast_finish",
    "actual_start",
    "actual_finish",
    "light_override_on",
)


def projects(conn: PlainConnection, code: str | None = None) -> list[dict[str, Any]]:
    """Every project (or the one with `code`), ordered by code, with its next open milestone
    and its latest status update."""
    sql = f"""
    WITH next_milestone AS (
        SELECT m.project_id, m.name AS next_name, m.name_en AS next_name_en,
               {DUE} AS next_due, {DUE_PRECISION} AS next_precision,
               ROW_NUMBER() OVER (PARTITION BY m.project_id ORDER BY {DUE}, m.position) AS rank
        FROM milestone m
        WHERE m.done IS NULL AND {DUE} IS NOT NULL
    ), latest_status AS (
        SELECT s.project_id, s.light AS status_light, s.reported_on AS status_on,
               s.narrative AS status_narrative,
               ROW_NUMBER() OVER (PARTITION BY s.project_id ORDER BY s.reported_on DESC, s.id DESC)
                   AS rank
        FROM status_update s
    )
    SELECT {_PROJECT_COLUMNS}, n.next_name, n.next_name_en, n.next_due, n.next_precision,
           ls.status_light, ls.status_on, ls.status_narrative
    FROM project p
    LEFT JOIN next_milestone n ON n.project_id = p.id AND n.rank = 1
    LEFT JOIN latest_status ls ON ls.project_id = p.id AND ls.rank = 1
    {"WHERE p.code = :code" if code is not None else ""}
    ORDER BY p.code
    """
    return conn.rows(sql, {"code": code}, dates=(*PROJECT_DATES, "next_due", "status_on"))


def milestones(conn: PlainConnection, project_id: int) -> list[dict[str, Any]]:
    """A project's milestones in their order, each with its due day and precision."""
    sql = f"""
    SELECT m.id, m.name, m.name_en, m.position, m.baseline, m.baseline_precision, m.forecast,
           m.forecast_precision, m.done, m.done_precision, m.owner, m.lead_days, m.note,
           m.illustrative, m.version,
           {DUE} AS due, {DUE_PRECISION} AS due_precision
    FROM milestone m WHERE m.project_id = :project_id
    ORDER BY m.position, m.id
    """
    return conn.rows(sql, {"project_id": project_id}, dates=("baseline", "forecast", "done", "due"))


def changes(
    conn: PlainConnection,
    code: str | None = None,
    since: date | None = None,
    author: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The audit trail, newest first, filtered by project, day and author."""
    where = ["1 = 1"]
    if code is not None:
        where.append("c.project_code = :code")
    if since is not None:
        where.append("c.at >= :since")
    if author is not None:
        where.append("c.author = :author")
    sql = f"""
    SELECT c.id, c.at, c.author, c.project_code, c.record, c.record_id, c.field, c.old, c.new
    FROM change c WHERE {" AND ".join(where)}
    ORDER BY c.at DESC, c.id DESC
    {"LIMIT :limit" if limit is not None else ""}
    """
    return conn.rows(sql, {"code": code, "since": since, "author": author, "limit": limit})


def project_count(conn: PlainConnection) -> int:
    """How many projects the portfolio holds."""
    return int(conn.scalar("SELECT COUNT(*) FROM project") or 0)
