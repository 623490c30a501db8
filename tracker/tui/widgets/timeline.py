"""The timeline: each milestone as marks and a slip bar against today, drawn in the terminal.

◇ baseline   ◆ forecast   ✔ done   │ today; the bar between baseline and forecast is the slip
(red when later than the baseline, green when earlier).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from tracker.tui import formats

NAME_CELLS = 16


def _span(milestones: list[dict[str, Any]], today: date) -> tuple[date, date]:
    days = [today]
    for m in milestones:
        days.extend(d for d in (m["baseline"], m["forecast"], m["done"]) if d is not None)
    start, end = min(days), max(days)
    margin = max(15, (end - start).days // 20)
    return start - timedelta(days=margin), end + timedelta(days=margin)


def draw(milestones: list[dict[str, Any]], today: date, width: int, lang: str) -> Text:
    """The timeline as text `width` cells wide: a scale line, then one line a milestone."""
    chart = max(10, width - NAME_CELLS - 1)
    start, end = _span(milestones, today)
    total = max(1, (end - start).days)

    def at(day: date) -> int:
        return min(chart - 1, max(0, round((day - start).days * (chart - 1) / total)))

    scale = [" "] * chart
    for year in range(start.year + 1, end.year + 1):
        label = str(year)
        x = at(date(year, 1, 1))
        if x + len(label) <= chart and all(c == " " for c in scale[x : x + len(label) + 1]):
            scale[x : x + len(label)] = list(label)
    out = Text(" " * (NAME_CELLS + 1) + "".join(scale) + "\n", style="dim")
    now = at(today)
    for m in milestones:
        cells = ["·"] * chart
        styles: list[str | None] = ["dim"] * chart
        cells[now], styles[now] = "│", "bold blue"
        base, fore, done = m["baseline"], m["forecast"], m["done"]
        if base and fore and base != fore:
            lo, hi = sorted((at(base), at(fore)))
            for x in range(lo, hi + 1):
                cells[x], styles[x] = "─", "red" if fore > base else "green"
        if base:
            cells[at(base)], styles[at(base)] = "◇", "bold"
        if fore:
            late = fore < today and done is None
            cells[at(fore)], styles[at(fore)] = "◆", "bold red" if late else "bold yellow"
        if done:
            cells[at(done)], styles[at(done)] = "✔", "bold green"
        name = formats.named(m, lang)
        if cell_len(name) > NAME_CELLS:
            name = set_cell_size(name, NAME_CELLS - 1) + "…"
        out.append(set_cell_size(name, NAME_CELLS) + " ")
        for cell, style in zip(cells, styles, strict=True):
            out.append(cell, style)
        out.append("\n")
    out.rstrip()
    return out


class Timeline(Widget):
    """The milestones of one project against today."""

    DEFAULT_CSS = """
    Timeline { height: auto; max-height: 12; padding: 0 1; }
    """

    def __init__(self, lang: str, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.today = today
        self.milestones: list[dict[str, Any]] = []

    def show(self, milestones: list[dict[str, Any]]) -> None:
        """Draw these milestones."""
        self.milestones = milestones
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        if not self.milestones:
            return Text("")
        return draw(self.milestones, self.today, self.content_size.width, self.lang)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self.milestones) + 1 if self.milestones else 0
