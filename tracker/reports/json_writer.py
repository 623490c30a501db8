"""The weekly report as JSON: everything, with the keys of the CLI's JSON contract.

Amounts are decimal strings in the currency's unit (as `projects --format json` gives
`total_investment`), shares percentages with one decimal, days ISO with their precision. Each
project's `p80` is the reality check's P80 cost and finish (tracker forecast), with their basis.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.core.dates import Deadline
from tracker.reports.contents import (
    ChangeLine,
    DueLine,
    Investment,
    MilestoneLine,
    MoneyTotals,
    ProjectLine,
    WeeklyReport,
)
from tracker.reports.formatting import percent
from tracker.views.portfolio import amount_text
from tracker.views.rates_view import rates_entry


def _day(day: Deadline | None) -> str | None:
    return None if day is None else day.due.isoformat()


def _precision(day: Deadline | None) -> str | None:
    return None if day is None else day.precision.value


def _percent(share: Any) -> float | None:
    value = percent(share)
    return None if value is None else float(value)


def milestone_entry(m: MilestoneLine) -> dict[str, Any]:
    """One milestone, with the keys of `milestone list --format json`."""
    return {
        "name": m.name,
        "name_en": m.name_en,
        "baseline": _day(m.baseline),
        "baseline_precision": _precision(m.baseline),
        "forecast": _day(m.forecast),
        "forecast_precision": _precision(m.forecast),
        "done": _day(m.done),
        "done_precision": _precision(m.done),
        "due": _day(m.due),
        "precision": _precision(m.due),
        "days_left": m.days_left,
        "slip_days": m.slip_days,
        "owner": m.owner,
        "illustrative": m.illustrative,
    }


def _investment(i: Investment) -> dict[str, Any]:
    return {
        "currency": i.currency,
        "total_investment": amount_text(i.total_cents),
        "annual_plan": amount_text(i.plan_cents),
        "year_to_date": amount_text(i.year_to_date_cents),
        "share_of_plan": _percent(i.share_of_plan),
        "since_start": amount_text(i.since_start_cents),
        "share_of_total": _percent(i.share_of_total),
        "funds_in_place": amount_text(i.funds_in_place_cents),
        "months": [amount_text(m) for m in i.months],
        "progress_target": i.progress_target,
    }


def _project(p: ProjectLine) -> dict[str, Any]:
    nxt = p.next_milestone
    return {
        "code": p.code,
        "name": p.name,
        "name_en": p.name_en,
        "category": p.category,
        "stage": p.stage,
        "unit": p.unit,
        "officer": p.officer,
        "light": p.light,
        "light_reasons": list(p.light_reasons),
        "next_milestone": None
        if nxt is None
        else {
            "name": nxt.name,
            "name_en": nxt.name_en,
            "due": _day(nxt.due),
            "precision": _precision(nxt.due),
            "days_left": nxt.days_left,
        },
        "forecast_finish": _day(p.forecast_finish),
        "forecast_finish_precision": _precision(p.forecast_finish),
        "investment": _investment(p.investment),
        "p80": {
            "cost": amount_text(p.p80.cost_cents),
            "finish": None if p.p80.finish is None else p.p80.finish.isoformat(),
            "basis": {"cost": p.p80.cost_basis, "finish": p.p80.finish_basis},
        },
        "last_status": None if p.status_on is None else p.status_on.isoformat(),
        "narrative": p.narrative,
        "open_problems": [
            {
                "description": q.description,
                "owner": q.owner,
                "due": _day(q.due),
                "precision": _precision(q.due),
                "days_left": q.days_left,
            }
            for q in p.open_problems
        ],
        "milestones": [milestone_entry(m) for m in p.milestones],
    }


def _money(m: MoneyTotals) -> dict[str, Any]:
    return {
        "currency": m.currency,
        "projects": m.projects,
        "total_investment": amount_text(m.total_cents),
        "projects_with_total": m.projects_with_total,
        "projects_with_plan": m.projects_with_plan,
        "projects_with_year_to_date": m.projects_with_year_to_date,
        "projects_with_since_start": m.projects_with_since_start,
        "annual_plan": amount_text(m.plan_cents),
        "year_to_date": amount_text(m.year_to_date_cents),
        "share_of_plan": _percent(m.share_of_plan),
        "since_start": amount_text(m.since_start_cents),
        "share_of_total": _percent(m.share_of_total),
    }


def _change(c: ChangeLine) -> dict[str, Any]:
    return {
        "project": c.project,
        "project_name": c.project_name,
        "kind": c.kind,
        "item": c.item,
        "item_en": c.item_en,
        "old": c.old,
        "new": c.new,
        "old_precision": c.old_precision,
        "new_precision": c.new_precision,
        "days": c.days,
        "milestones": c.milestones,
        "at": c.at.isoformat(timespec="seconds"),
    }


def _due(d: DueLine) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "project": d.project,
        "project_name": d.project_name,
        "item": d.item,
        "item_en": d.item_en,
        "due": _day(d.due),
        "precision": _precision(d.due),
        "days_left": d.days_left,
    }


def report_dict(report: WeeklyReport, lang: str = "en") -> dict[str, Any]:
    """The report as plain JSON-ready data; `lang` words the rates' reasons."""
    s = report.summary
    return {
        "week": report.week,
        "week_start": report.monday.isoformat(),
        "week_end": report.sunday.isoformat(),
        "as_of": report.as_of.isoformat(),
        "timezone": report.timezone,
        "summary": {
            "projects": s.projects,
            "by_light": {light or "none": n for light, n in s.by_light},
            "by_stage": dict(s.by_stage),
            "year": s.year,
            "through_month": s.through_month,
            "time_elapsed": _percent(s.time_elapsed),
            "money": [_money(m) for m in s.money],
            "rates": None if s.rates is None else rates_entry(s.rates, lang),
        },
        "projects": [_project(p) for p in report.projects],
        "changes": [_change(c) for c in report.changes],
        "coming_up": [_due(d) for d in report.coming_up],
        "light_weeks": [
            {"week": w.week, **{light or "none": n for light, n in w.by_light}}
            for w in report.light_weeks
        ],
        **({} if report.steering is None else {"steering": report.steering.section}),
    }


def render_json(report: WeeklyReport, lang: str) -> str:
    """The whole report as JSON text (UTF-8, not escaped); `lang` worded the light reasons."""
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"
