"""What the project screen computes from a project's file: its facts as shown, and its
investment year by year (plain values, no Textual)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.formatting import money
from tracker.tui import formats
from tracker.tui.ledger import ProjectFile

FACTS = (
    "unit",
    "officer",
    "owner_org",
    "location",
    "category",
    "stage",
    "total_investment",
    "baseline_start",
    "baseline_finish",
    "forecast_finish",
    "actual_start",
    "actual_finish",
    "scale",
    "sources",
    "notes",
    "leader",
    "library",
    "programme",
    "enrolled_on",
    "enrolled_cents",
)


def fact_text(project: dict[str, Any], key: str, lang: str) -> str:
    """One fact of a project as shown."""
    if key == "total_investment":
        return money(project["total_investment_cents"], project["currency"], lang)
    if key in ("category", "stage"):
        return formats.stage(project[key], lang)
    if key in ("baseline_start", "baseline_finish", "forecast_finish"):
        return formats.deadline(project[key], project[f"{key}_precision"], lang)
    if key in ("actual_start", "actual_finish", "enrolled_on"):
        return formats.deadline(project[key], "day", lang)
    if key == "enrolled_cents":
        return money(project[key], project["currency"], lang)
    if key == "library":
        return "—" if project[key] is None else label(project[key], lang)
    if key == "programme":
        shown = [f"{label(p['programme'], lang)} {p['year']}" for p in project["programmes"]]
        return ", ".join(shown) or "—"
    return str(project[key] or "—")


def yearly(
    file: ProjectFile, year: int, through: int | None
) -> list[tuple[int, int | None, int | None, int | None]]:
    """Per year: plan, completed, and completed as whole % of plan. Completed is the sum of the
    year's months; for `year` (this one) of months 1 … `through`, its 1–N月累计 as the weekly
    report gives it (store.read.year_completed.reported_month; None: no month yet). A year
    with no month reported has no completed figure (None, shown "—"), not 0."""
    done: dict[int, int] = {}
    for report in file.reports:
        if report["year"] == year and report["month"] > (through or 0):
            continue
        done[report["year"]] = done.get(report["year"], 0) + (report["amount_cents"] or 0)
    plans = {plan["year"]: plan["planned_cents"] for plan in file.plans}
    rows: list[tuple[int, int | None, int | None, int | None]] = []
    for each in sorted(set(done) | set(plans)):
        plan, completed = plans.get(each), done.get(each)
        share = completed * 100 // plan if plan and completed is not None else None
        rows.append((each, plan, completed, share))
    return rows


def status_table(file: ProjectFile, lang: str) -> tuple[list[str], list[tuple[Any, list[Any]]]]:
    """The status history tab's column titles and rows: day, light, narrative, author."""
    rows: list[tuple[Any, list[Any]]] = [
        (
            s["id"],
            [
                formats.deadline(s["reported_on"], "day", lang),
                Text(
                    formats.light_mark(s["light"], lang),
                    formats.LIGHT_STYLES.get(s["light"]) or "",
                ),
                Text(s["narrative"] or "—", overflow="fold"),
                s["author"] or "—",
            ],
        )
        for s in file.statuses
    ]
    headers = [tr(lang, "date"), label("light", lang), tr(lang, "narrative"), tr(lang, "author")]
    return headers, rows
