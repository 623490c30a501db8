"""The weekly page's headline, in html: the lights, what turned red, slipped and was finished
this week, and the investment against 序时进度 (tracker.reports.headline)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from tracker.i18n.catalogue import tr
from tracker.reports.contents import ChangeLine, WeeklyReport
from tracker.reports.formatting import (
    covered_money,
    days_text,
    iso_day_text,
    light_text,
    named,
    paren,
    percent_text,
    year_to_date_label,
)
from tracker.reports.headline import headline
from tracker.reports.html_parts import light_badge


def headline_html(report: WeeklyReport, lang: str) -> str:
    """The headline section: the lights in large type, then the week's news in a short table."""
    h = headline(report)
    lights = " ".join(
        f'<span class="count">{light_badge(k, lang)} <b>{n}</b></span>' for k, n in h.by_light
    )
    rows = [
        (tr(lang, "turned red this week"), [_turned_red(c, lang) for c in h.turned_red]),
        (tr(lang, "slipped this week"), [_slipped(c, lang) for c in h.slipped]),
        (tr(lang, "finished this week"), [_finished(c, lang) for c in h.finished]),
        (tr(lang, "investment against the schedule"), _investment(report, dict(h.behind), lang)),
    ]
    body = "".join(
        f"<tr><th>{escape(key)}</th><td>"
        + (
            "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
            if items
            else f'<span class="muted">{escape(tr(lang, "none this week"))}</span>'
        )
        + "</td></tr>"
        for key, items in rows
    )
    return f'<p class="lights">{lights}</p><table class="glance"><tbody>{body}</tbody></table>'


def _project(c: ChangeLine, lang: str) -> str:
    return f"<b>{escape(c.project)}</b> {escape(named(lang, c.project_name, c.project_name_en))}"


def _turned_red(c: ChangeLine, lang: str) -> str:
    was = tr(lang, "was {light}", light=light_text(c.old, lang))
    return _project(c, lang) + escape(paren(was, lang))


def _slipped(c: ChangeLine, lang: str) -> str:
    move = tr(
        lang,
        "{item}: {old} → {new}",
        item=named(lang, c.item, c.item_en),
        old=iso_day_text(c.old, c.old_precision, lang),
        new=iso_day_text(c.new, c.new_precision, lang),
    )
    return f"{_project(c, lang)} · {escape(move)} <b>{escape(days_text(c.days, lang))}</b>"


def _finished(c: ChangeLine, lang: str) -> str:
    item = named(lang, c.item, c.item_en)
    day = iso_day_text(c.new, c.new_precision, lang)
    return f"{_project(c, lang)} · {escape(item)}{escape(paren(day, lang))}"


def _investment(report: WeeklyReport, behind: dict[str, Decimal], lang: str) -> list[str]:
    s = report.summary
    lines = []
    for m in s.money:
        done = covered_money(
            m.year_to_date_cents, m.currency, m.projects_with_year_to_date, m.projects, lang
        )
        text = tr(
            lang,
            "{completed} {amount}: {share} of the annual plan; time elapsed {schedule}",
            completed=year_to_date_label(s.year, s.through_month, lang),
            amount=done,
            share=percent_text(m.share_of_plan),
            schedule=percent_text(s.time_elapsed),
        )
        gap = ""
        points = behind.get(m.currency)
        if points is not None:
            words = (
                tr(lang, "{points:.1f} points behind", points=points)
                if points > 0
                else tr(lang, "{points:.1f} points ahead", points=-points)
            )
            style = "behind" if points > 0 else "ahead"
            gap = f' <b class="{style}">{escape(words)}</b>'
        lines.append(escape(text) + gap)
    return lines
