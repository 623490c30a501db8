"""The weekly report as an xlsx workbook (XlsxWriter): Summary, Projects, Milestones, Investment,
Changes.

Cells hold real numbers and dates, shown through number formats: amounts in 万元 (zh) or yuan
(en), shares as percentages, days at their precision (tracker.reports.xlsx_cells). Text is always
written as a string cell, so nothing a user typed can become a formula. Headers are frozen;
column widths count Chinese characters double; lights are cell colours. The Milestones sheet
holds the milestones that matter this week (its title row states the rule), not every milestone
of the portfolio.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

from tracker.core.dates import Deadline
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.contents import ChangeLine, WeeklyReport
from tracker.reports.curve_svg import short_month
from tracker.reports.formatting import (
    DASH,
    amount_unit,
    change_headers,
    change_item,
    change_kind,
    change_values,
    joined,
    named,
    paren,
    plan_label,
    week_dates,
    year_to_date_label,
)
from tracker.reports.headline import portfolio_months
from tracker.reports.rates_sections import rates_rows
from tracker.reports.steering_week import steering_sheet
from tracker.reports.week_milestones import AHEAD_DAYS
from tracker.reports.xlsx_cells import Book, Cell, Light, Money, Share, Sheet
from tracker.reports.xlsx_lights import lights_by_week

Progress = Callable[[int, int], None]


def write_xlsx(
    report: WeeklyReport, lang: str, target: Path | IO[bytes], progress: Progress | None = None
) -> None:
    """Write the report as an xlsx workbook to a path or a binary stream."""
    title = f"{tr(lang, 'Major projects weekly status report')} · {report.week}"
    book = Book(target, lang, f"{title} ({week_dates(report, lang)})")
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
    steering_sheet(book, report.steering, lang)
    book.close()


def _unit(report: WeeklyReport, lang: str, key: str) -> str:
    unit = amount_unit(report, lang)
    return key + paren(unit, lang)


def _summary(book: Book, report: WeeklyReport, lang: str) -> None:
    s = report.summary
    sheet = book.sheet(
        "Summary",
        [],
        title=f"{tr(lang, 'Major projects weekly status report')} · {report.week}",
        wrap=tuple(range(1, 12)),
        one_page=True,
    )
    sheet.row([tr(lang, "week"), f"{report.week} ({week_dates(report, lang)})"])
    sheet.row([tr(lang, "as of"), report.as_of])
    sheet.row([tr(lang, "projects"), s.projects])
    sheet.next_row += 1
    sheet.row([tr(lang, "by light"), tr(lang, "projects")], header=True)
    for light, count in s.by_light:
        sheet.row([Light(light), count])
    sheet.next_row += 1
    sheet.row([tr(lang, "by stage"), tr(lang, "projects")], header=True)
    for stage, count in s.by_stage:
        sheet.row([label(stage, lang), count])
    sheet.next_row += 1
    sheet.row(
        [
            tr(lang, "currency"),
            _unit(report, lang, label("total_investment", lang)),
            tr(lang, "projects with a known total"),
            _unit(report, lang, plan_label(s.year, lang)),
            tr(lang, "projects with a plan"),
            _unit(report, lang, year_to_date_label(s.year, s.through_month, lang)),
            tr(lang, "projects with reports this year"),
            tr(lang, "share of annual plan"),
            tr(lang, "time elapsed"),
            _unit(report, lang, tr(lang, "since start")),
            tr(lang, "projects with reports"),
            tr(lang, "share of total"),
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
                m.projects_with_plan,
                Money(m.year_to_date_cents),
                m.projects_with_year_to_date,
                Share(m.share_of_plan),
                Share(s.time_elapsed),
                Money(m.since_start_cents),
                m.projects_with_since_start,
                Share(m.share_of_total),
            ]
        )
    rates_rows(sheet, s, lang)
    sheet.next_row += 1
    lights_by_week(book, sheet, report, lang)
    for m in s.money:
        sheet.next_row += 1
        _curve(book, sheet, report, m.currency, m.plan_cents, lang)
    sheet.fit()


def _curve(
    book: Book, sheet: Sheet, report: WeeklyReport, currency: str, plan: int | None, lang: str
) -> None:
    """The year's investment in `currency`, month by month and added up, against the annual
    plan at 序时进度: a small table and a native line chart drawn from it, beside it."""
    s = report.summary
    done_words = tr(lang, "completed, added up")
    plan_words = tr(lang, "annual plan at the time-elapsed schedule")
    sheet.row([tr(lang, "currency"), currency], header=False)
    first = sheet.next_row
    sheet.row([tr(lang, "month of {year}", year=s.year), done_words, plan_words], header=True)
    months = portfolio_months(report, currency)
    total = 0
    for month in range(1, 13):
        total += months[month - 1] or 0
        reported = s.through_month is not None and month <= s.through_month
        sheet.row(
            [
                short_month(s.year, month, lang),
                Money(total) if reported else None,
                None if plan is None else Money(plan * month // 12),
            ]
        )
    chart = book.book.add_chart({"type": "line"})
    name = sheet.sheet.get_name()
    for column, colour, dash in ((1, "#1F5FA8", "solid"), (2, "#C0392B", "dash")):
        chart.add_series(
            {
                "name": [name, first, column],
                "categories": [name, first + 1, 0, first + 12, 0],
                "values": [name, first + 1, column, first + 12, column],
                "line": {"color": colour, "width": 2.25, "dash_type": dash},
                "marker": {"type": "circle" if column == 1 else "none"},
            }
        )
    chart.set_title({"name": f"{tr(lang, 'Investment this year')} · {currency}"})
    chart.set_x_axis({"name": tr(lang, "month of {year}", year=s.year)})
    chart.set_y_axis({"name": amount_unit(report, lang)})
    chart.set_legend({"position": "top"})
    sheet.sheet.insert_chart(first, 4, chart, {"x_scale": 1.4, "y_scale": 1.1})


def _projects(book: Book, report: WeeklyReport, lang: str, step: Callable[[], None]) -> None:
    s = report.summary
    sheet = book.sheet(
        "Projects",
        [
            label("code", lang),
            label("name", lang),
            label("light", lang),
            tr(lang, "why"),
            label("stage", lang),
            label("next_milestone", lang),
            label("due", lang),
            label("days_left", lang),
            tr(lang, "currency"),
            _unit(report, lang, label("total_investment", lang)),
            _unit(report, lang, plan_label(s.year, lang)),
            _unit(report, lang, year_to_date_label(s.year, s.through_month, lang)),
            tr(lang, "share of annual plan"),
            _unit(report, lang, tr(lang, "since start")),
            tr(lang, "share of total"),
            _unit(report, lang, tr(lang, "P80 cost")),
            tr(lang, "P80 finish"),
            tr(lang, "status of"),
            tr(lang, "latest status"),
            tr(lang, "open problems"),
        ],
        wrap=(1, 3, 5, 18, 19),
        frozen_columns=2,
    )
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
                Money(p.p80.cost_cents),
                p.p80.finish,
                p.status_on,
                p.narrative or None,
                joined([q.description for q in p.open_problems], lang) or None,
            ]
        )
        step()
    sheet.fit()


def _milestones(book: Book, report: WeeklyReport, lang: str, step: Callable[[], None]) -> None:
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
            tr(lang, "slip days"),
            label("owner", lang),
            label("illustrative", lang),
        ],
        title=tr(
            lang,
            "The milestones that matter this week: overdue, due within {days} days, done or "
            "moved this week, and each project's next milestone",
            days=AHEAD_DAYS,
        ),
        wrap=(1, 2, 9),
        frozen_columns=3,
    )
    for p in report.projects:
        for m in p.week_milestones:
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
                    tr(lang, "yes") if m.illustrative else None,
                ]
            )
        step()
    sheet.fit()


def _investment(book: Book, report: WeeklyReport, lang: str, step: Callable[[], None]) -> None:
    s = report.summary
    months = [
        _unit(report, lang, Deadline.of(date(s.year, n, 1), "month").label(lang))
        for n in range(1, 13)
    ]
    sheet = book.sheet(
        "Investment",
        [
            label("code", lang),
            label("name", lang),
            tr(lang, "currency"),
            _unit(report, lang, label("total_investment", lang)),
            _unit(report, lang, plan_label(s.year, lang)),
            _unit(report, lang, year_to_date_label(s.year, s.through_month, lang)),
            tr(lang, "share of annual plan"),
            _unit(report, lang, tr(lang, "since start")),
            tr(lang, "share of total"),
            _unit(report, lang, tr(lang, "funds in place")),
            *months,
            tr(lang, "progress target"),
        ],
        wrap=(1, 22),
        frozen_columns=2,
    )
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


def _changes(book: Book, report: WeeklyReport, lang: str) -> None:
    sheet = book.sheet(
        "Changes",
        [
            label("when", lang),
            label("code", lang),
            label("name", lang),
            *change_headers(lang)[2:],
        ],
        wrap=(2, 4, 5, 6),
    )
    if not report.changes:
        sheet.row([tr(lang, "No changes this week.")])
    for c in report.changes:
        old, new = _change_days(c) or change_values(c, lang)
        old = None if old == DASH else old  # an empty cell, not a dash, in a spreadsheet
        sheet.row(
            [
                c.at,
                c.project,
                named(lang, c.project_name, c.project_name_en),
                change_kind(c.kind, lang),
                change_item(c, lang),
                old,
                new,
                c.days,
            ]
        )
    sheet.fit()
