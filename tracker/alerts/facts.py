"""The facts the alert rules need, read in plain SQL (SQLite and PostgreSQL), and the alerts.

Hot read path: no ORM import. The database does the arithmetic (days left, slip, sums per
project) and returns only the milestones and problems that trip a rule, and one aggregated row
a project; the pure rules of rules.py, project_rules.py and lights.py then explain them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tracker.alerts.approval_rules import approval_alerts
from tracker.alerts.enrolment import enrolment_alerts
from tracker.alerts.escalation import response_alert
from tracker.alerts.lights import Override, ProjectLight, evaluate, project_light, worst_first
from tracker.alerts.rules import Alert, MilestoneFact, ProblemFact, ProjectFact, ProjectRef
from tracker.config.settings_file import AlertThresholds
from tracker.store.read.escalation_reads import overdue_responses
from tracker.store.read.plainsql import DayReader, PlainConnection
from tracker.store.read.queries import DUE, DUE_PRECISION, days_between, join_latest_status
from tracker.store.read.year_completed import completed_through, schedule_months

FORECAST_MOVES = """
    SELECT c.record_id, COUNT(*) AS forecast_moves, MIN(c.id) AS first_id
    FROM change c
    WHERE c.record = 'milestone' AND c.field = 'forecast'
      AND c.old IS NOT NULL AND c.new IS NOT NULL
    GROUP BY c.record_id
"""
"""How often each milestone's forecast moved, and its first move, from the audit trail (on the
index ix_change_record_field, not a pass over the whole trail)."""


def _only(code: str | None, column: str = "p.code") -> str:
    return "" if code is None else f"AND {column} = :code"


def _of_project(code: str | None, column: str) -> str:
    return "" if code is None else f"AND {column} = (SELECT id FROM project WHERE code = :code)"


def _ref(row: dict[str, Any]) -> ProjectRef:
    return ProjectRef(row["code"], row["project_name"], row["project_name_en"])


def project_refs(conn: PlainConnection, code: str | None = None) -> dict[int, ProjectRef]:
    """Each project's code and names, by project id."""
    sql = f"SELECT p.id, p.code, p.name, p.name_en FROM project p WHERE 1 = 1 {_only(code)}"
    return {
        id_: ProjectRef(code_, name, name_en)
        for id_, code_, name, name_en in conn.tuples(sql, {"code": code})
    }


def milestone_facts(
    conn: PlainConnection,
    today: date,
    limits: AlertThresholds,
    code: str | None = None,
    refs: dict[int, ProjectRef] | None = None,
) -> list[MilestoneFact]:
    """Open milestones that are overdue, within their lead time, or slipped past the amber mark.

    `refs` (by project id, as project_refs gives them) saves reading the projects again.
    """
    sqlite = conn.dialect == "sqlite"
    left = days_between(conn, DUE, ":today")
    soon = ":soon_until" if sqlite else "CAST(:soon_until AS DATE)"
    slip = days_between(conn, "m.forecast", "m.baseline")
    # Most milestones keep the default lead time: their test is a comparison of ISO days, with
    # no date arithmetic in the row (SQLite's date functions cost more than the scan itself).
    tripped = f"""(
        (m.lead_days IS NULL AND {DUE} <= {soon})
        OR (m.lead_days IS NOT NULL AND {left} <= m.lead_days)
        OR (m.forecast IS NOT NULL AND m.baseline IS NOT NULL AND {slip} > :slipped_amber_days)
    )"""
    # The slip test looks at every open milestone: on SQLite one pass over the table is several
    # times faster than the partial due-day index's row-by-row lookups.
    every_open = "NOT INDEXED" if conn.dialect == "sqlite" else ""
    sql = f"""
    WITH moves AS ({FORECAST_MOVES})
    SELECT m.project_id, m.id, m.name, {DUE}, {DUE_PRECISION}, m.baseline, m.forecast,
           m.lead_days, m.name_en, mv.forecast_moves, fc.old
    FROM milestone m {every_open}
    LEFT JOIN moves mv ON mv.record_id = m.id
    LEFT JOIN change fc ON fc.id = mv.first_id
    WHERE m.done IS NULL AND {tripped} {_of_project(code, "m.project_id")}
    """
    params = {
        "today": today,
        "soon_until": today + timedelta(days=limits.due_soon_days),
        "slipped_amber_days": limits.slipped_amber_days,
        "code": code,
    }
    projects = project_refs(conn, code) if refs is None else refs
    day = DayReader()
    return [
        MilestoneFact(
            projects[project_id],
            id_,
            name,
            day(due),
            precision or "day",
            day(baseline),
            day(forecast),
            lead,
            name_en,
            int(moves or 0),
            day(first),
        )
        for (
            project_id,
            id_,
            name,
            due,
            precision,
            baseline,
            forecast,
            lead,
            name_en,
            moves,
            first,
        ) in conn.tuples(sql, params)
    ]


def problem_facts(
    conn: PlainConnection,
    today: date,
    code: str | None = None,
    refs: dict[int, ProjectRef] | None = None,
) -> list[ProblemFact]:
    """Unresolved problems past their resolution deadline."""
    sql = f"""
    SELECT pr.project_id, pr.id, pr.description, pr.due, pr.due_precision
    FROM problem pr
    WHERE pr.resolved IS NULL AND pr.due < :today {_of_project(code, "pr.project_id")}
    """
    projects = project_refs(conn, code) if refs is None else refs
    day = DayReader()
    return [
        ProblemFact(projects[project_id], id_, description, day(due), precision or "day")
        for project_id, id_, description, due, precision in conn.tuples(
            sql, {"today": today, "code": code}
        )
    ]


def _cents(value: Any) -> int | None:
    # PostgreSQL sums BIGINT into NUMERIC (Decimal); the sum of whole numbers stays whole.
    return None if value is None else int(value)


def project_rows(conn: PlainConnection, today: date, code: str | None = None) -> list[dict]:
    """One row a project: investment summed in SQL, the latest status day, the override."""
    sql = f"""
    WITH completed AS (
        SELECT r.project_id, SUM(r.amount_cents) AS completed_cents,
               SUM({completed_through()}) AS year_cents
        FROM investment_report r GROUP BY r.project_id
    )
    SELECT p.id, p.code, p.name AS project_name, p.name_en AS project_name_en, p.stage,
           p.currency, p.baseline_start, p.actual_start, p.total_investment_cents,
           c.completed_cents, c.year_cents, pl.id AS plan_id, pl.year AS plan_year,
           pl.planned_cents, ls.reported_on AS last_status, p.light_override,
           p.light_override_reason, p.light_override_by, p.light_override_on
    FROM project p
    LEFT JOIN completed c ON c.project_id = p.id
    LEFT JOIN investment_plan pl ON pl.project_id = p.id AND pl.year = :year
    {join_latest_status()}
    WHERE 1 = 1 {_only(code)}
    ORDER BY p.code
    """
    # 序时进度: the alert rule compares the plan with the months gone in full.
    params = {"year": today.year, "through": schedule_months(today), "code": code}
    dates = ("baseline_start", "actual_start", "last_status", "light_override_on")
    return conn.rows(sql, params, dates=dates)


def project_fact(row: dict[str, Any], ref: ProjectRef | None = None) -> ProjectFact:
    """A ProjectFact from a row of project_rows (and the project's ref, if already made)."""
    return ProjectFact(
        project=_ref(row) if ref is None else ref,
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
    refs = {row["id"]: _ref(row) for row in rows}
    alerts = evaluate(
        milestone_facts(conn, today, limits, code, refs),
        problem_facts(conn, today, code, refs),
        [project_fact(row, refs[row["id"]]) for row in rows],
        today,
        limits,
        lang,
    )
    # 入库纳统 (issue #16): the started projects not enrolled in the statistics.
    enrolment = enrolment_alerts(conn, today, limits, lang, code)
    # 前期手续 (issue #16): approval items overdue, approvals open near the planned start.
    approvals = approval_alerts(conn, today, limits, refs, lang, code)
    # 督办 (issue #17): instruments of the escalation ladder whose answer is overdue.
    responses = [
        response_alert(row, today, limits, lang) for row in overdue_responses(conn, today, code)
    ]
    more = enrolment + approvals + responses
    return worst_first(alerts + more) if more else alerts


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
