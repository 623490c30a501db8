"""The weekly report as CSV: one row per project, UTF-8 with a BOM so Excel reads Chinese.

The reality check's P80 cost and finish come after the columns of the first release, and the
steering columns (issue #16: leader, library, programmes, approval items open and overdue)
after them, so every column keeps its place for scripts that read by position.

Amounts are exact numbers in 万元 (zh) or yuan (en); shares are percentages. Text that users
typed and that begins with = + - or @ gets a leading apostrophe, so no spreadsheet runs it as a
formula; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from tracker.core.formula import neutral
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.contents import ProjectLine, WeeklyReport
from tracker.reports.formatting import (
    amount_unit,
    deadline_text,
    joined,
    light_text,
    named,
    paren,
    percent,
    plan_label,
    year_to_date_label,
)

BOM = "\ufeff"


def guard(text: str | None) -> str:
    """Text as a spreadsheet must show it: never a formula (tracker.core.formula)."""
    return neutral(text)


def amount_number(cents: int | None, lang: str) -> str:
    """An exact amount in 万 (zh) or in the currency's unit (en); empty when unknown."""
    if cents is None:
        return ""
    value = Decimal(cents).scaleb(-6 if lang == "zh" else -2)
    return f"{value.normalize():f}" if value else "0"


def _number(value: object) -> str:
    return "" if value is None else str(value)


def headers(report: WeeklyReport, lang: str) -> list[str]:
    """The column headings, with the unit of amounts."""
    unit = amount_unit(report, lang)
    s = report.summary

    def money(key: str) -> str:
        return key + paren(unit, lang)

    return [
        label("code", lang),
        label("name", lang),
        label("light", lang),
        tr(lang, "why"),
        label("stage", lang),
        label("next_milestone", lang),
        label("due", lang),
        label("days_left", lang),
        tr(lang, "currency"),
        money(label("total_investment", lang)),
        money(plan_label(s.year, lang)),
        money(year_to_date_label(s.year, s.through_month, lang)),
        tr(lang, "share of annual plan") + "%",
        money(tr(lang, "since start")),
        tr(lang, "share of total") + "%",
        money(tr(lang, "funds in place")),
        tr(lang, "status of"),
        tr(lang, "latest status"),
        tr(lang, "open problems"),
        money(tr(lang, "P80 cost")),
        tr(lang, "P80 finish"),
        *(steering_headers(lang) if report.steering is not None else []),
    ]


def row(p: ProjectLine, lang: str) -> list[str]:
    """One project's cells."""
    inv = p.investment
    nxt = p.next_milestone
    return [
        guard(p.code),
        guard(named(lang, p.name, p.name_en)),
        light_text(p.light, lang),
        guard(joined(list(p.light_reasons), lang)),
        label(p.stage, lang),
        "" if nxt is None else guard(named(lang, nxt.name, nxt.name_en)),
        "" if nxt is None else deadline_text(nxt.due, lang),
        "" if nxt is None else _number(nxt.days_left),
        inv.currency,
        amount_number(inv.total_cents, lang),
        amount_number(inv.plan_cents, lang),
        amount_number(inv.year_to_date_cents, lang),
        _number(percent(inv.share_of_plan)),
        amount_number(inv.since_start_cents, lang),
        _number(percent(inv.share_of_total)),
        amount_number(inv.funds_in_place_cents, lang),
        "" if p.status_on is None else p.status_on.isoformat(),
        guard(p.narrative),
        guard(joined([q.description for q in p.open_problems], lang)),
        amount_number(p.p80.cost_cents, lang),
        "" if p.p80.finish is None else p.p80.finish.isoformat(),
    ]


def steering_headers(lang: str) -> list[str]:
    """The steering columns (issue #16), after the P80 ones."""
    return [
        label("leader", lang),
        label("library", lang),
        label("programme", lang),
        tr(lang, "approvals open"),
        tr(lang, "approvals overdue"),
    ]


def steering_cells(facts: dict[str, Any] | None, lang: str) -> list[str]:
    """A project's steering cells: leader, library, current programmes, approval items open
    and past their planned day."""
    if facts is None:
        return ["", "", "", "0", "0"]
    programmes = [f"{label(p, lang)} {year}" for p, year in facts["programmes"]]
    return [
        guard(facts["leader"]),
        "" if facts["library"] is None else label(facts["library"], lang),
        guard(joined(programmes, lang)),
        str(facts["approvals_open"]),
        str(facts["approvals_overdue"]),
    ]


def render_csv(report: WeeklyReport, lang: str) -> str:
    """The whole report as CSV text, starting with the BOM."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers(report, lang))
    steering = None if report.steering is None else report.steering.by_project
    for p in report.projects:
        cells = row(p, lang)
        if steering is not None:
            cells += steering_cells(steering.get(p.code), lang)
        writer.writerow(cells)
    return BOM + out.getvalue()
