"""The weekly report as one self-contained HTML page, printable on A4.

Styles and the SVG timeline are inline; the page loads nothing (no script, font, image or link),
so it can be mailed, archived and opened offline. Lights are shown in colour.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from tracker.i18n.catalogue import LOCALES, tr
from tracker.i18n.glossary import label
from tracker.reports.contents import ProjectLine, WeeklyReport
from tracker.reports.curve_svg import curve_svg
from tracker.reports.formatting import (
    change_headers,
    change_item,
    change_kind,
    change_values,
    coming_up_headers,
    covered_money,
    days_left_text,
    days_text,
    deadline_text,
    item_kind,
    joined,
    light_weeks_caption,
    listed,
    money,
    named,
    paren,
    percent_text,
    plain_day,
    plan_label,
    week_dates,
    year_to_date_label,
)
from tracker.reports.headline import portfolio_months, worst_first
from tracker.reports.html_headline import headline_html
from tracker.reports.html_parts import light_badge, table
from tracker.reports.light_charts import portfolio_lights_svg
from tracker.reports.page_fonts import FONT_STACK
from tracker.reports.rates_sections import rates_html
from tracker.reports.steering_week import steering_html
from tracker.reports.timeline_svg import timeline_svg

Progress = Callable[[int, int], None]
SHOWN_REASONS = 4
STYLE = (
    """
@page { size: A4; margin: 12mm 10mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666;
    vertical-align: top; padding-top: 2mm; } }
* { box-sizing: border-box; }
body { font-family: """
    + FONT_STACK
    + """; font-size: 9.5pt; color: #222; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
table.fixed { table-layout: fixed; }
th, td { border: 1px solid #c8c8c8; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #d9e1f2; }
.short { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td { overflow-wrap: break-word; }
td.num { text-align: right; }
.light { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-weight: bold;
  white-space: nowrap; }
.red { background: #ffc7ce; color: #9c0006; }
.amber { background: #ffeb9c; color: #9c5700; }
.green { background: #c6efce; color: #006100; }
.none { background: #eee; color: #666; }
.muted { color: #666; }
.reasons { color: #333; margin-bottom: 1mm; }
.reasons li { margin-bottom: 0.5mm; }
p.lights { font-size: 13pt; margin: 2mm 0 3mm; }
p.lights .count { margin-right: 6mm; white-space: nowrap; }
table.glance th { width: 24%; white-space: nowrap; }
.behind { color: #9c0006; }
.ahead { color: #006100; }
svg.chart { width: 100%; height: auto; break-inside: avoid; }
ul { margin: 0; padding-left: 4mm; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
"""
)


def _html_lang(lang: str) -> str:
    """The page's language tag: zh-CN, en."""
    return LOCALES.get(lang, lang).replace("_", "-")


def page(title: str, body: list[str], lang: str, style: str = "") -> str:
    """A whole self-contained html document around `body`; `style` is added to the page's."""
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{_html_lang(lang)}"><head><meta charset="utf-8">',
                f"<title>{escape(title)}</title><style>{STYLE}{style}</style></head><body>",
                *body,
                "</body></html>",
            ]
        )
        + "\n"
    )


def render_html(report: WeeklyReport, lang: str, progress: Progress | None = None) -> str:
    """The whole report as one HTML document, in the order of the meeting: the headline, the
    projects worst first, then the detail (money, timeline, changes, what is coming up)."""
    s = report.summary
    title = f"{tr(lang, 'Major projects weekly status report')} · {report.week}"
    return page(
        title,
        [
            f"<h1>{escape(title)}</h1>",
            f'<p class="muted">{escape(week_dates(report, lang))} · {escape(tr(lang, "as of"))} '
            f"{escape(plain_day(report.as_of, lang))} · {escape(tr(lang, 'projects'))} "
            f"{s.projects} · "
            + escape(listed([f"{label(k, lang)} {n}" for k, n in s.by_stage], lang))
            + "</p>",
            f"<h2>{escape(tr(lang, 'This week at a glance'))}</h2>",
            headline_html(report, lang),
            lights_by_week_html(report, lang),
            f"<h2>{escape(tr(lang, 'Projects, worst first'))}</h2>",
            _projects(report, lang, progress),
            f"<h2>{escape(tr(lang, 'Investment'))}</h2>",
            _money(report, lang),
            rates_html(s, lang),
            *(
                curve_svg(
                    s.year,
                    portfolio_months(report, m.currency),
                    m.plan_cents,
                    s.through_month,
                    m.currency,
                    lang,
                )
                for m in s.money
            ),
            f"<h2>{escape(tr(lang, 'Milestone timeline'))}</h2>",
            timeline_svg(report.projects, report.as_of, lang),
            f"<h2>{escape(tr(lang, 'Changes this week'))}</h2>",
            _changes(report, lang),
            f"<h2>{escape(tr(lang, 'Coming up (next 30 days)'))}</h2>",
            _coming_up(report, lang),
            steering_html(report.steering, lang),
        ],
        lang,
    )


def lights_by_week_html(report: WeeklyReport, lang: str) -> str:
    """The portfolio's lights at the end of each of the last weeks, titled, as stacked columns."""
    if not report.light_weeks:
        return ""
    words = light_weeks_caption(len(report.light_weeks), lang)
    return f"<h3>{escape(words)}</h3>" + portfolio_lights_svg(report.light_weeks, lang)


def _money(report: WeeklyReport, lang: str) -> str:
    s = report.summary
    headers = [
        tr(lang, "currency"),
        label("total_investment", lang),
        plan_label(s.year, lang),
        year_to_date_label(s.year, s.through_month, lang),
        tr(lang, "share of annual plan"),
        tr(lang, "time elapsed"),
        tr(lang, "since start"),
        tr(lang, "share of total"),
    ]
    rows = [
        [
            escape(m.currency),
            escape(
                covered_money(m.total_cents, m.currency, m.projects_with_total, m.projects, lang)
            ),
            escape(covered_money(m.plan_cents, m.currency, m.projects_with_plan, m.projects, lang)),
            escape(
                covered_money(
                    m.year_to_date_cents, m.currency, m.projects_with_year_to_date, m.projects, lang
                )
            ),
            percent_text(m.share_of_plan),
            percent_text(s.time_elapsed),
            escape(
                covered_money(
                    m.since_start_cents, m.currency, m.projects_with_since_start, m.projects, lang
                )
            ),
            percent_text(m.share_of_total),
        ]
        for m in s.money
    ]
    return table(headers, rows, set(range(1, 8)))


def _project_cells(p: ProjectLine, report: WeeklyReport, lang: str) -> list[str]:
    s, inv, nxt = report.summary, p.investment, p.next_milestone
    reasons = "".join(f"<li>{escape(r)}</li>" for r in shown_reasons(p.light_reasons, lang))
    next_text = (
        "—"
        if nxt is None
        else escape(
            f"{named(lang, nxt.name, nxt.name_en)} {deadline_text(nxt.due, lang)}"
            + paren(days_left_text(nxt.days_left, lang), lang)
        )
    )
    known = [
        (label("total_investment", lang), inv.total_cents, None),
        (plan_label(s.year, lang), inv.plan_cents, None),
        (
            year_to_date_label(s.year, s.through_month, lang),
            inv.year_to_date_cents,
            inv.share_of_plan,
        ),
        (tr(lang, "since start"), inv.since_start_cents, inv.share_of_total),
    ]
    figures = [
        f"{key} {money(cents, inv.currency, lang)}"
        + ("" if share is None else paren(percent_text(share), lang))
        for key, cents, share in known
        if cents is not None
    ] or ["—"]
    figures += [
        f"{tr(lang, 'P80 cost')} {money(p.p80.cost_cents, inv.currency, lang)}",
        f"{tr(lang, 'P80 finish')} {plain_day(p.p80.finish, lang)}",
    ]
    status = (
        ""
        if not p.narrative
        else f'<div><span class="muted">{escape(plain_day(p.status_on, lang))}</span> '
        f"{escape(p.narrative)}</div>"
    )
    problems = "".join(
        f"<li>{escape(q.description)}"
        + escape(
            paren(
                joined(
                    [q.owner or "—", f"{tr(lang, 'resolve by')} {deadline_text(q.due, lang)}"]
                    + ([days_left_text(q.days_left, lang)] if (q.days_left or 0) < 0 else []),
                    lang,
                ),
                lang,
            )
        )
        + "</li>"
        for q in p.open_problems
    )
    return [
        light_badge(p.light, lang),
        f"<b>{escape(p.code)}</b><br>{escape(named(lang, p.name, p.name_en))}",
        escape(label(p.stage, lang)),
        next_text,
        "<br>".join(escape(f) for f in figures),
        (f'<ul class="reasons">{reasons}</ul>' if reasons else "")
        + status
        + (f"<ul>{problems}</ul>" if problems else ""),
    ]


def _projects(report: WeeklyReport, lang: str, progress: Progress | None) -> str:
    rows = []
    for done, p in enumerate(worst_first(report.projects), 1):
        rows.append(_project_cells(p, report, lang))
        if progress is not None:
            progress(done, len(report.projects))
    headers = [
        label("light", lang),
        label("project", lang),
        label("stage", lang),
        label("next_milestone", lang),
        tr(lang, "investment"),
        tr(lang, "why / latest status / open problems"),
    ]
    return table(headers, rows, set(), widths=(8, 14, 13, 14, 17, 34))


def shown_reasons(reasons: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The reasons a project's row shows, worst first: all of them up to SHOWN_REASONS, else
    one fewer and a line saying how many more the xlsx holds (a row of fifteen reasons is read
    by no one, and a thousand such rows are hundreds of printed pages)."""
    if len(reasons) <= SHOWN_REASONS:
        return reasons
    more = len(reasons) - SHOWN_REASONS + 1
    return (
        *reasons[: SHOWN_REASONS - 1],
        tr(lang, "… and {n} more (every one in the xlsx)", n=more),
    )


def _changes(report: WeeklyReport, lang: str) -> str:
    if not report.changes:
        return f"<p>{escape(tr(lang, 'No changes this week.'))}</p>"
    rows = []
    for c in report.changes:
        old, new = change_values(c, lang)
        if c.kind in ("light_changed", "status_update"):
            old = light_badge(c.old, lang) if c.old else "—"
            new = light_badge(c.new, lang)
        else:
            old, new = escape(old), escape(new)
        rows.append(
            [
                f'<span class="short">{c.at:%Y-%m-%d}</span> {c.at:%H:%M}',
                escape(f"{c.project} {named(lang, c.project_name, c.project_name_en)}"),
                escape(change_kind(c.kind, lang)),
                escape(change_item(c, lang)),
                old,
                new,
                escape(days_text(c.days, lang)),
            ]
        )
    return table(change_headers(lang), rows, {6}, widths=(12, 21, 10, 23, 12, 13, 9))


def _coming_up(report: WeeklyReport, lang: str) -> str:
    if not report.coming_up:
        return f"<p>{escape(tr(lang, 'Nothing falls due in the next 30 days.'))}</p>"
    rows = [
        [
            escape(deadline_text(d.due, lang)),
            str(d.days_left),
            escape(f"{d.project} {named(lang, d.project_name, d.project_name_en)}"),
            escape(item_kind(d.kind, lang)),
            escape(named(lang, d.item, d.item_en)),
        ]
        for d in report.coming_up
    ]
    return table(coming_up_headers(lang), rows, {1})
