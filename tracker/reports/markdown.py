"""The weekly report as Markdown, to paste into a chat or a mail."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.i18n.glossary import LIGHT_MARKS, label
from tracker.reports.contents import ProjectLine, Summary, WeeklyReport
from tracker.reports.formatting import (
    change_item,
    change_values,
    colon,
    day_text,
    days_left_text,
    days_text,
    joined,
    light_text,
    money,
    named,
    paren,
    percent_text,
    plain_day,
    plan_label,
    week_dates,
    word,
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


def _heading(key: str, lang: str) -> str:
    text = word(key, lang)
    return text[:1].upper() + text[1:]


def render_markdown(report: WeeklyReport, lang: str) -> str:
    """The whole report as Markdown text."""
    s = report.summary
    lines = [
        f"# {word('title', lang)} · {report.week}",
        "",
        f"{_heading('week', lang)} {report.week}{paren(week_dates(report, lang), lang)} · "
        f"{word('as_of', lang)} {plain_day(report.as_of, lang)} · "
        f"{word('projects_count', lang)} {s.projects}",
        "",
        f"## {word('summary', lang)}",
        "",
        *_summary(s, lang),
        "",
        f"## {word('projects', lang)}",
    ]
    for project in report.projects:
        lines += ["", *_project(project, s, lang)]
    lines += ["", f"## {word('changes', lang)}", ""]
    if report.changes:
        lines += _table(
            [word(k, lang) for k in ("when", "project", "kind", "item", "old", "new", "days")],
            [
                [
                    c.at.strftime("%Y-%m-%d %H:%M"),
                    f"{c.project} {named(lang, c.project_name, c.project_name_en)}",
                    word(c.kind, lang),
                    change_item(c, lang),
                    *change_values(c, lang),
                    days_text(c.days, lang),
                ]
                for c in report.changes
            ],
        )
    else:
        lines.append(word("no_week_changes", lang))
    lines += ["", f"## {word('coming_up', lang)}", ""]
    if report.coming_up:
        lines += _table(
            [word(k, lang) for k in ("due", "days_left", "project", "type", "item")],
            [
                [
                    day_text(d.due, lang),
                    str(d.days_left),
                    f"{d.project} {named(lang, d.project_name, d.project_name_en)}",
                    word(d.kind, lang),
                    named(lang, d.item, d.item_en),
                ]
                for d in report.coming_up
            ],
        )
    else:
        lines.append(word("nothing_due", lang))
    return "\n".join(lines) + "\n"


def _summary(s: Summary, lang: str) -> list[str]:
    sep = "，" if lang == "zh" else ", "
    lights = sep.join(f"{_mark(k)} {light_text(k, lang)} {n}" for k, n in s.by_light)
    stages = sep.join(f"{label(k, lang)} {n}" for k, n in s.by_stage)
    headers = [
        word("currency", lang),
        word("total_investment", lang),
        word("known_totals", lang),
        plan_label(s.year, lang),
        year_to_date_label(s.year, s.through_month, lang),
        word("share_of_plan", lang),
        word("time_elapsed", lang),
        word("since_start", lang),
        word("share_of_total", lang),
    ]
    rows = [
        [
            m.currency,
            money(m.total_cents, m.currency, lang),
            f"{m.projects_with_total}/{m.projects}",
            money(m.plan_cents, m.currency, lang),
            money(m.year_to_date_cents, m.currency, lang),
            percent_text(m.share_of_plan),
            percent_text(s.time_elapsed),
            money(m.since_start_cents, m.currency, lang),
            percent_text(m.share_of_total),
        ]
        for m in s.money
    ]
    return [
        f"**{_heading('by_light', lang)}**{colon(lang)}{lights}",
        "",
        f"**{_heading('by_stage', lang)}**{colon(lang)}{stages}",
        "",
        *_table(headers, rows),
    ]


def _p80(p: ProjectLine, lang: str) -> list[str]:
    """The reality check's P80 cost and finish (a dash when unknown)."""
    return [
        f"{word('p80_cost', lang)} {money(p.p80.cost_cents, p.investment.currency, lang)}",
        f"{word('p80_finish', lang)} {plain_day(p.p80.finish, lang)}",
    ]


def _project(p: ProjectLine, s: Summary, lang: str) -> list[str]:
    c = colon(lang)
    inv = p.investment
    light = light_text(p.light, lang)
    nxt = p.next_milestone
    next_text = (
        "—"
        if nxt is None
        else f"{named(lang, nxt.name, nxt.name_en)} {day_text(nxt.due, lang)}"
        + paren(days_left_text(nxt.days_left, lang), lang)
    )
    of_plan = f"{word('share_of_plan', lang)} {percent_text(inv.share_of_plan)}"
    of_total = f"{word('share_of_total', lang)} {percent_text(inv.share_of_total)}"
    figures = [
        f"{label('total_investment', lang)} {money(inv.total_cents, inv.currency, lang)}",
        f"{plan_label(s.year, lang)} {money(inv.plan_cents, inv.currency, lang)}",
        f"{year_to_date_label(s.year, s.through_month, lang)} "
        f"{money(inv.year_to_date_cents, inv.currency, lang)}{paren(of_plan, lang)}",
        f"{word('since_start', lang)} {money(inv.since_start_cents, inv.currency, lang)}"
        f"{paren(of_total, lang)}",
    ]
    lines = [
        f"### {_mark(p.light)} {p.code} {named(lang, p.name, p.name_en)}",
        "",
        f"- {_heading('light', lang)}{c}{light} · {label('stage', lang)}{c}{label(p.stage, lang)}",
        *(f"  - {_cell(reason)}" for reason in p.light_reasons),
        f"- {_heading('next_milestone', lang)}{c}{next_text}",
        f"- {joined(figures, lang)}",
        f"- {joined(_p80(p, lang), lang)}",
    ]
    if p.narrative:
        when = paren(plain_day(p.status_on, lang), lang)
        lines.append(f"- {_heading('latest_status', lang)}{when}{c}{_cell(p.narrative)}")
    if p.open_problems:
        lines.append(f"- {_heading('open_problems', lang)}{c.rstrip()}")
        for q in p.open_problems:
            details = [q.owner or "—", f"{word('resolve_by', lang)} {day_text(q.due, lang)}"]
            if q.days_left is not None and q.days_left < 0:
                details.append(days_left_text(q.days_left, lang))
            lines.append(f"  - {_cell(q.description)}{paren(joined(details, lang), lang)}")
    return lines
