"""Milestone slip over time as SVG (the one-pager): a line a milestone through its slip in days
at the end of each week, on a zero line that is the baseline.

The legend, right of the plot, names each line with its latest slip; the y axis is in days
behind the baseline (below zero: ahead of it), the x axis in ISO weeks. A week with no slip
recorded breaks the line. Pure text out; no script, no fonts or images fetched.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.reports.contents import SlipLine, SlipWeeks
from tracker.reports.curve_svg import nice_step
from tracker.reports.formatting import days_text, named
from tracker.reports.page_fonts import svg_font

WIDTH, LEFT, PLOT_RIGHT, TOP, INNER_HEIGHT, BOTTOM = 1000, 60, 650, 30, 100, 44
LEGEND_LEFT, LEGEND_COLUMNS, LINE_HEIGHT = 680, 40, 18
"""The legend stands right of the plot, a milestone's words wrapped at LEGEND_COLUMNS cells."""
COLOURS = ("#1f5fa8", "#8e44ad", "#16a085", "#a0522d")
"""A line's colour, in the order of the lines (none of them a light's)."""


def line_name(line: SlipLine, lang: str) -> str:
    """The milestone's name, marked when it is the project's completion."""
    name = named(lang, line.name, line.name_en)
    return tr(lang, "{milestone} (completion)", milestone=name) if line.completion else name


def latest(line: SlipLine) -> int | None:
    """The line's slip in its latest week with one."""
    return next((s for s in reversed(line.slips) if s is not None), None)


def wrapped(text: str, columns: int) -> list[str]:
    """`text` in lines of at most `columns` cells, broken at spaces (anywhere in Chinese)."""
    lines = [""]
    for piece in text.split(" ") if text.isascii() else list(text):
        joined = f"{lines[-1]} {piece}" if lines[-1] and text.isascii() else lines[-1] + piece
        if lines[-1] and display_width(joined) > columns:
            lines.append(piece)
        else:
            lines[-1] = joined
    return lines


def _legend(lines: tuple[SlipLine, ...], lang: str) -> tuple[str, int]:
    """The legend, a milestone under another, and the height it takes."""
    parts, y = ['<g class="legend">'], TOP
    for line, colour in zip(lines, COLOURS, strict=False):
        words = wrapped(f"{line_name(line, lang)} {days_text(latest(line), lang)}", LEGEND_COLUMNS)
        parts.append(
            f'<line x1="{LEGEND_LEFT}" y1="{y - 5}" x2="{LEGEND_LEFT + 28}" y2="{y - 5}" '
            f'stroke="{colour}" stroke-width="{3 if line.completion else 2}"/>'
        )
        parts.extend(
            f'<text x="{LEGEND_LEFT + 36}" y="{y + n * LINE_HEIGHT}">{escape(text)}</text>'
            for n, text in enumerate(words)
        )
        y += len(words) * LINE_HEIGHT + 10
    parts.append("</g>")
    return "".join(parts), y


def scale(lines: tuple[SlipLine, ...]) -> tuple[int, int, int]:
    """The y axis's lowest and highest value and its step, in whole days, zero within."""
    known = [s for line in lines for s in line.slips if s is not None]
    low, high = min([0, *known]), max([0, *known])
    step = max(1, math.ceil(nice_step((high - low) * 1.1))) if high > low else 5
    return step * math.floor(low / step), max(step * math.ceil(high / step), step), step


def slip_svg(slips: SlipWeeks, lang: str) -> str:
    """The chart of `slips`: a line a milestone, a column a week, the legend on the right."""
    legend, legend_end = _legend(slips.lines, lang)
    height = max(TOP + INNER_HEIGHT + BOTTOM, legend_end)
    low, high, step = scale(slips.lines)
    slot = (PLOT_RIGHT - LEFT) / len(slips.weeks)

    def x(week: int) -> float:
        return LEFT + slot * (week + 0.5)

    def y(days: float) -> float:
        return TOP + INNER_HEIGHT * (high - days) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="slip chart" '
        f'{svg_font()} font-size="14">',
        legend,
        f'<text x="0" y="{TOP - 16}" font-weight="bold">'
        f"{escape(tr(lang, 'days behind the baseline'))}</text>",
    ]
    for days in range(low, high + 1, step):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(days):.1f}" x2="{PLOT_RIGHT}" y2="{y(days):.1f}" '
            f'stroke="{"#666" if days == 0 else "#e4e4e4"}"/>'
            f'<text x="{LEFT - 8}" y="{y(days) + 5:.1f}" text-anchor="end">{days:,}</text>'
        )
    for n, week in enumerate(slips.weeks):
        parts.append(
            f'<text x="{x(n):.1f}" y="{TOP + INNER_HEIGHT + 20}" text-anchor="middle">'
            f"{escape(week.split('-')[1])}</text>"
        )
    # The first line (the completion, when followed) is drawn last, on top of any it meets.
    for line, colour in reversed(list(zip(slips.lines, COLOURS, strict=False))):
        parts.extend(_line(line, colour, x, y))
    parts.append(
        f'<text x="{(LEFT + PLOT_RIGHT) / 2:.1f}" y="{TOP + INNER_HEIGHT + BOTTOM - 6}" '
        f'text-anchor="middle">'
        f"{escape(tr(lang, 'ISO week, ending {week}', week=slips.weeks[-1]))}</text></svg>"
    )
    return "".join(parts)


def runs(line: SlipLine) -> list[list[tuple[int, int]]]:
    """The line's runs of consecutive weeks with a slip, as (week index, days): where it is
    drawn unbroken (here and on the TUI's chart)."""
    found: list[list[tuple[int, int]]] = [[]]
    for n, days in enumerate(line.slips):
        if days is None:
            found.append([])
        else:
            found[-1].append((n, days))
    return [run for run in found if run]


def _line(
    line: SlipLine, colour: str, x: Callable[[int], float], y: Callable[[float], float]
) -> list[str]:
    """One milestone's runs of known weeks as polylines, and a dot at each week."""
    width = 3 if line.completion else 2
    parts = []
    for run in runs(line):
        points = [f"{x(n):.1f},{y(days):.1f}" for n, days in run]
        if len(points) > 1:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}"/>'
            )
        parts.extend(
            f'<circle cx="{x(n):.1f}" cy="{y(days):.1f}" r="3.5" fill="{colour}"/>'
            for n, days in run
        )
    return parts
