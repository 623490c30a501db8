"""The weekly report as an xlsx workbook (XlsxWriter): Summary, Projects, Milestones, Investment,
Changes.

Cells hold real numbers and dates, shown through number formats: amounts in 万元 (zh) or yuan
(en), shares as percentages, days at their precision. Text is always written as a string cell,
so nothing a user typed can become a formula. Headers are frozen; column widths count Chinese
characters double; lights are cell colours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tracker.dates import Deadline, Precision
from tracker.labels import label
from tracker.reports.contents import ChangeLine, WeeklyReport
from tracker.reports.words import (
    amount_unit,
    change_item,
    change_values,
    joined,
    light_text,
    named,
    plan_label,
    week_dates,
    word,
    year_to_date_label,
)
from tracker.textable import display_width

Progress = Callable[[int, int], None]
LIGHT_COLOURS = {
    "red": ("#FFC7CE", "#9C0006"),
    "amber": ("#FFEB9C", "#9C5700"),
    "green": ("#C6EFCE", "#006100"),
}
_MAX_WIDTH = 60
_MEASURED_ROWS = 2000
# A date cell is the number of days since 1899-12-30 with a date format (Excel's serial day).
_EXCEL_DAY_ZERO = date(1899, 12, 30).toordinal()
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units, shown in 万 (zh) or in the currency's unit (en)."""

    cents: int | None


@dataclass(frozen=True, slots=True)
class Share:
    """A ratio, shown as a percentage."""

    value: Decimal | None


@dataclass(frozen=True, slots=True)
class Light:
    """A project's light, shown as its word on its colour."""

    light: str | None


Cell = str | int | Money | Share | Light | Deadline | date | datetime | None


class _Book:
    """The workbook, its formats and the width each column needs."""

    def __init__(self, target: Path | IO[bytes], lang: str) -> None:
        self.lang = lang
        self.book = xlsxwriter.Workbook(
            str(target) if isinstance(target, Path) else target,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.money = self.book.add_format(
            {"num_format": "#,##0.00" if lang == "zh" else "#,##0", "valign": "top"}
        )
        self.share = self.book.add_format({"num_format": "0.0%", "valign": "top"})
        self.integer = self.book.add_format({"num_format": "0", "valign": "top"})
        self.moment = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"})
        self.top = self.book.add_format({"valign": "top"})
        self.lights = {
            key: self.book.add_format(
                {"bg_color": fill, "font_color": font, "bold": True, "valign": "top"}
            )
            for key, (fill, font) in LIGHT_COLOURS.items()
        }
        self.days: dict[str, Any] = {}

    def day_format(self, day: Deadline) -> Any:
        """A date format showing the day at its precision (a quarter by its literal label)."""
        zh = self.lang == "zh"
        match day.precision:
            case Precision.DAY:
                pattern = "yyyy-mm-dd"
            case Precision.MONTH:
                pattern = 'yyyy"年"m"月"' if zh else "mmm yyyy"
            case Precision.YEAR:
                pattern = 'yyyy"年"' if zh else "yyyy"
            case _:
                pattern = f'"{day.label(self.lang)}"'
        if pattern not in self.days:
            self.days[pattern] = self.book.add_format({"num_format": pattern, "valign": "top"})
        return self.days[pattern]

    def sheet(self, name: str, headers: list[str], wrap: tuple[int, ...] = ()) -> _Sheet:
        """A worksheet with a frozen header row."""
        sheet = _Sheet(self, self.book.add_worksheet(name), wrap)
        if headers:
            sheet.row([*headers], header=True)
            sheet.sheet.freeze_panes(1, 0)
        return sheet

    def close(self) -> None:
        """Write the workbook out."""
        self.book.close()


class _Sheet:
    """Writes typed rows and remembers how wide each column must be."""

    def __init__(self, book: _Book, sheet: Worksheet, wrap: tuple[int, ...]) -> None:
        self.book = book
        self.sheet = sheet
        self.wrap = wrap
        self.next_row = 0
        self.widths: dict[int, int] = {}
        self.text_widths: dict[str, int] = {}

    def row(self, cells: list[Cell], header: bool = False) -> None:
        """Write one row below the last; the first rows decide the column widths."""
        measure = self.next_row < _MEASURED_ROWS
        for column, cell in enumerate(cells):
            width = self._write(self.next_row, column, cell, header)
            if measure and (not header or column not in self.widths):
                self.widths[column] = max(self.widths.get(column, 0), width)
        self.next_row += 1

    def _write(self, r: int, c: int, cell: Cell, header: bool) -> int:
        book, sheet, lang = self.book, self.sheet, self.book.lang
        if header and isinstance(cell, str):
            sheet.write_string(r, c, cell, book.header)
            return min(display_width(cell), 24)
        if cell is None:
            return 0
        if isinstance(cell, str):
            sheet.write_string(r, c, cell, book.wrap if c in self.wrap else book.top)
            return self._text_width(cell)
        if isinstance(cell, int):
            sheet.write_number(r, c, cell, book.integer)
            return len(str(cell))
        if isinstance(cell, Money):
            if cell.cents is None:
                return 0
            value = cell.cents / (1_000_000 if lang == "zh" else 100)
            sheet.write_number(r, c, value, book.money)
            return len(f"{value:,.2f}")
        if isinstance(cell, Share):
            if cell.value is not None:
                sheet.write_number(r, c, float(cell.value), book.share)
            return 7
        if isinstance(cell, Light):
            text = light_text(cell.light, lang)
            style = book.lights.get(cell.light or "", book.top)
            sheet.write_string(r, c, text, style)
            return display_width(text)
        if isinstance(cell, Deadline):
            sheet.write_number(r, c, cell.due.toordinal() - _EXCEL_DAY_ZERO, book.day_format(cell))
            return 13
        if isinstance(cell, datetime):
            sheet.write_datetime(r, c, cell.replace(tzinfo=None), book.moment)
            return 16
        sheet.write_datetime(r, c, cell, book.day_format(Deadline.of(cell, "day")))
        return 10

    def _text_width(self, text: str) -> int:
        width = self.text_widths.get(text)
        if width is None:
            width = len(text) if text.isascii() else display_width(text)
            self.text_widths[text] = width
        return width

    def fit(self) -> None:
        """Set each column to the width its widest cell needs (capped for long text)."""
        for column, width in self.widths.items():
            self.sheet.set_column(column, column, min(max(width, 4) + 2, _MAX_WIDTH))


def write_xlsx(
    report: WeeklyReport, lang: str, target: Path | IO[bytes], progress: Progress | None = None
) -> None:
    """Write the report as an xlsx workbook to a path or a binary stream."""
    book = _Book(target, lang)
    steps = 3 * len(report.projects)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    _summary(book, report, lang)
    _projects(book, report, lang, step)
    _milestones(book, report, lang, step)
    _investment(book, report, lang, step)
    _changes(book, report, lang)
    book.close()


def _unit(report: WeeklyReport, lang: str, key: str) -> str:
    unit = amount_unit(report, lang)
    return f"{key}（{unit}）" if lang == "zh" else f"{key} ({unit})"


def _summary(book: _Book, report: WeeklyReport, lang: str) -> None:
    s = report.summary
    sheet = book.sheet("Summary", [])
    sheet.sheet.write_string(0, 0, f"{word('title', lang)} · {report.week}", book.title)
    sheet.next_row = 1
    sheet.row([word("week", lang), f"{report.week} ({week_dates(report, lang)})"])
    sheet.row([word("as_of", lang), report.as_of])
    sheet.row([word("projects_count", lang), s.projects])
    sheet.sheet.freeze_panes(1, 0)
    sheet.next_row += 1
    sheet.row([word("by_light", lang), word("projects_count", lang)], header=True)
    for light, count in s.by_light:
        sheet.row([Light(light), count])
    sheet.next_row += 1
    sheet.row([word("by_stage", lang), word("projects_count", lang)], header=True)
    for stage, count in s.by_stage:
        sheet.row([label(stage, lang), count])
    sheet.next_row += 1
    sheet.row(
        [
            word("currency", lang),
            _unit(report, lang, label("total_investment", lang)),
            word("known_totals", lang),
            _unit(report, lang, plan_label(s.year, lang)),
            _unit(report, lang, year_to_date_label(s.year, s.through_month, lang)),
            word("share_of_plan", lang),
            word("time_elapsed", lang),
            _unit(report, lang, word("since_start", lang)),
            word("share_of_total", lang),
        ],
        header=True,
    )
    for m in s.money:
        sheet.row(
            [
                m.currency,
                Money(m.total_cents),
                m.projects_with_total,
                Money(m.plan_cents),
                Money(m.year_to_date_cents),
                Share(m.share_of_plan),
                Share(s.time_elapsed),
                Money(m.since_start_cents),
                Share(m.share_of_total),
            ]
        )
    sheet.fit()


def _projects(book: _Book, report: WeeklyReport, lang: str, step: Callable[[], None]) -> None:
    s = report.summary
    sheet = book.sheet(
        "Projects",
        [
            label("code", lang),
            label("name", lang),
            label("light", lang),
            word("reasons", lang),
            label("stage", lang),
            label("next_milestone", lang),
            label("due", lang),
            label("days_left", lang),
            word("currency", lang),
            _unit(report, lang, label("total_investment", lang)),
            _unit(report, lang, plan_label(s.year, lang)),
            _unit(report, lang, year_to_date_label(s.year, s.through_month, lang)),
            word("share_of_plan", lang),
            _unit(report, lang, word("since_start", lang)),
            word("share_of_total", lang),
            word("status_on", lang),
            word("latest_status", lang),
            word("open_problems", lang),
        ],
        wrap=(3, 16, 17),
    )
    sheet.sheet.freeze_panes(1, 2)
    for p in report.projects:
        inv, nxt = p.investment, p.next_milestone
        sheet.row(
            [
                p.code,
                named(lang, p.name, p.name_en),
                Light(p.light),
                joined(list(p.light_reasons), lang) or None,
                label(p.stage, lang),
                None if nxt is None else named(lang, nxt.name, nxt.name_en),
                None if nxt is None else nxt.due,
                None if nxt is None else nxt.days_left,
                inv.currency,
                Money(inv.total_cents),
                Money(inv.plan_cents),
                Money(inv.year_to_date_cents),
                Share(inv.share_of_plan),
                Money(inv.since_start_cents),
                Share(inv.share_of_total),
                p.status_on,
                p.narrative or None,
                joined([q.description for q in p.open_problems], lang) or None,
            ]
        )
        step()
    sheet.fit()


def _milestones(book: _Book, report: WeeklyReport, lang: str, step: Callable[[], None]) -> None:
    sheet = book.sheet(
        "Milestones",
        [
            label("code", lang),
            label("name", lang),
            label("milestone", lang),
            label("baseline", lang),
            label("forecast", lang),
            label("done", lang),
            label("due", lang),
            label("days_left", lang),
            "偏差天数" if lang == "zh" else "slip days",
            label("owner", lang),
            label("illustrative", lang),
        ],
    )
    sheet.sheet.freeze_panes(1, 3)
    for p in report.projects:
        for m in p.milestones:
            sheet.row(
                [
                    p.code,
                    named(lang, p.name, p.name_en),
                    named(lang, m.name, m.name_en),
                    m.baseline,
                    m.forecast,
                    m.done,
                    m.due,
                    m.days_left,
                    m.slip_days,
                    m.owner,
                    ("是" if lang == "zh" else "yes") if m.illustrative else None,
                ]
            )
        step()
    sheet.fit()


def _investment(book: _Book, report: WeeklyReport, lang: str, step: Callable[[], None]) -> None:
    s = report.summary
    months = [
        _unit(report, lang, f"{s.year}年{n}月" if lang == "zh" else f"{_MONTHS_EN[n - 1]} {s.year}")
        for n in range(1, 13)
    ]
    sheet = book.sheet(
        "Investment",
        [
            label("code", lang),
            label("name", lang),
            word("currency", lang),
            _unit(report, lang, label("total_investment", lang)),
            _unit(report, lang, plan_label(s.year, lang)),
            _unit(report, lang, year_to_date_label(s.year, s.through_month, lang)),
            word("share_of_plan", lang),
            _unit(report, lang, word("since_start", lang)),
            word("share_of_total", lang),
            _unit(report, lang, word("funds_in_place", lang)),
            *months,
            word("progress_target", lang),
        ],
        wrap=(22,),
    )
    sheet.sheet.freeze_panes(1, 2)
    for p in report.projects:
        inv = p.investment
        sheet.row(
            [
                p.code,
                named(lang, p.name, p.name_en),
                inv.currency,
                Money(inv.total_cents),
                Money(inv.plan_cents),
                Money(inv.year_to_date_cents),
                Share(inv.share_of_plan),
                Money(inv.since_start_cents),
                Share(inv.share_of_total),
                Money(inv.funds_in_place_cents),
                *(Money(m) for m in inv.months),
                inv.progress_target,
            ]
        )
        step()
    sheet.fit()


def _change_days(c: ChangeLine) -> tuple[Cell, Cell] | None:
    """A dated change's old and new day as date cells at their precision."""
    if c.kind not in ("done", "forecast_moved", "problem_opened", "problem_resolved"):
        return None

    def day(iso: str | None, precision: str | None) -> Deadline | None:
        return (
            None if iso is None else Deadline.of(date.fromisoformat(iso[:10]), precision or "day")
        )

    return day(c.old, c.old_precision), day(c.new, c.new_precision)


def _changes(book: _Book, report: WeeklyReport, lang: str) -> None:
    sheet = book.sheet(
        "Changes",
        [
            label("when", lang),
            label("code", lang),
            label("name", lang),
            word("kind", lang),
            word("item", lang),
            word("old", lang),
            word("new", lang),
            word("days", lang),
        ],
        wrap=(4,),
    )
    if not report.changes:
        sheet.row([word("no_week_changes", lang)])
    for c in report.changes:
        old, new = _change_days(c) or change_values(c, lang)
        sheet.row(
            [
                c.at,
                c.project,
                named(lang, c.project_name, c.project_name_en),
                word(c.kind, lang),
                change_item(c, lang),
                old,
                new,
                c.days,
            ]
        )
    sheet.fit()
