"""Each project's figures as first recorded and as they stand now, from the audit trail (plain SQL).

The audit trail holds every change of a project's fields with the old and the new value; a value
a project was created with shows as the `old` of its first change, or, never changed, as the
current value. So for each figure: first recorded = the first known value of that sequence;
latest = the value now. A project's finish is first its baseline finish (else, with no baseline
ever, its forecast finish); its latest is its actual finish, else its forecast, else its baseline.
A project's report days are those of its status updates (for imported GMPP data, the as-of day
of each year's file); its record days those of its audit trail.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.store.read.plainsql import PlainConnection, as_date
from tracker.views.portfolio import moment

_FIGURES = ("total_investment_cents", "baseline_finish", "forecast_finish", "actual_finish")
# Judgements about a project, not records of it: they do not make it recorded again.
_NOT_RECORDS = (
    "project_type",
    "light_override",
    "light_override_reason",
    "light_override_by",
    "light_override_on",
    # Who steers it, its library and its statistics enrolment (issue #16): steering, not a
    # recording of its cost or finish.
    "leader_id",
    "library",
    "enrolled_on",
    "enrolled_cents",
)
_NOT_RECORDS_SQL = ", ".join(f"'{f}'" for f in _NOT_RECORDS)


@dataclass(frozen=True, slots=True)
class ProjectHistory:
    """One project's first-recorded and latest cost and finish, and when it was recorded."""

    code: str
    category: str
    currency: str
    first_cost_cents: int | None
    latest_cost_cents: int | None
    first_finish: date | None
    latest_finish: date | None
    first_recorded: date | None
    last_recorded: date | None
    recordings: int
    first_reported: date | None = None
    last_reported: date | None = None


def project_facts(conn: PlainConnection, code: str | None = None) -> list[dict[str, Any]]:
    """The facts a forecast needs, for every project (or the one with `code`), by code."""
    sql = f"""
    SELECT p.code, p.name, p.name_en, p.category, p.project_type, p.stage, p.currency,
           p.total_investment_cents, p.baseline_start, p.actual_start, p.baseline_finish,
           p.forecast_finish, p.actual_finish
    FROM project p {"WHERE p.code = :code" if code is not None else ""}
    ORDER BY p.code
    """
    dates = (
        "baseline_start",
        "actual_start",
        "baseline_finish",
        "forecast_finish",
        "actual_finish",
    )
    return conn.rows(sql, {"code": code}, dates=dates)


def histories(
    conn: PlainConnection, facts: list[dict[str, Any]] | None = None
) -> list[ProjectHistory]:
    """Every project's history of cost and finish, by code (`facts`: `project_facts(conn)`,
    when the caller has read them already)."""
    trail: dict[str, dict[str, list[tuple[str | None, str | None]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in conn.rows(
        f"""
        SELECT c.project_code, c.field, c.old, c.new FROM change c
        WHERE c.record = 'project' AND c.field IN ({", ".join(f"'{f}'" for f in _FIGURES)})
        ORDER BY c.project_code, c.at, c.id
        """
    ):
        trail[row["project_code"]][row["field"]].append((row["old"], row["new"]))
    recorded = {
        row["project_code"]: row
        for row in conn.rows(
            f"""
            SELECT c.project_code, MIN(c.at) AS first_at, MAX(c.at) AS last_at,
                   COUNT(DISTINCT c.at) AS recordings
            FROM change c
            WHERE c.record = 'project' AND c.field NOT IN ({_NOT_RECORDS_SQL})
            GROUP BY c.project_code
            """
        )
    }
    reported = {
        row["code"]: (row["first_on"], row["last_on"])
        for row in conn.rows(
            """
            SELECT p.code, MIN(s.reported_on) AS first_on, MAX(s.reported_on) AS last_on
            FROM status_update s JOIN project p ON p.id = s.project_id GROUP BY p.code
            """,
            dates=("first_on", "last_on"),
        )
    }
    return [
        _history(
            row,
            trail.get(row["code"], {}),
            recorded.get(row["code"]),
            reported.get(row["code"], (None, None)),
        )
        for row in (project_facts(conn) if facts is None else facts)
    ]


def _history(
    row: dict[str, Any],
    trail: dict[str, list[tuple[str | None, str | None]]],
    recorded: dict[str, Any] | None,
    reported: tuple[date | None, date | None],
) -> ProjectHistory:
    def first(field: str) -> str | None:
        changes = trail.get(field, [])
        values = [changes[0][0], *(new for _, new in changes)] if changes else [row[field]]
        return next((str(v) for v in values if v is not None), None)

    first_cost = first("total_investment_cents")
    first_finish = first("baseline_finish") or first("forecast_finish")
    latest_finish = row["actual_finish"] or row["forecast_finish"] or row["baseline_finish"]
    return ProjectHistory(
        code=row["code"],
        category=row["category"],
        currency=row["currency"] or "CNY",
        first_cost_cents=None if first_cost is None else int(first_cost),
        latest_cost_cents=row["total_investment_cents"],
        first_finish=as_date(first_finish),
        latest_finish=latest_finish,
        first_recorded=None if recorded is None else moment(recorded["first_at"]).date(),
        last_recorded=None if recorded is None else moment(recorded["last_at"]).date(),
        recordings=0 if recorded is None else int(recorded["recordings"]),
        first_reported=reported[0],
        last_reported=reported[1],
    )
