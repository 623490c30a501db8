"""The dispatch meeting's screen (调度会, issue #17; `m` on the dashboard): the latest meeting's
agenda at a glance and every open action of the meetings, worst first; `d` marks the
highlighted action done today, `n` records today's meeting with its agenda."""

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


class MeetingScreen(Screen[None]):
    """The latest meeting and the open actions; every key acts on the highlighted action."""

    AUTO_FOCUS = "#actions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", "done"),
        Binding("n", "new_meeting", "new meeting"),
        Binding("escape", "app.pop_screen", "back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[dict[str, Any]] = []

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr(self.tracker.lang, "Loading…"), id="summary")
        yield DataTable(id="actions", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="meeting")
    def reload(self) -> None:
        """Read the latest meeting and the open actions in a worker; paint them after."""
        from tracker.reports.meeting_agenda import action_entry
        from tracker.store.read.escalation_reads import actions, meetings

        app = self.tracker
        with app.ledger.connection() as conn:
            latest = meetings(conn)[:1]
            rows = [action_entry(r, app.today(), app.lang) for r in actions(conn, open_only=True)]
        rows.sort(key=lambda a: (not a["overdue"], a["due"], a["id"]))
        self.app.call_from_thread(self.show, latest[0] if latest else None, rows)

    def show(self, latest: dict[str, Any] | None, rows: list[dict[str, Any]]) -> None:
        """Paint the summary and the actions, keeping the cursor on its row number."""
        import json

        lang = self.tracker.lang
        if latest is None:
            summary = tr(lang, "No meeting has been recorded")
        else:
            agenda = json.loads(latest["agenda"] or "{}").get(lang, {})
            summary = tr(
                lang,
                "Latest meeting #{id}, {day}: {projects} red or amber projects, {escalations} "
                "open escalations, {problems} problems past their deadline",
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

    def action_done(self) -> None:
        """Mark the highlighted action done today."""
        table = self.query_one("#actions", DataTable)
        if table.row_count == 0:
            self.notify(tr(self.tracker.lang, "No action"), severity="warning")
            return
        self.write_done(self.shown[table.cursor_row])

    @work(thread=True, exclusive=True, group="form")
    def write_done(self, action: dict[str, Any]) -> None:
        from tracker.core.errors import InputError
        from tracker.tui.refusals import refusal

        app, ident = self.tracker, action["id"]
        try:
            ids = app.ledger.write(lambda s: s.finish_action(ident, app.today()))
        except InputError as error:
            self.app.call_from_thread(self.notify, refusal(error, app.lang), severity="error")
            return
        self.app.call_from_thread(app.saved, ids, action["description"], action["project"])

    def action_new_meeting(self) -> None:
        self.write_meeting()

    @work(thread=True, exclusive=True, group="form")
    def write_meeting(self) -> None:
        """Record today's meeting with its agenda, in both languages."""
        from tracker.core.errors import InputError
        from tracker.core.jsontext import dumps
        from tracker.reports.meeting_agenda import build_agenda
        from tracker.tui.refusals import refusal

        app = self.tracker
        thresholds = app.thresholds
        if thresholds is None:
            from tracker.config.settings_file import AlertThresholds

            thresholds = AlertThresholds()
        today = app.today()
        with app.ledger.connection() as conn:
            agenda = {lang: build_agenda(conn, today, lang, thresholds) for lang in ("zh", "en")}
        try:
            ids = app.ledger.write(lambda s: s.add_meeting(today, None, dumps(agenda)))
        except InputError as error:
            self.app.call_from_thread(self.notify, refusal(error, app.lang), severity="error")
            return
        self.app.call_from_thread(app.saved, ids, label("meeting", app.lang), "")
