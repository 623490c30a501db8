"""The lights week by week as SVG: one project's as a row of coloured cells (the one-pager), the
portfolio's as stacked columns counting the projects at each light (the weekly report).

Each chart has a legend; the columns' axes carry their units (projects; ISO weeks). Pure text
out; no script, no fonts or images fetched.
"""

from __future__ import annotations

import math
from html import escape

from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.reports.contents import LIGHT_ORDER, WeekLights
from tracker.reports.curve_svg import nice_step
from tracker.reports.formatting import light_text
from tracker.reports.page_fonts import svg_font
from tracker.reports.timeline_svg import LIGHT_FILL

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 1000, 300, 70, 20, 62, 48


def _legend(lang: str, left: int, y: int = 6) -> str:
    parts = ['<g class="legend">']
    at = left
    for light in LIGHT_ORDER:
        words = light_text(light, lang)
        parts.append(
            f'<rect x="{at}" y="{y}" width="14" height="14" fill="{LIGHT_FILL[light]}"/>'
            f'<text x="{at + 20}" y="{y + 12}">{escape(words)}</text>'
        )
        at += 20 + 7 * display_width(words) + 24
    parts.append("</g>")
    return "".join(parts)


def light_weeks_svg(weeks: tuple[tuple[str, str | None], ...], lang: str) -> str:
    """The lights as a row of coloured cells, one a week, with a legend and the weeks' names."""
    cell, gap, left, top = 70, 6, 10, 34
    width = left * 2 + len(weeks) * (cell + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 112" width="{width}" '
        f'height="112" role="img" class="lights chart" {svg_font()} font-size="13">',
        _legend(lang, left),
    ]
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


def portfolio_lights_svg(weeks: tuple[WeekLights, ...], lang: str) -> str:
    """The portfolio's lights at the end of each week as stacked columns (red at the bottom),
    the count in each part tall enough to hold it and the total above each column."""
    highest = max(sum(n for _light, n in w.by_light) for w in weeks)
    step = max(1, math.ceil(nice_step(highest * 1.1))) if highest > 0 else 1
    top = step * -(-highest // step) if highest > 0 else 1
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = inner_w / len(weeks)

    def y(value: float) -> float:
        return TOP + inner_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="light-weeks chart" '
        f'{svg_font()} font-size="14">',
        _legend(lang, LEFT),
        f'<text x="{LEFT - 8}" y="{TOP - 16}" text-anchor="end" font-weight="bold">'
        f"{escape(tr(lang, 'projects'))}</text>",
    ]
    for value in range(0, top + 1, step):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" '
            f'stroke="#e4e4e4"/><text x="{LEFT - 8}" y="{y(value) + 5:.1f}" '
            f'text-anchor="end">{value:,}</text>'
        )
    for n, week in enumerate(weeks):
        x, base = LEFT + n * slot + slot * 0.15, 0
        for light, count in week.by_light:
            if count:
                words = f"{week.week} {light_text(light, lang)} {count}"
                parts.append(
                    f'<rect x="{x:.1f}" y="{y(base + count):.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{y(base) - y(base + count):.1f}" fill="{LIGHT_FILL[light]}">'
                    f"<title>{escape(words)}</title></rect>"
                )
                if y(base) - y(base + count) >= 16:
                    middle = (y(base) + y(base + count)) / 2 + 5
                    parts.append(
                        f'<text x="{x + slot * 0.35:.1f}" y="{middle:.1f}"'
                        f' text-anchor="middle" font-size="12">{count:,}</text>'
                    )
            base += count
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{y(base) - 4:.1f}" text-anchor="middle" '
            f'font-size="12" fill="#444">{base:,}</text>'
            f'<text x="{x + slot * 0.35:.1f}" y="{TOP + inner_h + 20}" text-anchor="middle">'
            f"{escape(week.week.split('-')[1])}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" '
        f'stroke="#666"/><text x="{LEFT + inner_w / 2:.1f}" y="{HEIGHT - 6}" '
        f'text-anchor="middle">'
        f"{escape(tr(lang, 'ISO week, ending {week}', week=weeks[-1].week))}</text></svg>"
    )
    return "".join(parts)
