"""The one-pager (tracker.reports.project_page) as an html page (printed to one A4 page as PDF)
and as Markdown."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.contents import MilestoneLine
from tracker.reports.curve_svg import curve_svg
from tracker.reports.formatting import (
    DASH,
    days_left_text,
    days_text,
    deadline_text,
    joined,
    light_text,
    money,
    named,
    paren,
    percent_text,
    plain_day,
    plan_label,
    year_to_date_label,
)
from tracker.reports.html import page
from tracker.reports.html_parts import light_badge, table
from tracker.reports.light_charts import light_weeks_svg
from tracker.reports.project_page import ProjectPage
from tracker.reports.slip_chart import line_name, slip_svg

ONE_PAGE_STYLE = """
body { font-size: 9pt; }
h1 { font-size: 14pt; }
h2 { font-size: 11pt; margin: 3.5mm 0 1.5mm; }
table.facts th { width: 17%; background: #eef2f9; font-weight: normal; color: #444; }
table.facts td { width: 33%; }
.why { margin: 1mm 0 0; }
svg.curve { max-height: 62mm; }
svg.lights { width: 100%; height: auto; margin-top: 1.5mm; }
svg.slip { width: 100%; height: auto; margin-top: 1.5mm; }
"""


def _facts(p: ProjectPage, lang: str) -> list[tuple[str, str]]:
    """The facts in pairs of (label, text), the money with its shares."""
    line, facts, inv = p.line, p.facts, p.line.investment

    def amount(cents: int | None) -> str:
        return money(cents, inv.currency, lang)

    def share(text: str, ratio: Decimal | None) -> str:
        return text if ratio is None else text + paren(percent_text(ratio), lang)

    return [
        (label("category", lang), label(line.category, lang)),
        (label("stage", lang), label(line.stage, lang)),
        (label("unit", lang), facts.get("unit") or DASH),
        (label("officer", lang), facts.get("officer") or DASH),
        (label("owner_org", lang), facts.get("owner_org") or DASH),
        (label("location", lang), facts.get("location") or DASH),
        (label("total_investment", lang), amount(inv.total_cents)),
        (plan_label(p.year, lang), amount(inv.plan_cents)),
        (
            year_to_date_label(p.year, p.through_month, lang),
            share(amount(inv.year_to_date_cents), inv.share_of_plan),
        ),
        (tr(lang, "since start"), share(amount(inv.since_start_cents), inv.share_of_total)),
        (tr(lang, "funds in place"), amount(inv.funds_in_place_cents)),
        (label("forecast_finish", lang), deadline_text(line.forecast_finish, lang)),
        (tr(lang, "P80 cost"), amount(line.p80.cost_cents)),
        (tr(lang, "P80 finish"), plain_day(line.p80.finish, lang)),
    ]


def _milestone_row(m: MilestoneLine, lang: str) -> list[str]:
    return [
        escape(named(lang, m.name, m.name_en)),
        escape(deadline_text(m.baseline, lang)),
        escape(deadline_text(m.forecast, lang)),
        escape(days_left_text(m.days_left, lang)),
        escape(m.owner or DASH),
    ]


def _milestone_headers(lang: str) -> list[str]:
    return [
        label("milestone", lang),
        label("baseline", lang),
        label("forecast", lang),
        label("days_left", lang),
        label("owner", lang),
    ]


def _title(p: ProjectPage, lang: str) -> str:
    return f"{p.line.code} {named(lang, p.line.name, p.line.name_en)}"


def project_html(p: ProjectPage, lang: str) -> str:
    """The one-pager as one self-contained html page, A4."""
    line = p.line
    pairs = _facts(p, lang)
    rows = "".join(
        "<tr>"
        + "".join(f"<th>{escape(k)}</th><td>{escape(v)}</td>" for k, v in pairs[i : i + 2])
        + "</tr>"
        for i in range(0, len(pairs), 2)
    )
    scale = p.facts.get("scale")
    if scale:
        rows += (
            f'<tr><th>{escape(label("scale", lang))}</th><td colspan="3">{escape(scale)}</td></tr>'
        )
    reasons = "".join(f"<li>{escape(r)}</li>" for r in line.light_reasons)
    why = f'<ul class="reasons why">{reasons}</ul>' if reasons else ""
    milestones = (
        table(
            _milestone_headers(lang),
            [_milestone_row(m, lang) for m in p.next_milestones],
            {3},
            widths=(36, 17, 17, 14, 16),
        )
        if p.next_milestones
        else f'<p class="muted">{escape(tr(lang, "No open milestone."))}</p>'
    )
    problems = "".join(
        f"<li>{escape(q.description)}"
        + escape(
            paren(
                joined(
                    [q.owner or DASH, f"{tr(lang, 'resolve by')} {deadline_text(q.due, lang)}"]
                    + ([days_left_text(q.days_left, lang)] if (q.days_left or 0) < 0 else []),
                    lang,
                ),
                lang,
            )
        )
        + "</li>"
        for q in line.open_problems
    )
    status = (
        f'<p><span class="muted">{escape(plain_day(line.status_on, lang))}</span> '
        f"{escape(line.narrative)}</p>"
        if line.narrative
        else f'<p class="muted">{escape(tr(lang, "No status update yet."))}</p>'
    )
    inv = line.investment
    body = [
        f"<h1>{escape(_title(p, lang))}</h1>",
        f'<p class="muted">{escape(tr(lang, "Project on a page"))} · {escape(tr(lang, "as of"))} '
        f"{escape(plain_day(p.as_of, lang))}</p>",
        f'<table class="facts"><tbody>{rows}</tbody></table>',
        f"<h2>{escape(label('light', lang))} {light_badge(line.light, lang)}</h2>",
        why or f'<p class="muted">{escape(tr(lang, "Nothing is late, stale or over."))}</p>',
        light_weeks_svg(p.lights, lang) if p.lights else "",
        f"<h2>{escape(tr(lang, 'Next milestones'))}</h2>",
        milestones,
        slip_svg(p.slips, lang) if p.slips and p.slips.known else "",
        f"<h2>{escape(tr(lang, 'Investment this year'))}</h2>",
        curve_svg(p.year, inv.months, inv.plan_cents, p.through_month, inv.currency, lang),
        f"<h2>{escape(tr(lang, 'Open problems'))}</h2>",
        f"<ul>{problems}</ul>"
        if problems
        else f'<p class="muted">{escape(tr(lang, "No open problem."))}</p>',
        f"<h2>{escape(tr(lang, 'latest status'))}</h2>",
        status,
    ]
    return page(_title(p, lang), body, lang, ONE_PAGE_STYLE)


def project_markdown(p: ProjectPage, lang: str) -> str:
    """The one-pager as Markdown."""
    line = p.line
    out = [f"# {_title(p, lang)}", ""]
    out += [f"{tr(lang, 'Project on a page')} · {tr(lang, 'as of')} {plain_day(p.as_of, lang)}", ""]
    out += [f"| {label('field', lang)} | |", "|---|---|"]
    out += [f"| {k} | {_cell(v)} |" for k, v in _facts(p, lang)]
    if p.facts.get("scale"):
        out.append(f"| {label('scale', lang)} | {_cell(p.facts['scale'])} |")
    out += ["", f"## {label('light', lang)}: {light_text(line.light, lang)}", ""]
    out += [f"- {r}" for r in line.light_reasons] or [tr(lang, "Nothing is late, stale or over.")]
    if p.lights:
        weeks = [f"{week.split('-')[1]} {light_text(light, lang)}" for week, light in p.lights]
        out += ["", tr(lang, "Lights by week: {weeks}", weeks=" · ".join(weeks))]
    out += ["", f"## {tr(lang, 'Next milestones')}", ""]
    if p.next_milestones:
        headers = _milestone_headers(lang)
        out += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        out += [
            "| "
            + " | ".join(
                _cell(c)
                for c in [
                    named(lang, m.name, m.name_en),
                    deadline_text(m.baseline, lang),
                    deadline_text(m.forecast, lang),
                    days_left_text(m.days_left, lang),
                    m.owner or DASH,
                ]
            )
            + " |"
            for m in p.next_milestones
        ]
    else:
        out.append(tr(lang, "No open milestone."))
    if p.slips and p.slips.known:
        out += ["", tr(lang, "Slip by week, in days behind the baseline:"), ""]
        out += [
            "| "
            + " | ".join([tr(lang, "week")] + [_cell(line_name(m, lang)) for m in p.slips.lines])
            + " |"
        ]
        out += ["|" + "---|" * (len(p.slips.lines) + 1)]
        out += [
            "| "
            + " | ".join(
                [week.split("-")[1]] + [days_text(m.slips[n], lang) for m in p.slips.lines]
            )
            + " |"
            for n, week in enumerate(p.slips.weeks)
        ]
    out += ["", f"## {tr(lang, 'Open problems')}", ""]
    out += [
        f"- {q.description}"
        + paren(f"{q.owner or DASH}; {tr(lang, 'resolve by')} {deadline_text(q.due, lang)}", lang)
        for q in line.open_problems
    ] or [tr(lang, "No open problem.")]
    out += ["", f"## {tr(lang, 'latest status')}", ""]
    out.append(
        f"{plain_day(line.status_on, lang)} {line.narrative}"
        if line.narrative
        else tr(lang, "No status update yet.")
    )
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
