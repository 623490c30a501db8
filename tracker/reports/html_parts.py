"""Pieces the html pages share: a light's badge and a table whose short headers never wrap."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tracker.core.textable import display_width
from tracker.reports.formatting import light_text

# A header this wide (Chinese characters count double) or narrower stays on one line: a narrow
# column otherwise breaks 类型 into one character per line.
SHORT_HEADER = 12


def _cell(html: str, numeric: bool) -> str:
    """A cell; a short one (a number, a day, a time) is never broken across lines."""
    short = len(html) <= SHORT_HEADER and "<" not in html
    classes = " ".join(c for c, on in (("num", numeric), ("short", short)) if on)
    return f'<td class="{classes}">{html}</td>' if classes else f"<td>{html}</td>"


def light_badge(light: str | None, lang: str) -> str:
    """The light's word on its colour."""
    return f'<span class="light {light or "none"}">{escape(light_text(light, lang))}</span>'


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: set[int],
    widths: Sequence[int] = (),
) -> str:
    """A table of already escaped cells; `numeric` columns are right-aligned; `widths` in %.
    A table given its widths is laid out by them alone (table-layout: fixed), not by measuring
    every cell first: a PDF of a thousand rows lays out in half the time."""
    head = "".join(
        f'<th class="short">{escape(h)}</th>'
        if display_width(h) <= SHORT_HEADER
        else f"<th>{escape(h)}</th>"
        for h in headers
    )
    body = "".join(
        "<tr>" + "".join(_cell(c, i in numeric) for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    opening = '<table class="fixed">' if widths else "<table>"
    return f"{opening}{cols and f'<colgroup>{cols}</colgroup>'}<thead><tr>{head}</tr></thead>" + (
        f"<tbody>{body}</tbody></table>"
    )
