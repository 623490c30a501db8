"""Plain-text tables whose columns line up with Chinese (double-width) text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def visible(text: str) -> str:
    """`text` fit for a terminal: control characters (ESC, newline, …) shown escaped, `\\x1b`,
    so that text from a user can neither move the cursor nor forge a line."""
    if text.isprintable():
        return text
    return "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200d" else ascii(ch)[1:-1]
        for ch in text
    )


def display_width(text: str) -> int:
    """How many terminal cells `text` takes: wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def render(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()
) -> str:
    """A table with a header line and a rule; columns in `right` are right-aligned.

    Each distinct text of a column is measured and padded once: a column of tens of thousands
    of rows holds a few hundred distinct due days, owners or kinds.
    """
    rows = [[visible(text) for text in row] for row in rows]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(headers)
    widths = []
    padded_columns = []
    for i, (header, column) in enumerate(zip(headers, columns, strict=True)):
        distinct = set(column)
        width = max(display_width(text) for text in (header, *distinct))
        padded = {text: pad(text, width, right=i in right) for text in distinct}
        widths.append(width)
        padded_columns.append(map(padded.__getitem__, column))
    lines = [
        "  ".join(
            pad(h, w, right=i in right)
            for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        ).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(cells).rstrip() for cells in zip(*padded_columns, strict=True)]
    return "\n".join(lines)
