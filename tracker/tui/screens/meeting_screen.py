"""The dispatch meeting's screen (调度会, issue #17; `m` on the dashboard): the latest meeting's
agenda at a glance, every open action of the meetings (overdue first) and the escalation
ledger's open instruments; `d` marks the highlighted action done today, `c` closes the
highlighted instrument out (销号) today, `n` records today's meeting with its agenda."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.tui.widgets.bars import KeyBar, TitleBar

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

HEADERS = ("ID", "meeting", "code", "action", "owner", "due")
LEDGER_HEADERS = ("ID", "code", "instrument", "number", "addressee", "response_due", "ledger_state")


class MeetingScreen(Screen[None]):
    """The latest meeting and the open actions; every key acts on the highlighted action."""

    AUTO_FOCUS = "#actions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", "done"),
        Binding("c", "close_out", "close out"),
        Binding("n", "new_meeting", "new meeting"),
        Binding("escape", "app.pop_screen", "back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[dict[str, Any]] = []
        self.instruments: list[dict[str, Any]] = []

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr(self.tracker.lang, "Loading…"), id="summary")
        yield DataTable(id="actions", cursor_type="row")
        yield DataTable(id="ledger", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="meeting")
    def reload(self) -> None:
        """Read the latest meeting and the open actions in a worker; paint them after."""
        app = self.tracker
        latest, rows, instruments = app.ledger.meeting_board(app.today(), app.lang)
        rows.sort(key=lambda a: (not a["overdue"], a["due"], a["id"]))
        self.app.call_from_thread(self.show, latest, rows, instruments)

    def show(
        self,
        latest: dict[str, Any] | None,
        rows: list[dict[str, Any]],
        instruments: list[dict[str, Any]],
    ) -> None:
        """Paint the summary and the actions, keeping the cursor on its row number."""
        import json

        lang = self.tracker.lang
        if latest is None:
            summary = tr(lang, "No meeting has been recorded")
        else:
            agenda = json.loads(latest["agenda"] or "{}").get(lang, {})
            summary = tr(
                lang,
                "Latest meeting #{id}, {day} · red or amber projects: {projects} · open "
                "escalations: {escalations} · problems past their deadline: {problems}",
                id=latest["id"],
                day=latest["held_on"].isoformat(),
                projects=len(agenda.get("projects", [])),
                escalations=len(agenda.get("escalations", [])),
                problems=len(agenda.get("problems", [])),
            )
        self.query_one("#summary", Static).update(summary)
        table = self.query_one("#actions", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        for header in HEADERS:
            table.add_column(label(header, lang))
        for a in rows:
            due = Text(a["due_text"], "bold red" if a["overdue"] else "")
            when = f"#{a['meeting']} {a['meeting_on']}"
            table.add_row(
                str(a["id"]),
                when,
                a["project"],
                a["description"],
                a["owner"],
                due,
                key=str(a["id"]),
            )
        self.shown = rows
        if rows:
            table.move_cursor(row=min(selected, len(rows) - 1))
        self._show_ledger(instruments)

    def _show_ledger(self, instruments: list[dict[str, Any]]) -> None:
        from tracker.store.read.escalation_reads import state_of

        lang, today = self.tracker.lang, self.tracker.today()
        table = self.query_one("#ledger", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        for header in LEDGER_HEADERS:
            table.add_column(label(header, lang))
        for e in instruments:
            state = state_of(e)
            late = state == "open" and e["due"] < today
            table.add_row(
                str(e["id"]),
                e["code"],
                label(f"instrument_{e['instrument']}", lang),
                e["number"] or "—",
                e["addressee"],
                Text(e["due"].isoformat(), "bold red" if late else ""),
                label(f"state_{state}", lang),
                key=str(e["id"]),
            )
        self.instruments = instruments
        if instruments:
            table.move_cursor(row=min(selected, len(instruments) - 1))

    def action_close_out(self) -> None:
        """Close the highlighted instrument of the ledger out (销号) today."""
        table = self.query_one("#ledger", DataTable)
        if table.row_count == 0:
            self.notify(tr(self.tracker.lang, "No instrument has been issued"), severity="warning")
            return
        self.write_close(self.instruments[table.cursor_row])

    @work(thread=True, exclusive=True, group="form")
    def write_close(self, instrument: dict[str, Any]) -> None:
        from tracker.core.errors import InputError, PermissionRefused
        from tracker.i18n.refusal import refusal_text

        app, ident = self.tracker, instrument["id"]
        try:
            ids = app.ledger.write(lambda s: s.close_instrument(ident, app.today()))
        except (InputError, PermissionRefused) as error:
            self.app.call_from_thread(self.notify, refusal_text(error, app.lang), severity="error")
            return
        name = instrument["number"] or label(f"instrument_{instrument['instrument']}", app.lang)
        self.app.call_from_thread(app.saved, ids, name, instrument["code"])

    def action_done(self) -> None:
        """Mark the highlighted action done today."""
        table = self.query_one("#actions", DataTable)
        if table.row_count == 0:
            self.notify(tr(self.tracker.lang, "No action"), severity="warning")
            return
        self.write_done(self.shown[table.cursor_row])

    @work(thread=True, exclusive=True, group="form")
    def write_done(self, action: dict[str, Any]) -> None:
        from tracker.core.errors import InputError, PermissionRefused
        from tracker.i18n.refusal import refusal_text

        app, ident = self.tracker, action["id"]
        try:
            ids = app.ledger.write(lambda s: s.finish_action(ident, app.today()))
        except (InputError, PermissionRefused) as error:
            self.app.call_from_thread(self.notify, refusal_text(error, app.lang), severity="error")
            return
        self.app.call_from_thread(app.saved, ids, action["description"], action["project"])

    def action_new_meeting(self) -> None:
        self.write_meeting()

    @work(thread=True, exclusive=True, group="form")
    def write_meeting(self) -> None:
        """Record today's meeting with its agenda, in both languages."""
        from tracker.core.errors import InputError, PermissionRefused
        from tracker.i18n.refusal import refusal_text

        app = self.tracker
        today = app.today()
        agenda = app.ledger.agenda(today, app.thresholds)
        try:
            ids = app.ledger.write(lambda s: s.add_meeting(today, None, agenda))
        except (InputError, PermissionRefused) as error:
            self.app.call_from_thread(self.notify, refusal_text(error, app.lang), severity="error")
            return
        self.app.call_from_thread(app.saved, ids, label("meeting", app.lang), "")
