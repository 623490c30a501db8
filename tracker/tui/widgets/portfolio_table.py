"""The portfolio table: a Line-API widget that formats only the rows on screen.

Ten thousand projects cost a sort and a filter over plain dicts, never a formatted cell each:
`render_line` builds the one line Textual asks for, from the row at that place in the view.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.tui.widgets.columns import COLUMNS, Column, Row

SEPARATOR = " "
SEARCHED = ("code", "name", "name_en", "unit", "officer", "owner_org", "leader")


def fit(text: str, width: int, *, right: bool = False) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis (CJK-aware)."""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)
    return " " * (width - length) + text if right else text + " " * (width - length)


def sorted_header(header: str, arrow: str, width: int, *, right: bool = False) -> str:
    """A sorted column's header in `width` cells: the arrow always shows, the label is cut
    (with an ellipsis) to leave it room ("lig…▲", never "ligh…")."""
    if width <= cell_len(arrow):
        return set_cell_size(arrow, width)
    room = width - cell_len(arrow)
    label = header if cell_len(header) <= room else fit(header, room)
    return fit(label + arrow, width, right=right)


def layout(columns: tuple[Column, ...], lang: str, room: int) -> list[tuple[Column, int]]:
    """The columns that fit in `room` cells and their widths; flex columns share the rest."""
    shown = list(columns)
    widths = {c.key: max(c.width, cell_len(c.header(lang))) for c in columns}

    def needed() -> int:
        return sum(widths[c.key] for c in shown) + len(SEPARATOR) * (len(shown) - 1)

    for column in sorted((c for c in columns if c.drop is not None), key=lambda c: c.drop or 0):
        if needed() <= room:
            break
        shown.remove(column)
    spare = max(0, room - needed())
    flex = [c for c in shown if c.flex]
    result = []
    for column in shown:
        width = widths[column.key]
        if column.flex and flex:
            share = spare // len(flex)
            if column is flex[0]:
                share += spare % len(flex)
            width += share
        result.append((column, width))
    return result


class PortfolioTable(ScrollView, can_focus=True):
    """One line a project; sort by any column, filter as you type, Enter opens the project."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "portfolio-table--header",
        "portfolio-table--cursor",
        "portfolio-table--sorted",
    }
    DEFAULT_CSS = """
    PortfolioTable {
        scrollbar-size-vertical: 1;
        & > .portfolio-table--header { text-style: bold; background: $panel; }
        & > .portfolio-table--sorted { text-style: bold underline; background: $panel; }
        & > .portfolio-table--cursor { background: $block-cursor-background; }
        &:blur > .portfolio-table--cursor { background: $block-cursor-blurred-background; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "open", "open", show=False),
        Binding("s", "sort_next", "sort"),
        Binding("S", "sort_reverse", "reverse", key_display="S"),
    ]

    cursor = reactive(0, always_update=True)

    class Opened(Message):
        """The user asked to open the project with this code."""

        def __init__(self, code: str) -> None:
            self.code = code
            super().__init__()

    class ViewChanged(Message):
        """The rows shown changed (loaded, filtered or sorted)."""

    class RowsPainted(Message):
        """The table has drawn rows into a frame for the first time."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.rows: list[Row] = []
        self.view: list[Row] = []
        self.sort_index = 1
        self.sort_reverse = False
        self.filter_text = ""
        self._haystacks: dict[int, str] = {}
        self._texts: dict[int, list[str]] = {}
        self._layout: list[tuple[Column, int]] = []
        self._layout_width = -1
        self._rows_painted = False
        self._lights: dict[str, str] = {}

    # -- data ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        """Show these rows (kept sorted and filtered as before); the cursor stays on its project.

        Each row's light is the alert rules' one given to set_lights, or none until it is known:
        the table never shows a light of another origin that the rules' one would replace.
        """
        current = self.current_code
        for row in rows:
            row["light"] = self._lights.get(row["code"])
        self.rows = rows
        self._haystacks.clear()
        self._texts.clear()
        self._rebuild(keep=current)

    def set_lights(self, lights: dict[str, str]) -> None:
        """Show each project's light (by code) as the alert rules give it."""
        self._lights = lights
        for row in self.rows:
            row["light"] = lights.get(row["code"])
        self._texts.clear()
        self._rebuild(keep=self.current_code)

    def set_filter(self, text: str) -> None:
        """Show only rows whose code, name, unit or officer contain every word of `text`."""
        self.filter_text = text
        self._rebuild(keep=self.current_code)

    def sort_by(self, index: int, reverse: bool = False) -> None:
        """Sort by the column at `index` of COLUMNS; unknown values go last either way."""
        self.sort_index = index % len(COLUMNS)
        self.sort_reverse = reverse
        self._rebuild(keep=self.current_code)

    @property
    def current_code(self) -> str | None:
        """The code of the project under the cursor."""
        if 0 <= self.cursor < len(self.view):
            return str(self.view[self.cursor]["code"])
        return None

    def _rebuild(self, keep: str | None) -> None:
        rows = self.rows
        words = self.filter_text.lower().split()
        if words:
            rows = [row for row in rows if all(w in self._haystack(row) for w in words)]
        key = COLUMNS[self.sort_index].sort
        known = [row for row in rows if key(row) is not None]
        unknown = [row for row in rows if key(row) is None]
        known.sort(key=key, reverse=self.sort_reverse)
        self.view = known + unknown
        self.virtual_size = Size(0, len(self.view) + 1)  # lines fit the width: no x scroll
        codes = [row["code"] for row in self.view] if keep is not None else []
        self.cursor = codes.index(keep) if keep in codes else 0
        self.refresh()
        self.post_message(self.ViewChanged())

    def _haystack(self, row: Row) -> str:
        text = self._haystacks.get(row["id"])
        if text is None:
            text = " ".join(str(row.get(k) or "") for k in SEARCHED).lower()
            self._haystacks[row["id"]] = text
        return text

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """The header (line 0) or the row at this place in the view."""
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._layout = layout(COLUMNS, self.lang, width)
            self._layout_width = width
        if self.view and not self._rows_painted:
            # This frame is drawn and shown as one step, so its rows are on screen once the
            # message is read (waiting for a refresh after it would wait for another frame).
            self._rows_painted = True
            self.post_message(self.RowsPainted())
        if y == 0:
            return self._header_strip(width)
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.view):
            return Strip.blank(width, self.rich_style)
        return self._row_strip(index, width)

    def _header_strip(self, width: int) -> Strip:
        base = self.get_component_rich_style("portfolio-table--header")
        sorted_style = self.get_component_rich_style("portfolio-table--sorted")
        segments = []
        for i, (column, cells) in enumerate(self._layout):
            is_sorted = column is COLUMNS[self.sort_index]
            if i:
                segments.append(Segment(SEPARATOR, base))
            if is_sorted:
                arrow = "▼" if self.sort_reverse else "▲"
                text = sorted_header(column.header(self.lang), arrow, cells, right=column.right)
            else:
                text = fit(column.header(self.lang), cells, right=column.right)
            segments.append(Segment(text, sorted_style if is_sorted else base))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _row_strip(self, index: int, width: int) -> Strip:
        row = self.view[index]
        texts = self._texts.get(row["id"])
        if texts is None:
            texts = [column.text(row, self.lang) for column in COLUMNS]
            self._texts[row["id"]] = texts
        base = self.rich_style
        if index == self.cursor:
            base = base + self.get_component_rich_style("portfolio-table--cursor")
        segments = []
        for i, (column, cells) in enumerate(self._layout):
            if i:
                segments.append(Segment(SEPARATOR, base))
            extra = column.style(row)
            style = base + Style.parse(extra) if extra else base
            text = texts[COLUMNS.index(column)]
            segments.append(Segment(fit(text, cells, right=column.right), style))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    # -- moving --------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.view:
            return
        if new != max(0, min(new, len(self.view) - 1)):
            self.cursor = max(0, min(new, len(self.view) - 1))
            return
        rows_shown = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + rows_shown:
            self.scroll_to(y=new - rows_shown + 1, animate=False)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        self.cursor = self.cursor + step

    def action_page(self, direction: int) -> None:
        self.cursor = self.cursor + direction * max(1, self.scrollable_content_region.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self.view) - 1

    def action_open(self) -> None:
        code = self.current_code
        if code is not None:
            self.post_message(self.Opened(code))

    def action_sort_next(self) -> None:
        self.sort_by(self.sort_index + 1, reverse=False)

    def action_sort_reverse(self) -> None:
        self.sort_by(self.sort_index, reverse=not self.sort_reverse)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = offset.x + int(self.scroll_offset.x)
            for column, cells in self._layout:
                if x < cells + len(SEPARATOR):
                    index = COLUMNS.index(column)
                    same = index == self.sort_index
                    self.sort_by(index, reverse=same and not self.sort_reverse)
                    return
                x -= cells + len(SEPARATOR)
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if index < len(self.view):
            again = index == self.cursor
            self.cursor = index
            if again or event.chain > 1:
                self.action_open()

    def summary(self) -> dict[str, Any]:
        """Totals of the rows shown: projects by light, total investment, this year's work.
        An unknown figure adds nothing and is not counted: `total` and `done` are None when
        no row knows them, `total_known` and `done_known` say how many rows they cover, and
        `plan` is the plan of the rows whose completion is known (for the share of plan)."""
        lights: dict[str | None, int] = {}
        total = done = plan = total_known = done_known = 0
        for row in self.view:
            lights[row["light"]] = lights.get(row["light"], 0) + 1
            if row["total_investment_cents"] is not None:
                total += row["total_investment_cents"]
                total_known += 1
            if row["year_done_cents"] is not None:
                done += row["year_done_cents"]
                done_known += 1
                plan += row["year_plan_cents"] or 0
        return {
            "count": len(self.view),
            "lights": lights,
            "total": total if total_known else None,
            "total_known": total_known,
            "done": done if done_known else None,
            "done_known": done_known,
            "plan": plan,
        }
