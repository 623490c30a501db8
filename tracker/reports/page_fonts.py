"""The fonts a report page asks for, Chinese ones first, in one place: the html's style and the
SVG charts (WeasyPrint does not let an inline SVG inherit the page's font, and a generic
`sans-serif` would set Chinese text in a Japanese face)."""

from __future__ import annotations

FONT_STACK = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
)
"""The CSS font-family list; `tracker.reports.pdf` puts the system's own Chinese font first."""


def svg_font() -> str:
    """The font-family attribute of an SVG chart's root element."""
    return f'font-family="{FONT_STACK}"'
