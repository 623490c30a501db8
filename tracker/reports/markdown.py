"""The weekly report as Markdown, to paste into a chat or a mail."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.core.textable import visible
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import LIGHT_MARKS, label
from tracker.reports.contents import ProjectLine, Summary, WeeklyReport
from tracker.reports.formatting import (
    change_headers,
    change_item,
    change_kind,
    change_values,
    colon,
    coming_up_headers,
    covered_money,
    days_left_text,
    days_text,
    deadline_text,
    item_kind,
    joined,
    light_text,
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


def _cell(text: str) -> str:
    """One line of text that cannot break a table (pipes escaped, line breaks folded)."""
    return " ".join(text.replace("|", "\\|").split()) or "—"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def _mark(light: str | None) -> str:
    return LIGHT_MARKS.get(light, LIGHT_MARKS[None]).split()[0]


def render_markdown(report: WeeklyReport, lang: str) -> str:
    """The whole report as Markdown text."""
    s = report.summary
    lines = [
        f"# {tr(lang, 'Major projects weekly status report')} · {report.week}",
        "",
        f"{tr(lang, 'Week')} {report.week}{paren(week_dates(report, lang), lang)} · "
        f"{tr(lang, 'as of')} {plain_day(report.as_of, lang)} · "
        f"{tr(lang, 'projects')} {s.projects}",
        "",
        f"## {tr(lang, 'Summary')}",
        "",
        *_summary(s, lang),
        *_light_weeks(report, lang),
        "",
        f"## {tr(lang, 'Projects')}",
    ]
    for project in report.projects:
        lines += ["", *_project(project, s, lang)]
    lines += ["", f"## {tr(lang, 'Changes this week')}", ""]
    if report.changes:
        lines += _table(
            change_headers(lang),
            [
                [
                    c.at.strftime("%Y-%m-%d %H:%M"),
                    f"{c.project} {named(lang, c.project_name, c.project_name_en)}",
                    change_kind(c.kind, lang),
                    change_item(c, lang),
                    *change_values(c, lang),
                    days_text(c.days, lang),
                ]
                for c in report.changes
            ],
        )
    else:
        lines.append(tr(lang, "No changes this week."))
    lines += ["", f"## {tr(lang, 'Coming up (next 30 days)')}", ""]
    if report.coming_up:
        lines += _table(
            coming_up_headers(lang),
            [
                [
                    deadline_text(d.due, lang),
                    str(d.days_left),
                    f"{d.project} {named(lang, d.project_name, d.project_name_en)}",
                    item_kind(d.kind, lang),
                    named(lang, d.item, d.item_en),
                ]
                for d in report.coming_up
            ],
        )
    else:
        lines.append(tr(lang, "Nothing falls due in the next 30 days."))
    # Text users typed may hold ESC sequences or line breaks: shown escaped, never run.
    return "\n".join(visible(line) for line in lines) + "\n"


def _light_weeks(report: WeeklyReport, lang: str) -> list[str]:
    """The portfolio's lights at the end of each of the last weeks, a row a week."""
    if not report.light_weeks:
        return []
    n = len(report.light_weeks)
    headers = [tr(lang, "week")] + [light_text(k, lang) for k, _n in report.light_weeks[0].by_light]
    rows = [[w.week] + [str(c) for _k, c in w.by_light] for w in report.light_weeks]
    words = light_weeks_caption(n, lang)
    return ["", f"**{words}**", "", *_table(headers, rows)]


def _summary(s: Summary, lang: str) -> list[str]:
    lights = listed([f"{_mark(k)} {light_text(k, lang)} {n}" for k, n in s.by_light], lang)
    stages = listed([f"{label(k, lang)} {n}" for k, n in s.by_stage], lang)
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
            m.currency,
            covered_money(m.total_cents, m.currency, m.projects_with_total, m.projects, lang),
            covered_money(m.plan_cents, m.currency, m.projects_with_plan, m.projects, lang),
            covered_money(
                m.year_to_date_cents, m.currency, m.projects_with_year_to_date, m.projects, lang
            ),
            percent_text(m.share_of_plan),
            percent_text(s.time_elapsed),
            covered_money(
                m.since_start_cents, m.currency, m.projects_with_since_start, m.projects, lang
            ),
            percent_text(m.share_of_total),
        ]
        for m in s.money
    ]
    return [
        f"**{tr(lang, 'By light')}**{colon(lang)}{lights}",
        "",
        f"**{tr(lang, 'By stage')}**{colon(lang)}{stages}",
        "",
        *_table(headers, rows),
        *_rates(s, lang),
    ]


def _rates(s: Summary, lang: str) -> list[str]:
    """The programme's four rates of every project (as `tracker rates` gives them)."""
    if s.rates is None:
        return []
    from tracker.views.rates_view import summary_table

    heads, rows = summary_table(s.rates, lang)
    return ["", f"**{tr(lang, 'Programme rates')}**", "", *_table(heads, rows)]


def _p80(p: ProjectLine, lang: str) -> list[str]:
    """The reality check's P80 cost and finish (a dash when unknown)."""
    return [
        f"{label('forecast_finish', lang)} {deadline_text(p.forecast_finish, lang)}",
        f"{tr(lang, 'P80 cost')} {money(p.p80.cost_cents, p.investment.currency, lang)}",
        f"{tr(lang, 'P80 finish')} {plain_day(p.p80.finish, lang)}",
    ]


def _project(p: ProjectLine, s: Summary, lang: str) -> list[str]:
    c = colon(lang)
    inv = p.investment
    light = light_text(p.light, lang)
    nxt = p.next_milestone
    next_text = (
        "—"
        if nxt is None
        else f"{named(lang, nxt.name, nxt.name_en)} {deadline_text(nxt.due, lang)}"
        + paren(days_left_text(nxt.days_left, lang), lang)
    )
    of_plan = f"{tr(lang, 'share of annual plan')} {percent_text(inv.share_of_plan)}"
    of_total = f"{tr(lang, 'share of total')} {percent_text(inv.share_of_total)}"
    figures = [
        f"{label('total_investment', lang)} {money(inv.total_cents, inv.currency, lang)}",
        f"{plan_label(s.year, lang)} {money(inv.plan_cents, inv.currency, lang)}",
        f"{year_to_date_label(s.year, s.through_month, lang)} "
        f"{money(inv.year_to_date_cents, inv.currency, lang)}{paren(of_plan, lang)}",
        f"{tr(lang, 'since start')} {money(inv.since_start_cents, inv.currency, lang)}"
        f"{paren(of_total, lang)}",
    ]
    lines = [
        f"### {_mark(p.light)} {p.code} {named(lang, p.name, p.name_en)}",
        "",
        f"- {tr(lang, 'Light')}{c}{light} · {label('stage', lang)}{c}{label(p.stage, lang)}",
        *(f"  - {_cell(reason)}" for reason in p.light_reasons),
        f"- {tr(lang, 'Next milestone')}{c}{next_text}",
        f"- {joined(figures, lang)}",
        f"- {joined(_p80(p, lang), lang)}",
    ]
    if p.narrative:
        when = paren(plain_day(p.status_on, lang), lang)
        lines.append(f"- {tr(lang, 'Latest status')}{when}{c}{_cell(p.narrative)}")
    if p.open_problems:
        lines.append(f"- {tr(lang, 'Open problems')}{c.rstrip()}")
        for q in p.open_problems:
            details = [q.owner or "—", f"{tr(lang, 'resolve by')} {deadline_text(q.due, lang)}"]
            if q.days_left is not None and q.days_left < 0:
                details.append(days_left_text(q.days_left, lang))
            lines.append(f"  - {_cell(q.description)}{paren(joined(details, lang), lang)}")
    return lines
