"""The dashboard's title bar and key bar: each one widget drawing one line.

They show what Textual's Header and Footer show (the icon, the title and date; every key of the
focused widget, the screen and the app, the command palette's key on the right), but without a
child widget per key and per part, whose styles and layout cost the dashboard's first paint
more than its rows do.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget

from tracker.reports.formatting import ptr

ICON = "⭘"
ICON_CELLS = 8
"""The icon's place on the left, as Textual's Header keeps it (it opens the command palette)."""
CLOCK_CELLS = 10
"""The place Textual's Header keeps on the right for its clock, so the title centres alike."""
DIM = Style(dim=True)


class TitleBar(Widget):
    """The icon, then the app's title and sub-title (the day) centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for attribute in ("title", "sub_title"):
            self.watch(self.app, attribute, self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        title = self.app.format_title(self.app.title, self.app.sub_title)
        room = max(0, width - ICON_CELLS - CLOCK_CELLS)
        line = title.truncate(room, ellipsis=True)
        left = (room - line.cell_length) // 2
        segments = [Segment(f" {ICON}".ljust(ICON_CELLS + left), base)]
        segments += line.render_segments(self.visual_style)
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()


class Key(NamedTuple):
    """One key shown in the bar: what to press, how it reads, whether it works now."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget):
    """The keys that work here, as Textual's Footer shows them: the focused widget's first,
    then the screen's and the app's; the command palette's key on the right. Click one to
    press it. What each key does is shown in the app's language (`app.lang`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--edge",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, Key]] = []
        self._shown: tuple[list[Key], Key | None] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        if self.keys() != self._shown:
            self.refresh()

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys shown (one per action, in binding order) and the command palette's."""
        app = self.app
        shown: dict[str, Key] = {}
        palette = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if binding.show and binding.action not in shown:
                shown[binding.action] = self._key(binding, enabled)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = self._key(binding, enabled)
        return list(shown.values()), palette

    def _key(self, binding: Binding, enabled: bool) -> Key:
        # What a key does is written in English in the bindings; the bar shows it translated.
        lang = getattr(self.app, "lang", "en")
        description = ptr(lang, "key", binding.description) if binding.description else ""
        return Key(binding.key, self.app.get_key_display(binding), description, enabled)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        self._shown = keys, palette = self.keys()
        segments: list[Segment] = []
        spans: list[tuple[int, int, Key]] = []
        x = 0
        for key in keys:
            item = self._item(key, compact=False)
            cells = Segment.get_line_length(item)
            spans.append((x, x + cells, key))
            segments += item
            x += cells
        room = width
        right: list[Segment] = []
        if palette is not None:
            edge = Segment("▏", self.get_component_rich_style("key-bar--edge"))
            right = [edge, *self._item(palette, compact=True), Segment(" ", base)]
            room = max(0, width - Segment.get_line_length(right))
            spans = [span for span in spans if span[1] <= room] + [(room, width, palette)]
        self._spans = spans
        left = Strip(segments).extend_cell_length(room, base).crop(0, room)
        return Strip.join([left, Strip(right)]).crop(0, width)

    def _item(self, key: Key, *, compact: bool) -> list[Segment]:
        """One key as Textual's FooterKey draws it: the key bold, then what it does; a key
        that does not work now is dimmed."""
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-bar--key")
        text_style = base + self.get_component_rich_style("key-bar--description")
        if not key.enabled:
            key_style, text_style = key_style + DIM, text_style + DIM
        shown = key.display if compact else f" {key.display} "
        if not key.description:
            return [Segment(shown, key_style)]
        text = f" {key.description}" if compact else f"{key.description} "
        return [Segment(shown, key_style), Segment(text, text_style)]

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
