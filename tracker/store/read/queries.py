"""The hot reads, in plain SQL over the DB-API driver: no ORM import on this path.

Each function takes an open PlainConnection and returns plain dicts. The same SQL runs on SQLite
and PostgreSQL. A milestone is due on its forecast if it has one, else on its baseline.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.year_completed import completed_through, reported_month

DUE = "COALESCE(m.forecast, m.baseline)"
DUE_PRECISION = (
    "CASE WHEN m.forecast IS NOT NULL THEN m.forecast_precision ELSE m.baseline_precision END"
)


def join_latest_status(alias: str = "ls", project_id: str = "p.id") -> str:
    """SQL joining each project (its id in `project_id`) to its latest status update, as
    `alias`: the one reported last, and of those reported on that day the last entered (highest
    id); NULL columns for a project that has none. The one answer to "the latest status update",
    shared by every read that needs it.
    """
    # One lookup a project through ix_status_update_project_id (a few rows each): faster on
    # SQLite than numbering every update with ROW_NUMBER() or grouping them for MAX().
    return f"""LEFT JOIN status_update {alias} ON {alias}.id = (
        SELECT s.id FROM status_update s WHERE s.project_id = {project_id}
        ORDER BY s.reported_on DESC, s.id DESC LIMIT 1)"""


_PROJECT_COLUMNS = """
    p.id, p.code, p.name, p.name_en, p.category, p.project_type, p.stage, p.unit, p.officer,
    p.owner_org, p.location, p.scale, p.total_investment_cents, p.currency,
    p.baseline_start, p.baseline_start_precision, p.baseline_finish, p.baseline_finish_precision,
    p.forecast_finish, p.forecast_finish_precision, p.actual_start, p.actual_finish,
    p.sources, p.notes, p.light_override, p.light_override_reason, p.light_override_by,
    p.light_override_on, p.version, p.library, p.enrolled_on, p.enrolled_cents
"""
PROJECT_DATES = (
    "enrolled_on",
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
    # Each project's next milestone and latest update are looked up through its own index
    # entries (a few rows a project) rather than by numbering every open milestone.
    sql = f"""
    SELECT {_PROJECT_COLUMNS}, n.name AS next_name, n.name_en AS next_name_en,
           COALESCE(n.forecast, n.baseline) AS next_due,
           CASE WHEN n.forecast IS NOT NULL THEN n.forecast_precision
                ELSE n.baseline_precision END AS next_precision,
           ls.light AS status_light, ls.reported_on AS status_on, ls.narrative AS status_narrative
    FROM project p
    LEFT JOIN milestone n ON n.id = (
        SELECT m.id FROM milestone m
        WHERE m.project_id = p.id AND m.done IS NULL AND {DUE} IS NOT NULL
        ORDER BY {DUE}, m.position LIMIT 1)
    {join_latest_status()}
    {"WHERE p.code = :code" if code is not None else ""}
    ORDER BY p.code
    """
    return conn.rows(sql, {"code": code}, dates=(*PROJECT_DATES, "next_due", "status_on"))


def milestones(conn: PlainConnection, project_id: int) -> list[dict[str, Any]]:
    """A project's milestones in their order, each with its due day and precision."""
    sql = f"""
    SELECT m.id, m.name, m.name_en, m.position, m.baseline, m.baseline_precision, m.forecast,
           m.forecast_precision, m.done, m.done_precision, m.owner, m.lead_days, m.note,
           m.illustrative, m.completion, m.version,
           {DUE} AS due, {DUE_PRECISION} AS due_precision
    FROM milestone m WHERE m.project_id = :project_id
    ORDER BY m.position, m.id
    """
    return conn.rows(sql, {"project_id": project_id}, dates=("baseline", "forecast", "done", "due"))


def changes(
    conn: PlainConnection,
    code: str | None = None,
    since: datetime | None = None,
    author: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The audit trail, newest first, filtered by project, moment (`since`, aware) and author."""
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
    moment = None if since is None else audit_moment(conn, since)
    return conn.rows(sql, {"code": code, "since": moment, "author": author, "limit": limit})


def project_count(conn: PlainConnection) -> int:
    """How many projects the portfolio holds."""
    return int(conn.scalar("SELECT COUNT(*) FROM project") or 0)


def all_milestones(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every milestone of the portfolio, by project and position, with its due day."""
    sql = f"""
    SELECT m.id, m.project_id, m.name, m.name_en, m.position, m.baseline, m.baseline_precision,
           m.forecast, m.forecast_precision, m.done, m.done_precision, m.owner, m.illustrative,
           {DUE} AS due, {DUE_PRECISION} AS due_precision
    FROM milestone m ORDER BY m.project_id, m.position, m.id
    """
    return conn.rows(sql, dates=("baseline", "forecast", "done", "due"))


def all_problems(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every problem of the portfolio, open and resolved, by project and id."""
    return conn.rows(
        "SELECT id, project_id, description, owner, due, due_precision, resolved, illustrative "
        "FROM problem ORDER BY project_id, id",
        dates=("due", "resolved"),
    )


def all_status_updates(conn: PlainConnection) -> list[dict[str, Any]]:
    """Every status update's light and day (no narrative), by project, oldest first."""
    return conn.rows(
        "SELECT id, project_id, reported_on, light FROM status_update "
        "ORDER BY project_id, reported_on, id",
        dates=("reported_on",),
    )


def annual_plans(conn: PlainConnection, year: int) -> list[dict[str, Any]]:
    """Each project's planned investment and progress target for `year`."""
    return conn.rows(
        "SELECT project_id, planned_cents, progress_target FROM investment_plan "
        "WHERE year = :year ORDER BY project_id",
        {"year": year},
    )


def audit_moment(conn: PlainConnection, moment: datetime) -> datetime:
    """A moment as the audit trail's `at` column compares with it: naive UTC text on SQLite
    (as SQLAlchemy stores it), an aware datetime on PostgreSQL."""
    utc = moment.astimezone(UTC)
    return utc.replace(tzinfo=None) if conn.dialect == "sqlite" else utc


def field_changes_since(
    conn: PlainConnection, record: str, field: str, since: datetime
) -> list[dict[str, Any]]:
    """Every audit entry for one field of one kind of record from `since` on, oldest first."""
    return conn.rows(
        "SELECT c.id, c.at, c.project_code, c.record_id, c.old, c.new FROM change c "
        "WHERE c.record = :record AND c.field = :field AND c.at >= :since ORDER BY c.at, c.id",
        {"record": record, "field": field, "since": audit_moment(conn, since)},
    )


def days_between(conn: PlainConnection, later: str, earlier: str) -> str:
    """SQL for the whole days from the date `earlier` to the date `later` (negative when
    `later` comes first), as Python's `(later - earlier).days`: the one answer to "how many
    days", for every read that counts them. Either side may be a column or a parameter
    (`:today`)."""
    if conn.dialect == "sqlite":
        # Two midnights' julian day numbers differ by a whole number, exactly.
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


def dashboard_rows(
    conn: PlainConnection, today: date, first: int | None = None
) -> list[dict[str, Any]]:
    """One row a project for the TUI dashboard (by code; only the `first` codes if given),
    everything computed in SQL.

    code, names, stage, unit, officer, total investment, this year's completed investment
    (1–N月累计, as the weekly report gives it: year_completed.reported_month) and
    plan and their ratio in whole percent (rounded half up; NULL without a plan), the next open
    milestone with its due day, precision and days left, and the age in days of the latest
    status update. No light: a project's light is the alert rules' (tracker.alerts.facts), and
    the dashboard shows none until they have given it.
    """
    page = "" if first is None else "AND {0} IN (SELECT id FROM page)"
    columns = (
        f"m.project_id, m.id AS next_id, m.name AS next_name, m.name_en AS next_name_en, "
        f"{DUE_PRECISION} AS next_precision"
    )
    if conn.dialect == "sqlite":
        # SQLite takes the bare columns from the row holding the MIN: one pass, no sort.
        next_milestone = f"""SELECT {columns}, MIN({DUE}) AS next_due, 1 AS rank
        FROM milestone m WHERE m.done IS NULL AND {DUE} IS NOT NULL {page.format("m.project_id")}
        GROUP BY m.project_id"""
    else:
        next_milestone = f"""SELECT DISTINCT ON (m.project_id) {columns}, {DUE} AS next_due,
               1 AS rank
        FROM milestone m WHERE m.done IS NULL AND {DUE} IS NOT NULL {page.format("m.project_id")}
        ORDER BY m.project_id, {DUE}, m.position"""
    sql = f"""
    WITH page AS (
        SELECT id FROM project ORDER BY code {"" if first is None else "LIMIT :first"}
    ), next_milestone AS (
        {next_milestone}
    ), year_done AS (
        SELECT r.project_id, CAST(SUM({completed_through()}) AS BIGINT) AS done_cents
        FROM investment_report r WHERE r.year = :year {page.format("r.project_id")}
        GROUP BY r.project_id
    )
    SELECT p.id, p.code, p.name, p.name_en, p.stage, p.unit, p.officer,
           p.total_investment_cents, p.currency, p.owner_org, p.library, ld.name AS leader,
           yd.done_cents AS year_done_cents, yp.planned_cents AS year_plan_cents,
           CASE WHEN yp.planned_cents > 0 AND yd.done_cents IS NOT NULL
                THEN (yd.done_cents * 200 + yp.planned_cents) / (2 * yp.planned_cents)
           END AS year_percent,
           n.next_id, n.next_name, n.next_name_en, n.next_due, n.next_precision,
           {days_between(conn, "n.next_due", ":today")} AS days_left,
           {days_between(conn, ":today", "ls.reported_on")} AS status_age_days
    FROM project p
    LEFT JOIN next_milestone n ON n.project_id = p.id AND n.rank = 1
    LEFT JOIN leader ld ON ld.id = p.leader_id
    {join_latest_status()}
    LEFT JOIN year_done yd ON yd.project_id = p.id
    LEFT JOIN investment_plan yp ON yp.project_id = p.id AND yp.year = :year
    WHERE 1 = 1 {page.format("p.id")}
    ORDER BY p.code
    """
    through = reported_month(conn, today) or 0
    params = {"today": today, "year": today.year, "through": through, "first": first}
    return conn.rows(sql, params, dates=("next_due",))


def investment(conn: PlainConnection, project_id: int) -> dict[str, list[dict[str, Any]]]:
    """A project's annual plans (`plans`, by year) and monthly reports (`reports`, by month)."""
    plans = conn.rows(
        "SELECT year, planned_cents, progress_target, illustrative FROM investment_plan "
        "WHERE project_id = :project_id ORDER BY year",
        {"project_id": project_id},
    )
    reports = conn.rows(
        "SELECT id, year, month, amount_cents, funds_in_place_cents, illustrative, version "
        "FROM investment_report WHERE project_id = :project_id ORDER BY year, month",
        {"project_id": project_id},
    )
    return {"plans": plans, "reports": reports}


def status_history(conn: PlainConnection, project_id: int) -> list[dict[str, Any]]:
    """A project's status updates, newest first."""
    return conn.rows(
        "SELECT id, reported_on, light, narrative, author, illustrative FROM status_update "
        "WHERE project_id = :project_id ORDER BY reported_on DESC, id DESC",
        {"project_id": project_id},
        dates=("reported_on",),
    )


def problems(conn: PlainConnection, project_id: int) -> list[dict[str, Any]]:
    """A project's problems: open ones first (soonest due first), then the resolved."""
    return conn.rows(
        "SELECT id, description, owner, due, due_precision, resolved, illustrative, version, "
        "kind, level "
        "FROM problem WHERE project_id = :project_id "
        "ORDER BY CASE WHEN resolved IS NULL THEN 0 ELSE 1 END, due, id",
        {"project_id": project_id},
        dates=("due", "resolved"),
    )
