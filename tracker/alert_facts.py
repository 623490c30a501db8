"""The facts the alert rules need, read in plain SQL (SQLite and PostgreSQL), and the alerts.

Hot read path: no ORM import. The database does the arithmetic (days left, slip, sums per
project) and returns only the milestones and problems that trip a rule, and one aggregated row
a project; the pure rules of alerts.py, project_alerts.py and lights.py then explain them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.alerts import Alert, MilestoneFact, ProblemFact, ProjectFact, ProjectRef
from tracker.lights import Override, ProjectLight, evaluate, project_light
from tracker.plainsql import PlainConnection
from tracker.queries import DUE, DUE_PRECISION
from tracker.settings import AlertThresholds


def days_between(conn: PlainConnection, later: str, earlier: str) -> str:
    """SQL for the whole days from the date `earlier` to the date `later`."""
    if conn.dialect == "sqlite":
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    return f"({later} - {earlier})"


def _today(conn: PlainConnection) -> str:
    return ":today" if conn.dialect == "sqlite" else "CAST(:today AS DATE)"


def _only(code: str | None, column: str = "p.code") -> str:
    return "" if code is None else f"AND {column} = :code"


def _ref(row: dict[str, Any]) -> ProjectRef:
    return ProjectRef(row["code"], row["project_name"], row["project_name_en"])


def milestone_facts(
    conn: PlainConnection, today: date, limits: AlertThresholds, code: str | None = None
) -> list[MilestoneFact]:
    """Open milestones that are overdue, within their lead time, or slipped past the amber mark."""
    left = days_between(conn, DUE, _today(conn))
    slip = days_between(conn, "m.forecast", "m.baseline")
    tripped = f"""(
        ({DUE} IS NOT NULL AND {left} <= COALESCE(m.lead_days, :due_soon_days))
        OR (m.forecast IS NOT NULL AND m.baseline IS NOT NULL AND {slip} > :slipped_amber_days)
    )"""
    sql = f"""
    WITH moves AS (
        SELECT c.record_id, COUNT(*) AS forecast_moves, MIN(c.id) AS first_id
        FROM change c
        WHERE c.record = 'milestone' AND c.field = 'forecast'
          AND c.old IS NOT NULL AND c.new IS NOT NULL
          AND c.record_id IN (
              SELECT m.id FROM milestone m
              WHERE m.done IS NULL AND m.forecast IS NOT NULL AND m.baseline IS NOT NULL
                AND {slip} > :slipped_amber_days)
        GROUP BY c.record_id
    )
    SELECT p.code, p.name AS project_name, p.name_en AS project_name_en,
           m.id, m.name, m.name_en, m.baseline, m.forecast, m.lead_days,
           {DUE} AS due, {DUE_PRECISION} AS due_precision,
           mv.forecast_moves, fc.old AS first_forecast
    FROM milestone m
    JOIN project p ON p.id = m.project_id
    LEFT JOIN moves mv ON mv.record_id = m.id
    LEFT JOIN change fc ON fc.id = mv.first_id
    WHERE m.done IS NULL AND {tripped} {_only(code)}
    """
    params = {
        "today": today,
        "due_soon_days": limits.due_soon_days,
        "slipped_amber_days": limits.slipped_amber_days,
        "code": code,
    }
    rows = conn.rows(sql, params, dates=("baseline", "forecast", "due", "first_forecast"))
    return [
        MilestoneFact(
            project=_ref(row),
            id=row["id"],
            name=row["name"],
            name_en=row["name_en"],
            due=row["due"],
            precision=row["due_precision"] or "day",
            baseline=row["baseline"],
            forecast=row["forecast"],
            lead_days=row["lead_days"],
            forecast_moves=int(row["forecast_moves"] or 0),
            first_forecast=row["first_forecast"],
        )
        for row in rows
    ]


def problem_facts(conn: PlainConnection, today: date, code: str | None = None) -> list[ProblemFact]:
    """Unresolved problems past their resolution deadline."""
    sql = f"""
    SELECT p.code, p.name AS project_name, p.name_en AS project_name_en,
           pr.id, pr.description, pr.due, pr.due_precision
    FROM problem pr JOIN project p ON p.id = pr.project_id
    WHERE pr.resolved IS NULL AND pr.due < :today {_only(code)}
    """
    rows = conn.rows(sql, {"today": today, "code": code}, dates=("due",))
    return [
        ProblemFact(_ref(r), r["id"], r["description"], r["due"], r["due_precision"] or "day")
        for r in rows
    ]


def _cents(value: Any) -> int | None:
    # PostgreSQL sums BIGINT into NUMERIC (Decimal); the sum of whole numbers stays whole.
    return None if value is None else int(value)


def project_rows(conn: PlainConnection, today: date, code: str | None = None) -> list[dict]:
    """One row a project: investment summed in SQL, the latest status day, the override."""
    sql = f"""
    WITH completed AS (
        SELECT r.project_id, SUM(r.amount_cents) AS completed_cents,
               SUM(CASE WHEN r.year = :year AND r.month <= :months THEN r.amount_cents END)
                   AS year_cents
        FROM investment_report r GROUP BY r.project_id
    ), latest AS (
        SELECT s.project_id, MAX(s.reported_on) AS last_status
        FROM status_update s GROUP BY s.project_id
    )
    SELECT p.id, p.code, p.name AS project_name, p.name_en AS project_name_en, p.stage,
           p.currency, p.baseline_start, p.actual_start, p.total_investment_cents,
           c.completed_cents, c.year_cents, pl.id AS plan_id, pl.year AS plan_year,
           pl.planned_cents, l.last_status, p.light_override, p.light_override_reason,
           p.light_override_by, p.light_override_on
    FROM project p
    LEFT JOIN completed c ON c.project_id = p.id
    LEFT JOIN investment_plan pl ON pl.project_id = p.id AND pl.year = :year
    LEFT JOIN latest l ON l.project_id = p.id
    WHERE 1 = 1 {_only(code)}
    ORDER BY p.code
    """
    params = {"year": today.year, "months": today.month - 1, "code": code}
    dates = ("baseline_start", "actual_start", "last_status", "light_override_on")
    return conn.rows(sql, params, dates=dates)


def project_fact(row: dict[str, Any]) -> ProjectFact:
    """A ProjectFact from a row of project_rows."""
    return ProjectFact(
        project=_ref(row),
        id=row["id"],
        stage=row["stage"],
        currency=row["currency"] or "CNY",
        baseline_start=row["baseline_start"],
        actual_start=row["actual_start"],
        total_cents=row["total_investment_cents"],
        completed_cents=_cents(row["completed_cents"]),
        plan_id=row["plan_id"],
        plan_year=row["plan_year"],
        planned_cents=row["planned_cents"],
        completed_this_year_cents=_cents(row["year_cents"]),
        last_status=row["last_status"],
    )


def override_of(row: dict[str, Any]) -> Override | None:
    """The officer's override in a row of project_rows, if any."""
    if not row["light_override"]:
        return None
    return Override(
        row["light_override"],
        row["light_override_reason"],
        row["light_override_by"],
        row["light_override_on"],
    )


def _alerts(
    conn: PlainConnection,
    today: date,
    limits: AlertThresholds,
    lang: str,
    code: str | None,
    rows: list[dict[str, Any]],
) -> list[Alert]:
    return evaluate(
        milestone_facts(conn, today, limits, code),
        problem_facts(conn, today, code),
        [project_fact(row) for row in rows],
        today,
        limits,
        lang,
    )


def load_alerts(
    conn: PlainConnection,
    today: date,
    thresholds: AlertThresholds | None = None,
    *,
    lang: str = "en",
    project: str | None = None,
) -> list[Alert]:
    """Every alert of the portfolio (or of one project), worst first."""
    limits = thresholds or AlertThresholds()
    return _alerts(conn, today, limits, lang, project, project_rows(conn, today, project))


def lights_and_alerts(
    conn: PlainConnection,
    today: date,
    thresholds: AlertThresholds | None = None,
    *,
    lang: str = "en",
    project: str | None = None,
) -> tuple[dict[str, ProjectLight], list[Alert]]:
    """Each project's light (by code, every project) and all alerts, from one set of reads."""
    limits = thresholds or AlertThresholds()
    rows = project_rows(conn, today, project)
    alerts = _alerts(conn, today, limits, lang, project, rows)
    by_project: dict[str, list[Alert]] = {row["code"]: [] for row in rows}
    for alert in alerts:
        by_project.setdefault(alert.project, []).append(alert)
    lights = {
        row["code"]: project_light(by_project[row["code"]], override_of(row), today, limits, lang)
        for row in rows
    }
    return lights, alerts


def project_lights(
    conn: PlainConnection,
    today: date,
    thresholds: AlertThresholds | None = None,
    *,
    lang: str = "en",
    project: str | None = None,
) -> dict[str, ProjectLight]:
    """Each project's light and its reasons, by project code: `(light, reasons)`."""
    return lights_and_alerts(conn, today, thresholds, lang=lang, project=project)[0]
