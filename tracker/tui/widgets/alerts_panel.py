"""The alerts panel: what is overdue or falls due soon, each with its reason; Enter opens it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.tui import formats
from tracker.tui.words import word


def due_line(item: dict[str, Any], lang: str) -> Text:
    """One due item: a red mark when overdue, amber when due soon; code, item, due, days."""
    left = item["days_left"]
    overdue = left is not None and left < 0
    mark, style = ("■ R", "bold red") if overdue else ("▲ A", "yellow")
    what = formats.named(item, lang, "item") if item["kind"] == "milestone" else item["item"]
    when = formats.deadline(item["due"], item["precision"], lang)
    reason = word("overdue" if overdue else "due_soon", lang)
    line = Text()
    line.append(mark, style)
    line.append(f" {item['code']} ", "bold")
    line.append(what)
    line.append(f" · {reason} {when} ({left:+d})", style)
    return line


class AlertsPanel(OptionList):
    """Overdue and due-soon milestones and problems of the whole portfolio."""

    class Opened(Message):
        """The user chose an item of this project."""

        def __init__(self, code: str) -> None:
            self.code = code
            super().__init__()

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.border_title = word("alerts", lang)
        self._codes: list[str] = []

    def show_items(self, items: list[dict[str, Any]]) -> None:
        """Replace the panel's items."""
        self.clear_options()
        self._codes = [item["code"] for item in items]
        if not items:
            self.add_option(Option(word("nothing_due", self.lang), disabled=True))
            return
        self.add_options([Option(due_line(item, self.lang)) for item in items])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._codes):
            self.post_message(self.Opened(self._codes[event.option_index]))
