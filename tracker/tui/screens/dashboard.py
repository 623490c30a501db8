"""The dashboard: the whole portfolio, one row a project, the summary line and the alerts."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Input, Static

from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.formatting import money, ptr
from tracker.tui import formats
from tracker.tui.ledger import Dashboard
from tracker.tui.widgets.alerts_panel import AlertsPanel
from tracker.tui.widgets.bars import KeyBar, TitleBar
from tracker.tui.widgets.portfolio_table import PortfolioTable

if TYPE_CHECKING:
    from tracker.reminders.due import DueItem
    from tracker.tui.app import TrackerApp


def summary_text(summary: dict[str, Any], lang: str) -> str:
    """The summary line: projects by light, total investment, this year's completion. An
    unknown total is "—", never 0, and a total that not every project knows says how many it
    covers ("CNY 9.50 bn, 1 of 14 known")."""
    lights = summary["lights"]
    marks = "  ".join(
        f"{formats.light_mark(light, lang)} {lights.get(light, 0)}"
        for light in ("red", "amber", "green", None)
    )
    count = summary["count"]
    total = _covered(summary["total"], summary["total_known"], count, lang)
    year = _covered(summary["done"], summary["done_known"], count, lang)
    if summary["done"] is not None and summary["plan"]:
        share = summary["done"] * 100 // summary["plan"]
        year += " " + tr(lang, "({share} of plan)", share=f"{share}%")
    return (
        f"{tr(lang, 'projects')} {count} │ {marks} │ "
        f"{label('total_investment', lang)} {total} │ "
        f"{tr(lang, 'completed this year')} {year}"
    )


def _covered(cents: int | None, known: int, count: int, lang: str) -> str:
    """A total of `known` of `count` projects: "—" when none knows it."""
    if cents is None:
        return "—"
    shown = money(cents, "CNY", lang)
    if known < count:
        shown = tr(lang, "{total}, {known} of {count} known", total=shown, known=known, count=count)
    return shown


def start_message(due: list[DueItem], lang: str) -> str | None:
    """What the start-up notification says: which milestones and problems are overdue, which
    fall due within 7 days (a late weekly status update shows in its row's age and the alerts)."""
    due = [item for item in due if item.kind != "status_update"]
    overdue = [item for item in due if item.overdue]
    soon = [item for item in due if not item.overdue]
    if not due:
        return None
    lines = []
    if overdue:
        n = len(overdue)
        start = cell_len(tr(lang, "{n} overdue: {codes}", n=n, codes=""))
        lines.append(tr(lang, "{n} overdue: {codes}", n=n, codes=_codes(overdue, lang, start)))
    if soon:
        n = len(soon)
        start = cell_len(tr(lang, "{n} due within 7 days: {codes}", n=n, codes=""))
        codes = _codes(soon, lang, start)
        lines.append(tr(lang, "{n} due within 7 days: {codes}", n=n, codes=codes))
    return "\n".join(lines)


NOTICE_WIDTH = 36
"""Cells a line of the start notification may take: a toast's text at 80 columns."""


def _codes(items: list[DueItem], lang: str, start: int) -> str:
    """The projects' codes, each once, listed as the language lists them (A、B / A, B), the
    lines broken between codes, never inside one; the first line starts `start` cells in."""
    codes = list(dict.fromkeys(item.project for item in items))
    between = ptr(lang, "between codes", ", ")
    lines: list[str] = []
    line, used = "", start
    for n, code in enumerate(codes):
        piece = code + (between if n < len(codes) - 1 else "")
        if line and used + cell_len(piece.rstrip()) > NOTICE_WIDTH:
            lines.append(line.rstrip())
            line, used = "", 0
        line += piece
        used += cell_len(piece)
    lines.append(line.rstrip())
    return "\n".join(lines)


WIDE = 140
"""From this many columns the alerts stand beside the table instead of below it."""


class DashboardScreen(Screen[None]):
    """The portfolio at a glance; every edit key works on the project under the cursor."""

    AUTO_FOCUS = "#portfolio"
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it a plain list
        (0, "-narrow"),
        (WIDE, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "filter", key_display="/"),
        Binding("escape", "clear_filter", "clear", show=False),
        Binding("d", "edit('done')", "done"),
        Binding("e", "edit('forecast')", "forecast"),
        Binding("a", "edit('milestone')", "add", show=False),
        Binding("u", "edit('status')", "update"),
        Binding("i", "edit('investment')", "invest", show=False),
        Binding("p", "edit('problem')", "problem", show=False),
        Binding("f5", "reload", "reload", show=False),
        Binding("n", "new_project", "new project", show=False),
        Binding("m", "meeting", "meeting", show=False),
        Binding("r", "rates_chart", "rates", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.first_load = True
        self.page_shown = False
        self.all_rows_shown = False
        self.first_painted = threading.Event()

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        # The layout for the terminal's width from the first frame: Textual sets the
        # breakpoint class on its first Resize, after that frame, and would lay it all out again.
        self.add_class("-wide" if self.app.size.width >= WIDE else "-narrow")
        lang = self.tracker.lang
        yield TitleBar()
        yield Static(tr(lang, "Loading…"), id="summary")
        yield Static("", id="rates")
        with Container(id="body"):
            yield PortfolioTable(lang, id="portfolio")
            yield AlertsPanel(lang, id="alerts")
        yield KeyBar()

    def on_mount(self) -> None:
        page = self.tracker.ledger.ready_page()
        if page is not None:
            self.show_first_page(page)
        self.reload()

    @work(thread=True, exclusive=True, group="dashboard")
    def reload(self) -> None:
        """Read the dashboard in a worker thread; paint it on the event loop. The first time,
        a screenful of rows paints first; then all rows and the due items; then the lights and
        alerts of #4's rules (they take longest)."""
        ledger, today = self.tracker.ledger, self.tracker.today()
        if self.first_load:
            if not self.page_shown:
                self.app.call_from_thread(self.show_first_page, ledger.prefetched_page(today))
            # Read the rest once the first rows are on screen, not in competition with them.
            self.first_painted.wait(timeout=5)
        data = ledger.dashboard(today, self.tracker.thresholds)
        self.app.call_from_thread(self.show, data)
        self.app.call_from_thread(self.load_alerts)
        self.app.call_from_thread(self.load_rates)

    @work(thread=True, exclusive=True, group="alerts")
    def load_alerts(self) -> None:
        """Every project's light and every alert, by the alert rules, in a worker."""
        app = self.tracker
        lights, alerts = app.ledger.alerts(app.today(), app.lang, app.thresholds)
        self.app.call_from_thread(
            self.show_alerts, {c: pl.light for c, pl in lights.items()}, alerts
        )

    @work(thread=True, exclusive=True, group="rates")
    def load_rates(self) -> None:
        """The programme's four rates this year (tracker rates), in a worker."""
        from tracker.views.rates_view import headline

        app = self.tracker
        rates = app.ledger.rates(app.today(), app.rate_targets)
        line = headline(rates, app.lang)
        self.app.call_from_thread(self.query_one("#rates", Static).update, line)

    def show_alerts(self, lights: dict[str, str], alerts: list[Any]) -> None:
        """Paint the rules' lights into the table and the alerts into the panel."""
        self.query_one(PortfolioTable).set_lights(lights)
        self.query_one(AlertsPanel).show_alerts(alerts)
        self.tracker.alerts_shown.set()

    def show_first_page(self, rows: list[dict[str, Any]]) -> None:
        """Paint the first screenful of rows and tell the app once they are on screen (the
        table says so; with no project at all, once the empty table is)."""
        self.page_shown = True
        self.query_one(PortfolioTable).set_rows(rows)
        if not rows:
            self.call_after_refresh(self.painted)

    @on(PortfolioTable.RowsPainted)
    def painted(self) -> None:
        """The first rows are on screen: let the rest of the reads go on."""
        if not self.first_painted.is_set():
            self.first_painted.set()
            self.tracker.rows_painted()

    def show(self, data: Dashboard) -> None:
        """Paint all rows; the first time, say what is overdue or due within 7 days."""
        self.all_rows_shown = True
        self.query_one(PortfolioTable).set_rows(data.rows)
        if self.first_load:
            self.first_load = False
            message = start_message(data.due, self.tracker.lang)
            if message:
                self.notify(message, severity="warning", timeout=8)

    @on(PortfolioTable.ViewChanged)
    def update_summary(self) -> None:
        """Total the rows shown, once all of them are read (the first page's would mislead)."""
        if self.all_rows_shown:
            table = self.query_one(PortfolioTable)
            self.query_one("#summary", Static).update(summary_text(table.summary(), table.lang))

    @on(PortfolioTable.Opened)
    @on(AlertsPanel.Opened)
    def open_project(self, event: PortfolioTable.Opened | AlertsPanel.Opened) -> None:
        self.tracker.open_project(event.code)

    async def action_filter(self) -> None:
        """Open the filter box, made on first use (the first paint does not wait for it), and
        give it the keys at once, so nothing typed right after `/` goes to the table."""
        boxes = self.query("#filter").results(Input)
        box = next(boxes, None)
        if box is None:
            box = Input(
                placeholder=tr(self.tracker.lang, "filter (code, name, unit, officer)"), id="filter"
            )
            await self.mount(box, after="#summary")
        box.remove_class("hidden")
        self.set_focus(box)

    def action_clear_filter(self) -> None:
        for box in self.query("#filter").results(Input):
            box.value = ""
            box.add_class("hidden")
        self.set_focus(self.query_one(PortfolioTable))

    @on(Input.Changed, "#filter")
    def filter_rows(self, event: Input.Changed) -> None:
        self.query_one(PortfolioTable).set_filter(event.value)

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one(PortfolioTable).focus()

    def action_reload(self) -> None:
        self.reload()

    def action_meeting(self) -> None:
        """The dispatch meeting: the latest agenda and the open actions (imported here: the
        first paint does without it)."""
        from tracker.tui.screens.meeting_screen import MeetingScreen

        self.app.push_screen(MeetingScreen())

    @work(thread=True, exclusive=True, group="rates-chart")
    def action_rates_chart(self) -> None:
        """Chart the start rate this year against the target curve (the plotting widget is
        imported here, in the worker, on the key press)."""
        from tracker.tui.screens.rates_chart import RatesChartScreen

        app = self.tracker
        rates = app.ledger.rates(app.today(), app.rate_targets)
        self.app.call_from_thread(self.app.push_screen, RatesChartScreen(rates, app.lang))

    def action_new_project(self) -> None:
        """Add a project (the form asks its code, names, stage, unit, officer, total)."""
        self.tracker.edit("project", "")

    def action_edit(self, kind: str) -> None:
        table = self.query_one(PortfolioTable)
        code = table.current_code
        if code is None:
            return
        row = table.view[table.cursor]
        if kind in ("done", "forecast") and row["next_id"] is None:
            self.notify(
                tr(self.tracker.lang, "This project has no open milestone."), severity="warning"
            )
            return
        self.tracker.edit(kind, code, row["next_id"] if kind in ("done", "forecast") else None)
