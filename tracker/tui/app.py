"""TrackerApp: the terminal UI. Everything it needs is injected (the ledger, which holds the
reader and the service factory; the clock; the language; the alert thresholds); nothing is global.

The dashboard reads through plain SQL in a worker, so the first paint never waits for the ORM;
the Service is warmed up in the background once the rows are on screen, or built on first edit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from tracker.core.errors import ConflictError, InputError, PermissionRefused
from tracker.i18n.catalogue import tr
from tracker.reports.formatting import ptr
from tracker.tui.ledger import Ledger
from tracker.tui.palette import ProjectCommands
from tracker.tui.refusals import refusal
from tracker.tui.screens.dashboard import DashboardScreen

if TYPE_CHECKING:
    from tracker.config.settings_file import AlertThresholds


@dataclass
class Step:
    """One save, undo or redo of this session: its audit entries and the record it touched,
    named as the user knows it (for the notification of its undo)."""

    ids: list[int]
    record: str
    code: str


class TrackerApp(App[None]):
    """The portfolio dashboard, project screens and edit forms."""

    CSS_PATH = "tracker.tcss"
    COMMANDS: ClassVar = {ProjectCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("f1", "help", "help", show=False),
        Binding("ctrl+z", "undo", "undo", key_display="^z"),
        Binding("ctrl+y", "redo", "redo", key_display="^y", show=False),
        Binding("q", "quit", "quit", show=False),
    ]

    def __init__(
        self,
        *,
        ledger: Ledger,
        today: Callable[[], date],
        lang: str = "en",
        thresholds: AlertThresholds | None = None,
        warm_writer: bool = True,
        cursor_blink: bool = True,
        rate_targets: tuple[tuple[int, int, int], ...] | None = None,
    ) -> None:
        super().__init__()
        self.ledger = ledger
        self.today = today
        self.lang = lang
        self.thresholds = thresholds
        self.rate_targets = rate_targets
        """The start rate's target curve (settings `[rates] start_targets`; None: the
        province's)."""
        self.warm_writer = warm_writer
        self.cursor_blink = cursor_blink
        self.undo_stack: list[Step] = []
        """This session's saves (and redos), newest last: what ctrl+z reverts."""
        self.redo_stack: list[Step] = []
        """This session's undos, newest last: what ctrl+y reverts; a new save forgets them."""
        self.rows_shown = asyncio.Event()
        self.alerts_shown = asyncio.Event()
        self.title = tr(lang, "Major projects tracker")
        self.sub_title = today().isoformat()

    def get_key_display(self, binding: Binding) -> str:
        """How a key reads in the key bars; the command palette's opens the projects."""
        if binding.action == "command_palette":
            return ptr(self.lang, "key", "projects")
        return super().get_key_display(binding)

    def action_command_palette(self) -> None:
        """Open the command palette (the projects), its prompt in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = tr(self.lang, "Type a project's code or name…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_default_screen(self) -> Screen[None]:
        """The dashboard is the first screen, not pushed over Textual's blank one (which was
        composed, laid out and painted first)."""
        return DashboardScreen()

    def rows_painted(self) -> None:
        """The dashboard's rows are on screen: now load the write side in the background."""
        self.rows_shown.set()
        if self.warm_writer and not self.ledger.writer_ready:
            self.load_writer()

    @work(thread=True, group="writer")
    def load_writer(self) -> None:
        """Import the ORM and build the Service off the event loop."""
        self.ledger.service()

    # -- navigation -----------------------------------------------------------------------------

    def open_project(self, code: str) -> None:
        """Show one project's screen."""
        from tracker.tui.screens.project import ProjectScreen

        self.push_screen(ProjectScreen(code))

    def action_help(self) -> None:
        """Show every key."""
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- editing --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="form")
    def edit(self, kind: str, code: str, record_id: int | None = None) -> None:
        """Open the form for one kind of edit (done, forecast, milestone, status, investment,
        problem, resolve) on project `code`; `record_id` names the milestone or problem. The
        record is read in this worker, so the form knows the version it is based on."""
        from tracker.tui.screens.forms import build_form

        try:
            form = build_form(self, kind, code, record_id)
        except InputError as error:
            self.call_from_thread(self.notify, refusal(error, self.lang), severity="error")
            return
        self.call_from_thread(self.push_screen, form)

    def saved(self, change_ids: list[int], record: str = "", code: str = "") -> None:
        """A form saved: remember its audit entries for undo and reload what is shown."""
        if change_ids:
            self.undo_stack.append(Step(change_ids, record, code))
            self.redo_stack.clear()
        self.notify(tr(self.lang, "Saved"), timeout=3)
        self.reload_screens()

    @work(thread=True, exclusive=True, group="form")
    def milestone_write(self, kind: str, code: str, milestone: dict[str, Any]) -> None:
        """Reopen or remove a milestone at the version shown, in a worker; one undo step."""
        from tracker.tui.screens.forms import milestone_name

        ref, version = milestone["id"], milestone["version"]
        try:
            if kind == "reopen":
                ids = self.ledger.write(lambda s: s.reopen(code, ref, expected_version=version))
            else:
                ids = self.ledger.write(
                    lambda s: s.remove_milestone(code, ref, expected_version=version)
                )
        except ConflictError:
            message = tr(self.lang, "Not saved: the record changed; reloaded.")
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            self.call_from_thread(self.reload_screens)
            return
        except InputError as error:
            self.call_from_thread(self.notify, refusal(error, self.lang), severity="error")
            return
        except PermissionRefused as error:
            from tracker.i18n.refusal import refusal_text

            self.call_from_thread(self.notify, refusal_text(error, self.lang), severity="error")
            return
        name = milestone_name(milestone, self.lang)
        if kind == "reopen":
            message = tr(self.lang, "Reopened {name}", name=name)
        else:
            message = tr(self.lang, "Removed {name} (ctrl+z brings it back)", name=name)
        self.call_from_thread(self._wrote, ids, name, code, message)

    def _wrote(self, ids: list[int], record: str, code: str, message: str) -> None:
        if ids:
            self.undo_stack.append(Step(ids, record, code))
            self.redo_stack.clear()
        self.notify(message, timeout=5)
        self.reload_screens()

    def reload_screens(self) -> None:
        """Read again what every open screen shows."""
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if callable(reload):
                reload()

    def action_undo(self) -> None:
        """Undo this session's last change (several levels), through the audit trail."""
        if not self.undo_stack:
            self.notify(tr(self.lang, "Nothing of this session to undo."), severity="warning")
            return
        self.step_back(self.undo_stack.pop(), redo=False)

    def action_redo(self) -> None:
        """Redo the last change undone in this session."""
        if not self.redo_stack:
            self.notify(tr(self.lang, "Nothing of this session to redo."), severity="warning")
            return
        self.step_back(self.redo_stack.pop(), redo=True)

    @work(thread=True, exclusive=True, group="undo")
    def step_back(self, step: Step, *, redo: bool) -> None:
        """Revert one step's audit entries in a worker; the revert is the step the other
        key reverts in turn."""
        entries = self.ledger.entries(step.ids)
        if redo and any(
            e["field"] == "deleted" and not (e["old"] or "").startswith("{") for e in entries
        ):
            message = tr(self.lang, "Not redone: the record was removed; add it again.")
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        try:
            new_ids = self.ledger.revert(step.ids)
        except ConflictError:
            message = tr(self.lang, "Not undone: a record changed since.")
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        except (InputError, PermissionRefused) as error:
            from tracker.i18n.refusal import refusal_text

            message = refusal_text(error, self.lang)
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        (self.undo_stack if redo else self.redo_stack).append(Step(new_ids, step.record, step.code))
        fields = changed_fields(entries, self.lang, redo=redo)
        values = {"fields": fields, "record": step.record or "—", "code": step.code or "—"}
        if redo:
            message = tr(self.lang, "Redone: {fields} of {record} ({code})", **values)
        else:
            message = tr(self.lang, "Undone: {fields} of {record} ({code})", **values)
        self.call_from_thread(self.notify, message, timeout=5)
        self.call_from_thread(self.reload_screens)


HIDDEN_FIELDS = ("version",)


def changed_fields(entries: list[dict[str, Any]], lang: str, *, redo: bool = False) -> str:
    """What a step changed, each field once, as labels ("forecast, done"); a date's precision
    goes with its date. A step that added or removed a record says so: an undo reverts the
    entries themselves ("created": the addition), a redo reverts an undo's ("deleted" then
    means the addition again)."""
    from tracker.i18n.glossary import label

    keys = [e["field"].removesuffix("_precision") for e in entries]
    whole = {"created": "the addition", "deleted": "the removal"}
    if redo:
        whole = {"created": "the removal", "deleted": "the addition"}
    shown = []
    for key in dict.fromkeys(keys):
        if key in HIDDEN_FIELDS:
            continue
        shown.append(tr(lang, whole[key]) if key in whole else label(key, lang))
    return ", ".join(shown) or "—"
