"""The help screen (`?` or F1): every key of the app, grouped by where it works."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.i18n.catalogue import tr

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("? / F1", "show this help"),
            ("ctrl+p", "palette: jump to a project by code or name"),
            ("ctrl+z", "undo this session's last change"),
            ("ctrl+y", "redo the last change undone"),
            ("escape", "back / cancel (nothing is written)"),
            ("tab / shift+tab", "move the focus"),
            ("q / ctrl+q", "quit"),
        ),
    ),
    (
        "Dashboard",
        (
            ("up down pageup pagedown home end", "move the cursor"),
            ("enter / click", "open the project"),
            ("/", "filter by code, name, unit or officer"),
            ("s / S", "sort by the next column / reverse (or click a header)"),
            ("f5", "reload"),
            ("d e a u i p", "edit the project under the cursor (as on its screen)"),
            ("n", "add a project"),
            ("m", "the dispatch meeting: the latest agenda and the open actions"),
            ("r", "chart the start rate against the target curve"),
        ),
    ),
    (
        "Project screen",
        (
            ("d", "mark the selected milestone done (default today)"),
            ("e", "change the selected milestone's forecast"),
            ("a", "add a milestone"),
            ("u", "add a status update (light and narrative)"),
            ("i", "record a month's completed investment"),
            ("p", "add a problem"),
            ("r", "resolve the selected open problem (Problems tab)"),
            ("n / o / x", "rename / reopen / remove the selected milestone (ctrl+z undoes)"),
            ("y / f", "set a year's plan / edit the project's facts"),
            ("v", "record the selected approval item (Approvals tab)"),
            ("c", "chart this year's investment, the lights and the milestones' slip by week"),
            ("1-8", "switch tabs"),
            ("escape", "back to the dashboard"),
        ),
    ),
    (
        "Meeting screen",
        (
            ("d", "mark the selected action done (today)"),
            ("c", "close the selected instrument out (销号, today)"),
            ("n", "record today's meeting with its agenda"),
            ("escape", "back to the dashboard"),
        ),
    ),
    (
        "Forms",
        (
            ("enter / ctrl+s", "save (blocked while a field is invalid)"),
            ("escape", "cancel, writing nothing"),
        ),
    ),
)
"""Every key by where it works: the keys as typed, what they do as an English message id."""


def keys_table(lang: str) -> Table:
    """Every key and what it does, in `lang`."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    for place, keys in KEYS:
        table.add_row(f"[underline]{tr(lang, place)}[/]", "")
        for key, what in keys:
            table.add_row(key, tr(lang, what))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key; any of escape, ?, F1 or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "close"),
    ]

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        with VerticalScroll() as scroll:
            scroll.border_title = tr(lang, "Keys")
            yield Static(keys_table(lang))
