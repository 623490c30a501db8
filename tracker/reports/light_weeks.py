"""A project's light week by week, over the last weeks, and its picture (SVG).

The light of a week is the one the officers had recorded when the week ended (Sunday 24:00 in
the office's time zone): the override then in force, from the audit trail, else the light of
the latest status update reported by that Sunday. A week before any of them has no light.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from html import escape
from typing import Any

from tracker.config.office_time import start_of
from tracker.core.dates import iso_week_of
from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.reports.formatting import light_text
from tracker.reports.page_fonts import svg_font
from tracker.reports.timeline_svg import LIGHT_FILL
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.views.portfolio import moment

WEEKS = 12


def light_weeks(
    conn: PlainConnection, project: dict[str, Any], today: date, tz: tzinfo, weeks: int = WEEKS
) -> tuple[tuple[str, str | None], ...]:
    """The last `weeks` ISO weeks up to the one holding `today`, oldest first, each with the
    project's recorded light at its end (or at `today`, for the week not yet over)."""
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    ends = [min(monday + timedelta(days=6), today) for monday in mondays]
    since = start_of(mondays[0] + timedelta(days=7), tz)
    overrides = [
        e
        for e in queries.field_changes_since(conn, "project", "light_override", since)
        if e["project_code"] == project["code"]
    ]
    statuses = sorted(
        queries.status_history(conn, project["id"]), key=lambda s: (s["reported_on"], s["id"])
    )
    found = []
    for monday, end in zip(mondays, ends, strict=True):
        when = start_of(end + timedelta(days=1), tz)
        later = [e for e in overrides if moment(e["at"]) >= when]
        override = later[0]["old"] if later else project["light_override"]
        reported = [s["light"] for s in statuses if s["reported_on"] <= end]
        found.append((iso_week_of(monday), override or (reported[-1] if reported else None)))
    return tuple(found)


def light_weeks_svg(weeks: tuple[tuple[str, str | None], ...], lang: str) -> str:
    """The lights as a row of coloured cells, one a week, with a legend and the weeks' names."""
    cell, gap, left, top = 70, 6, 10, 34
    width = left * 2 + len(weeks) * (cell + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 112" width="{width}" '
        f'height="112" role="img" class="lights chart" {svg_font()} font-size="13">',
        '<g class="legend">',
    ]
    at = left
    for light in ("red", "amber", "green", None):
        words = light_text(light, lang)
        parts.append(
            f'<rect x="{at}" y="6" width="14" height="14" fill="{LIGHT_FILL[light]}"/>'
            f'<text x="{at + 20}" y="18">{escape(words)}</text>'
        )
        at += 20 + 7 * display_width(words) + 24
    parts.append("</g>")
    for n, (week, light) in enumerate(weeks):
        x = left + n * (cell + gap)
        parts.append(
            f'<rect x="{x}" y="{top}" width="{cell}" height="30" fill="{LIGHT_FILL[light]}">'
            f"<title>{escape(week)} {escape(light_text(light, lang))}</title></rect>"
            f'<text x="{x + cell / 2}" y="{top + 48}" text-anchor="middle">'
            f"{escape(week.split('-')[1])}</text>"
        )
    parts.append(
        f'<text x="{width / 2}" y="106" text-anchor="middle">'
        f"{escape(tr(lang, 'ISO week, ending {week}', week=weeks[-1][0]))}</text></svg>"
    )
    return "".join(parts)
