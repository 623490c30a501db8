"""The formatting every writer of the weekly report shares: names, days, money, shares, and the
few words whose text depends on a value (a change's kind, a heading with the year).

Every word goes through the message catalogue (tracker.i18n.catalogue); amounts are shown in
万元 / 亿元 (zh) or CNY (en) by tracker.core.money; days at their precision by
tracker.core.dates; a share as a percentage with one decimal, rounded half up. The terminal UI
uses the same `money` and `ptr`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from tracker.core.dates import Deadline
from tracker.core.money import format_amount
from tracker.i18n.catalogue import catalogue, tr
from tracker.i18n.glossary import label

if TYPE_CHECKING:
    # Only named in annotations: the TUI's first paint shares this module, not the report.
    from tracker.reports.contents import ChangeLine, WeeklyReport

DASH = "—"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CHANGE_KINDS = {
    "done": "milestone done",
    "forecast_moved": "forecast moved",
    "light_changed": "light changed",
    "problem_opened": "problem opened",
    "problem_resolved": "problem resolved",
    "status_update": "status update",
    "created": "added",
}
"""Each kind of change of the week, by its English message id."""


def ptr(lang: str, context: str, message: str, /, **values: object) -> str:
    """`message` in `lang` as `context` means it (gettext's msgctxt), for an English word that
    another part of the interface translates differently ("change", "problem")."""
    text = catalogue(lang).pgettext(context, message)
    return text.format(**values) if values else text


def change_kind(kind: str, lang: str) -> str:
    """A change's kind as the report names it: 节点完成 / milestone done."""
    return tr(lang, CHANGE_KINDS[kind])


def item_kind(kind: str, lang: str) -> str:
    """What falls due, a milestone or a problem: 节点 / 问题."""
    return ptr(lang, "what falls due", kind)


def named(lang: str, name: str | None, name_en: str | None) -> str:
    """The Chinese name, or in English the English name when there is one."""
    if lang == "en" and name_en:
        return name_en
    return name or DASH


def deadline_text(deadline: Deadline | None, lang: str) -> str:
    """A deadline at its precision (2027年3月, Mar 2027), or a dash."""
    return DASH if deadline is None else deadline.label(lang)


def plain_day(day: date | None, lang: str) -> str:
    """A plain day such as a status update's, or a dash."""
    return DASH if day is None else Deadline.of(day, "day").label(lang)


def iso_day_text(iso: str | None, precision: str | None, lang: str) -> str:
    """An ISO day from the audit trail at its precision, or a dash."""
    if iso is None:
        return DASH
    return Deadline.of(date.fromisoformat(iso[:10]), precision or "day").label(lang)


def money(cents: int | None, currency: str | None, lang: str) -> str:
    """An amount as the report and the TUI show it (95.00亿元, CNY 9.50 bn); unknown is a dash.
    A project without a currency is in CNY."""
    return format_amount(cents, currency or "CNY", lang)


def covered_money(cents: int | None, currency: str | None, known: int, of: int, lang: str) -> str:
    """A total and how many of its projects it covers when not all: 95.00亿元（14个项目中已知1个）,
    CNY 9.50 bn, 1 of 14 known; a dash when none is known."""
    amount = money(cents, currency, lang)
    if cents is None or known >= of:
        return amount
    return tr(
        lang, "{amount}, {known} of {projects} known", amount=amount, known=known, projects=of
    )


def percent(share: Decimal | None) -> Decimal | None:
    """A share as a percentage with one decimal, rounded half up (0.7775 -> 77.8)."""
    if share is None:
        return None
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent_text(share: Decimal | None) -> str:
    """A share as text: 77.8%, or a dash."""
    value = percent(share)
    return DASH if value is None else f"{value}%"


def light_text(light: str | None, lang: str) -> str:
    """红灯 / red, or 未亮灯 / no light."""
    return tr(lang, "no light") if light is None else label(light, lang)


def light_weeks_caption(weeks: int, lang: str) -> str:
    """The title of the portfolio's lights week by week, saying they are the recorded ones
    (not the alert rules' lights of the headline), in every format."""
    return tr(
        lang,
        "Lights as recorded (status updates, overrides) at the end of each of the last {n} weeks",
        n=weeks,
    )


def plan_label(year: int, lang: str) -> str:
    """The 2026年度计划投资 heading ("2026 annual plan")."""
    return tr(lang, "{year} annual plan", year=year)


def year_to_date_label(year: int, through: int | None, lang: str) -> str:
    """The 1–N月累计完成 heading ("completed Jan–Oct 2026")."""
    if through is None:
        return tr(lang, "completed in {year}", year=year)
    month = _MONTHS_EN[through - 1]
    return tr(lang, "completed Jan–{month} {year}", month=month, through=through, year=year)


def week_dates(report: WeeklyReport, lang: str) -> str:
    """The week's Monday to Sunday."""
    monday = Deadline.of(report.monday, "day").label(lang)
    sunday = Deadline.of(report.sunday, "day").label(lang)
    return tr(lang, "{monday} – {sunday}", monday=monday, sunday=sunday)


def change_values(change: ChangeLine, lang: str) -> tuple[str, str]:
    """A change's old and new value, worded for its kind."""
    if change.kind in ("light_changed", "status_update"):
        return (
            DASH if change.old is None else light_text(change.old, lang),
            light_text(change.new, lang),
        )
    if change.kind == "created":
        added = label(change.new or "", lang)
        if change.milestones:
            added += paren(tr(lang, "with {n} milestones", n=change.milestones), lang)
        return DASH, added
    return (
        iso_day_text(change.old, change.old_precision, lang),
        iso_day_text(change.new, change.new_precision, lang),
    )


def change_item(change: ChangeLine, lang: str) -> str:
    """What changed: the milestone, problem or narrative; the light for a light change."""
    if change.kind == "light_changed":
        return label("light", lang)
    return named(lang, change.item, change.item_en)


def paren(text: str, lang: str) -> str:
    """Text in brackets after a word, full-width in Chinese: （…） / " (…)"."""
    return tr(lang, " ({text})", text=text)


def colon(lang: str) -> str:
    """A colon, full-width in Chinese."""
    return tr(lang, ": ")


def joined(parts: list[str], lang: str) -> str:
    """The parts of a sentence, joined by semicolons (full-width in Chinese)."""
    return tr(lang, "; ").join(parts)


def listed(parts: list[str], lang: str) -> str:
    """Items of a list, joined by commas (full-width in Chinese)."""
    return tr(lang, ", ").join(parts)


def days_left_text(days: int | None, lang: str) -> str:
    """剩余 12 天 / 12 days left, or 逾期 3 天 / 3 days overdue."""
    if days is None:
        return DASH
    if days >= 0:
        return tr(lang, "{n} days left", n=days)
    return tr(lang, "{n} days overdue", n=-days)


def days_text(days: int | None, lang: str) -> str:
    """A forecast's move in days, signed: +31 天 / +31 days."""
    if days is None:
        return DASH
    return tr(lang, "{days} days", days=f"{days:+d}")


def amount_unit(report: WeeklyReport, lang: str) -> str:
    """The unit of amounts in spreadsheet columns: 万元 / CNY, or 万 / per currency when the
    portfolio holds more than one currency (the scale itself is the writers' number format)."""
    only_cny = all(m.currency == "CNY" for m in report.summary.money)
    # Two calls, not one over a conditional: Babel would extract "CNYin currency" from that.
    if only_cny:
        return ptr(lang, "amount unit", "CNY")
    return ptr(lang, "amount unit", "in currency")


def change_headers(lang: str) -> list[str]:
    """The headings of the week's changes: when, project, change, item, was, now, days."""
    return [
        label("when", lang),
        label("project", lang),
        ptr(lang, "kind of change", "change"),
        tr(lang, "item"),
        tr(lang, "was"),
        tr(lang, "now"),
        tr(lang, "days"),
    ]


def coming_up_headers(lang: str) -> list[str]:
    """The headings of what falls due: due, days left, project, type, item."""
    return [
        label("due", lang),
        label("days_left", lang),
        label("project", lang),
        tr(lang, "type"),
        tr(lang, "item"),
    ]
