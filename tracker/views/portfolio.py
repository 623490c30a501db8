"""The portfolio as plain data in the stable JSON contract (`projects`, `show`, `log`).

Built from the rows of store/read/queries.py; later features add keys, never rename them.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.core.days import slip_days
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection

if TYPE_CHECKING:
    from tracker.alerts.lights import ProjectLight
    from tracker.config.settings_file import AlertThresholds


def iso(value: date | None) -> str | None:
    """A date as ISO text, or None."""
    return None if value is None else value.isoformat()


def amount_text(cents: int | None) -> str | None:
    """Minor units as a decimal string in the currency's unit ("9500000000", "1234.56")."""
    if cents is None:
        return None
    value = Decimal(cents) / 100
    return (
        str(value.quantize(Decimal(1)))
        if cents % 100 == 0
        else str(value.quantize(Decimal("0.01")))
    )


def project_summary(
    row: dict[str, Any],
    today: date,
    light: ProjectLight | None = None,
    alerts: int | None = None,
) -> dict[str, Any]:
    """One project of `projects --format json`; `light` and `alerts` from the alert rules."""
    cents = row["total_investment_cents"]
    currency = row["currency"] or "CNY"
    next_due: date | None = row["next_due"]
    return {
        "code": row["code"],
        "name": row["name"],
        "name_en": row["name_en"],
        "category": row["category"],
        "stage": row["stage"],
        "unit": row["unit"],
        "officer": row["officer"],
        "total_investment": amount_text(cents),
        "currency": currency,
        "total_investment_yuan": cents // 100 if cents is not None and currency == "CNY" else None,
        "baseline_finish": iso(row["baseline_finish"]),
        "baseline_finish_precision": row["baseline_finish_precision"],
        "forecast_finish": iso(row["forecast_finish"]),
        "forecast_finish_precision": row["forecast_finish_precision"],
        "light": None if light is None else light.light,
        "light_reasons": [] if light is None else list(light.reasons),
        "alerts": alerts,
        "light_override": row["light_override"],
        "last_status": iso(row["status_on"]),
        "next_milestone": None
        if next_due is None
        else {
            "name": row["next_name"],
            "name_en": row["next_name_en"],
            "due": next_due.isoformat(),
            "precision": row["next_precision"],
            "days_left": (next_due - today).days,
        },
    }


def portfolio(
    conn: PlainConnection,
    today: date,
    thresholds: AlertThresholds | None = None,
    lang: str = "en",
) -> list[dict[str, Any]]:
    """Every project in the JSON contract, ordered by code, with its light and alert count."""
    from tracker.alerts.facts import lights_and_alerts

    lights, alerts = lights_and_alerts(conn, today, thresholds, lang=lang)
    counts = Counter(alert.project for alert in alerts)
    rows = queries.projects(conn)
    projects = [
        project_summary(row, today, lights.get(row["code"]), counts[row["code"]]) for row in rows
    ]
    # The steering keys (issue #16): owner, leader, library, programmes, enrolment.
    from tracker.views.project_steering import with_steering

    for project, row in zip(projects, rows, strict=True):
        project["owner_org"] = row["owner_org"]
    with_steering(conn, projects, [row["id"] for row in rows])
    return projects


def project_detail(
    conn: PlainConnection,
    row: dict[str, Any],
    today: date,
    thresholds: AlertThresholds | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """One project with its facts and milestones (`show CODE --format json`)."""
    from tracker.alerts.facts import lights_and_alerts

    lights, alerts = lights_and_alerts(conn, today, thresholds, lang=lang, project=row["code"])
    detail = project_summary(row, today, lights.get(row["code"]), len(alerts))
    detail.update(
        location=row["location"],
        scale=row["scale"],
        owner_org=row["owner_org"],
        baseline_start=iso(row["baseline_start"]),
        baseline_start_precision=row["baseline_start_precision"],
        actual_start=iso(row["actual_start"]),
        actual_finish=iso(row["actual_finish"]),
        sources=row["sources"],
        notes=row["notes"],
        light_override_reason=row["light_override_reason"],
        light_override_by=row["light_override_by"],
        light_override_on=iso(row["light_override_on"]),
        milestones=[milestone_entry(m, today) for m in queries.milestones(conn, row["id"])],
    )
    from tracker.views.project_steering import with_steering

    with_steering(conn, [detail], [row["id"]])
    return detail


def milestone_entry(row: dict[str, Any], today: date) -> dict[str, Any]:
    """One milestone in the JSON contract; `precision` is that of the day it falls due."""
    due: date | None = row["due"]
    return {
        "id": row["id"],
        "name": row["name"],
        "name_en": row["name_en"],
        "baseline": iso(row["baseline"]),
        "baseline_precision": row["baseline_precision"],
        "forecast": iso(row["forecast"]),
        "forecast_precision": row["forecast_precision"],
        "done": iso(row["done"]),
        "done_precision": row["done_precision"],
        "due": iso(due),
        "precision": row["due_precision"],
        "days_left": None if due is None or row["done"] else (due - today).days,
        "slip_days": slip_days(
            row["baseline"], row["forecast"], row["done"], row["baseline_precision"]
        ),
        "owner": row["owner"],
        "lead_days": row["lead_days"],
        "note": row["note"],
        "illustrative": bool(row["illustrative"]),
        "completion": bool(row["completion"]),
        "version": row["version"],
    }


def moment(value: Any) -> datetime:
    """An audit-trail moment from either driver, as an aware UTC datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def change_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One audit-trail entry of `log --format json`."""
    return {
        "id": row["id"],
        "at": moment(row["at"]).isoformat(timespec="seconds"),
        "user": row["author"],
        "project": row["project_code"],
        "record": row["record"],
        "record_id": row["record_id"],
        "field": row["field"],
        "old": row["old"],
        "new": row["new"],
    }
