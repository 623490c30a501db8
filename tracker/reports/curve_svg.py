"""An SVG S-curve: the year's investment completed, month by month and added up, against the
annual plan spread over the months at 序时进度 (the share of the year gone).

The y axis is in 万元 (zh) or millions of the currency (en), the x axis in the year's months;
a legend names the three lines (completed so far, the plan at 序时进度, the annual plan). A
month with no report adds nothing; with no report at all there is no completed line and the
chart says so. Pure text out; no script, no fonts or images fetched.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

from tracker.core.dates import Deadline
from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.reports.formatting import ptr
from tracker.reports.page_fonts import svg_font

WIDTH = 1000
HEIGHT = 330
LEFT = 90
RIGHT = 20
TOP = 60
BOTTOM = 56
DONE = "#1f5fa8"
PLAN = "#c0392b"
ANNUAL = "#888888"


def _scale(currency: str, lang: str) -> tuple[int, str]:
    """Cents per unit of the y axis (万 in Chinese, as the xlsx's number format; millions in
    English) and the unit's words."""
    divisor = 1_000_000 if lang == "zh" else 100_000_000
    # Two calls, not one over a conditional, so that Babel extracts both.
    if currency == "CNY":
        return divisor, ptr(lang, "chart unit", "CNY m")
    return divisor, ptr(lang, "chart unit", "{currency} m", currency=currency)


def short_month(year: int, month: int, lang: str) -> str:
    """The month's name without its year: 3月, Mar."""
    label = Deadline.of(date(year, month, 1), "month").label(lang)
    return label.removeprefix(f"{year}年") if label.startswith(f"{year}年") else label.split()[0]


def nice_step(top: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks up to `top`."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)


def curve_svg(
    year: int,
    months: tuple[int | None, ...],
    plan_cents: int | None,
    through: int | None,
    currency: str,
    lang: str,
) -> str:
    """The S-curve of one year's investment (one project's or a portfolio's), as inline SVG."""
    divisor, unit = _scale(currency, lang)
    reported = any(m is not None for m in months[: through or 0])
    cumulative: list[float] = []
    total = 0
    for month in range(1, (through or 0) + 1):
        total += months[month - 1] or 0
        cumulative.append(total / divisor)
    plan = None if plan_cents is None else plan_cents / divisor
    highest = max([*cumulative, plan or 0])
    # With nothing to draw, the axis shows 0 alone (a scale of nothing would read 0.0, 0.0…).
    step = nice_step(highest * 1.1) if highest > 0 else 1.0
    top = step * math.ceil(highest * 1.1 / step) if highest > 0 else 1.0
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(month: float) -> float:
        return LEFT + inner_w * month / 12

    def y(value: float) -> float:
        return TOP + inner_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="curve chart" '
        f'{svg_font()} font-size="14">',
        _legend(lang),
    ]
    value = 0.0
    while value <= (top if highest > 0 else 0) + step / 1000:
        at = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{at:.1f}" x2="{WIDTH - RIGHT}" y2="{at:.1f}" '
            'stroke="#e4e4e4"/>'
            f'<text x="{LEFT - 6}" y="{at + 5:.1f}" text-anchor="end">{_number(value)}</text>'
        )
        value += step
    parts.append(
        f'<text x="{LEFT - 6}" y="{TOP - 20}" text-anchor="end" font-weight="bold">'
        f"{escape(unit)}</text>"
    )
    for month in range(1, 13):
        short = short_month(year, month, lang)
        parts.append(
            f'<line x1="{x(month):.1f}" y1="{TOP + inner_h}" x2="{x(month):.1f}" '
            f'y2="{TOP + inner_h + 5}" stroke="#666"/>'
            f'<text x="{x(month - 0.5):.1f}" y="{TOP + inner_h + 20}" text-anchor="middle">'
            f"{escape(short)}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" '
        'stroke="#666"/>'
        f'<text x="{LEFT + inner_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
        f"{escape(tr(lang, 'month of {year}', year=year))}</text>"
    )
    if plan is not None:
        parts.append(
            f'<line x1="{x(0):.1f}" y1="{y(plan):.1f}" x2="{x(12):.1f}" y2="{y(plan):.1f}" '
            f'stroke="{ANNUAL}" stroke-width="1.5"/>'
            f'<polyline class="plan" points="{x(0):.1f},{y(0):.1f} {x(12):.1f},{y(plan):.1f}" '
            f'fill="none" stroke="{PLAN}" stroke-width="2" stroke-dasharray="7 5"/>'
        )
    if reported:
        points = " ".join(
            f"{x(m):.1f},{y(v):.1f}" for m, v in [(0, 0.0), *enumerate(cumulative, 1)]
        )
        parts.append(
            f'<polyline class="done" points="{points}" fill="none" stroke="{DONE}" '
            'stroke-width="3"/>'
        )
        parts.extend(
            f'<circle cx="{x(m):.1f}" cy="{y(v):.1f}" r="3.5" fill="{DONE}"/>'
            for m, v in enumerate(cumulative, 1)
        )
        last = cumulative[-1]
        parts.append(
            f'<text x="{x(len(cumulative)) + 6:.1f}" y="{y(last) - 6:.1f}" fill="{DONE}" '
            f'font-weight="bold">{_number(last)}</text>'
        )
    else:
        parts.append(
            f'<text x="{LEFT + inner_w / 2:.1f}" y="{TOP + inner_h / 2:.1f}" '
            f'text-anchor="middle" fill="#666">'
            f"{escape(tr(lang, 'no investment reported this year'))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.1f}"


def _legend(lang: str) -> str:
    marks = [
        (f'stroke="{DONE}" stroke-width="3"', tr(lang, "completed, added up")),
        (
            f'stroke="{PLAN}" stroke-width="2" stroke-dasharray="7 5"',
            tr(lang, "annual plan at the time-elapsed schedule"),
        ),
        (f'stroke="{ANNUAL}" stroke-width="1.5"', tr(lang, "annual plan")),
    ]
    parts = ['<g class="legend">']
    at = LEFT
    for style, text in marks:
        parts.append(
            f'<line x1="{at}" y1="14" x2="{at + 28}" y2="14" {style}/>'
            f'<text x="{at + 34}" y="19">{escape(text)}</text>'
        )
        at += 34 + 8 * display_width(text) + 30
    parts.append("</g>")
    return "".join(parts)
