"""An SVG timeline: one row per project, its milestones placed on a time axis, a line for today.

A done milestone is a filled green dot; an open one a hollow dot, red when overdue. The project's
light is the dot before its name. The axis runs from the quarter of the earliest milestone to
the end of the quarter of the latest, with a line at each year and a tick at each quarter; a
legend above says what each mark means. Pure text out; no script, no fonts or images fetched.
"""

from __future__ import annotations

from datetime import date
from html import escape

from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.reports.contents import MilestoneLine, ProjectLine
from tracker.reports.formatting import deadline_text, named
from tracker.reports.page_fonts import svg_font

LIGHT_FILL = {"red": "#d9534f", "amber": "#f0ad4e", "green": "#5cb85c", None: "#c8c8c8"}
WIDTH = 1000
LABEL = 300
RIGHT = 16
ROW = 20
TOP = 56
# Rows in one chart: 45 rows and the legend print a little over half an A4 page.
ROWS_PER_CHART = 45
LEGEND = 14
# Each mark's dot: (outer width, inner width, edge colour, face colour); a dot 9 wide, edged.
MARKS = {
    "done": (10, 8, "#2d7a3c", "#3c9a4e"),
    "overdue": (10, 8, "#a94442", "#d9534f"),
    "open": (10.5, 7.5, "#333333", "#ffffff"),
}


def _when(m: MilestoneLine) -> date | None:
    shown = m.done or m.due
    return None if shown is None else shown.due


def _clip(text: str, cells: int) -> str:
    if display_width(text) <= cells:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def timeline_svg(projects: tuple[ProjectLine, ...], today: date, lang: str) -> str:
    """The timeline of every project's milestones against `today`, as inline SVG: one chart of
    at most ROWS_PER_CHART projects after another, on one time axis, each with its legend (one
    chart of a thousand rows would not fit on a printed page, and would be cut off)."""
    days = [d for p in projects for m in p.milestones if (d := _when(m)) is not None]
    first = _quarter_start(min([*days, today]))
    last = _quarter_start(max([*days, today]), after=True)
    return "".join(
        _chart(projects[start : start + ROWS_PER_CHART], first, last, today, lang)
        for start in range(0, max(len(projects), 1), ROWS_PER_CHART)
    )


def _chart(
    projects: tuple[ProjectLine, ...], first: date, last: date, today: date, lang: str
) -> str:
    span = (last - first).days
    height = TOP + ROW * len(projects) + 24

    def x(day: date) -> str:
        return f"{LABEL + (WIDTH - LABEL - RIGHT) * (day - first).days / span:.1f}"

    marks: dict[str, list[str]] = {kind: [] for kind in MARKS}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="timeline chart" '
        f'{svg_font()} font-size="13">',
        _legend(lang),
    ]
    quarter = first
    while quarter < last:
        at = x(quarter)
        if quarter.month == 1 or quarter == first:
            parts.append(
                f'<line x1="{at}" y1="{TOP - 6}" x2="{at}" y2="{height - 20}" stroke="#d0d0d0"/>'
                f'<text x="{float(at) + 3:.1f}" y="{TOP - 10}">'
                f"{quarter.year}</text>"
            )
        else:
            parts.append(f'<line x1="{at}" y1="{TOP - 6}" x2="{at}" y2="{TOP}" stroke="#b0b0b0"/>')
        quarter = _quarter_start(quarter, after=True)
    for row, p in enumerate(projects):
        y = TOP + ROW * row + ROW / 2
        if row % 2:
            parts.append(
                f'<rect x="0" y="{y - ROW / 2:.1f}" width="{WIDTH}" height="{ROW}" fill="#f6f6f6"/>'
            )
        name = escape(_clip(f"{p.code} {named(lang, p.name, p.name_en)}", 42))
        parts.append(
            f'<circle cx="8" cy="{y:.1f}" r="5" fill="{LIGHT_FILL.get(p.light, "#c8c8c8")}">'
            f"<title>{escape(p.light or '—')}</title></circle>"
            f'<text x="18" y="{y + 4:.1f}">{name}<title>{_milestones(p, lang)}</title></text>'
        )
        for m in p.milestones:
            if (day := _when(m)) is not None:
                marks[_kind(m)].append(f"M{x(day)} {y:.1f}h0")
    for kind, (outer, inner, edge, face) in MARKS.items():
        # Every marker of a kind is a dot of one path (a zero-length stroke with round caps),
        # its face a smaller dot on it: six paths a chart, not a node a milestone, which cost
        # WeasyPrint half a minute at a thousand projects.
        if marks[kind]:
            d = "".join(marks[kind])
            parts.append(
                f'<path class="marks {kind}" d="{d}" stroke="{edge}" stroke-width="{outer}" '
                f'stroke-linecap="round" fill="none"/>'
                f'<path d="{d}" stroke="{face}" stroke-width="{inner}" stroke-linecap="round" '
                'fill="none"/>'
            )
    today_x = x(today)
    parts.append(
        f'<line x1="{today_x}" y1="{TOP - 6}" x2="{today_x}" y2="{height - 20}" '
        'stroke="#c00" stroke-width="1.5" stroke-dasharray="4 3"/>'
        f'<text x="{today_x}" y="{height - 6}" text-anchor="middle" fill="#c00">'
        f"{escape(tr(lang, 'today'))} {today.isoformat()}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _quarter_start(day: date, after: bool = False) -> date:
    """The first day of the day's quarter, or of the next quarter with `after`."""
    start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if not after:
        return start
    return date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)


def _legend(lang: str) -> str:
    """What the marks mean, on a line above the axis."""
    marks = [
        (
            '<circle cx="{x}" cy="{y}" r="4" fill="#3c9a4e" stroke="#2d7a3c"/>',
            tr(lang, "milestone done"),
        ),
        (
            '<circle cx="{x}" cy="{y}" r="4" fill="#ffffff" stroke="#333333" stroke-width="1.5"/>',
            tr(lang, "milestone open"),
        ),
        (
            '<circle cx="{x}" cy="{y}" r="4" fill="#d9534f" stroke="#a94442"/>',
            tr(lang, "milestone overdue"),
        ),
        (
            '<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#c00" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>',
            tr(lang, "today"),
        ),
        (
            "".join(
                f'<circle cx="{{x{i}}}" cy="{{y}}" r="4" fill="{LIGHT_FILL[light]}"/>'
                for i, light in enumerate(("red", "amber", "green"))
            ),
            tr(lang, "the project's light"),
        ),
    ]
    parts = ['<g class="legend">']
    at = 8
    for mark, text in marks:
        shift = 18 if "x2}" in mark else 0
        parts.append(
            mark.format(x=at, y=LEGEND, x0=at, x1=at + 9, x2=at + 18, y0=LEGEND - 6, y1=LEGEND + 6)
            + f'<text x="{at + 9 + shift}" y="{LEGEND + 4}">{escape(text)}</text>'
        )
        at += 9 + shift + 7 * display_width(text) + 24
    parts.append("</g>")
    return "".join(parts)


def _milestones(p: ProjectLine, lang: str) -> str:
    """The row's tooltip: its dated milestones, each with its day (a screen's help; the PDF
    leaves tooltips out)."""
    return escape(
        "; ".join(
            f"{named(lang, m.name, m.name_en)} {deadline_text(m.done or m.due, lang)}"
            for m in p.milestones
            if _when(m) is not None
        )
    )


def _kind(m: MilestoneLine) -> str:
    """Which mark a milestone gets: done, overdue or open."""
    if m.done is not None:
        return "done"
    return "overdue" if (m.days_left or 0) < 0 else "open"
