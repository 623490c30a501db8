"""The project screen: facts, timeline, and tabs for milestones, investment, status, problems,
audit trail; every edit key works here on the selected milestone or problem."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from tracker.core.days import slip_days
from tracker.core.errors import NotFoundError
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.formatting import named, ptr
from tracker.tui import formats
from tracker.tui.ledger import ProjectFile
from tracker.tui.refusals import refusal
from tracker.tui.screens.project_facts import FACTS, fact_text, status_table, yearly
from tracker.tui.widgets.bars import KeyBar
from tracker.tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

TABS = (
    "milestones",
    "alerts",
    "investment",
    "status_history",
    "problems",
    "audit",
    "facts",
    "approvals",
)


def tab_title(tab: str, lang: str) -> str:
    """The title of one of the TABS."""
    titles = {
        "milestones": label("milestones", lang),
        "alerts": tr(lang, "Alerts"),
        "investment": tr(lang, "Investment"),
        "status_history": tr(lang, "Status"),
        "problems": tr(lang, "Problems"),
        "audit": tr(lang, "Audit trail"),
        "facts": tr(lang, "Facts"),
        "approvals": tr(lang, "Approvals"),
    }
    return titles[tab]


class ProjectScreen(Screen[None]):
    """One project in full."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "back"),
        Binding("d", "edit('done')", "done"),
        Binding("e", "edit('forecast')", "forecast"),
        Binding("a", "edit('milestone')", "add"),
        Binding("u", "edit('status')", "update"),
        Binding("i", "edit('investment')", "invest"),
        Binding("p", "edit('problem')", "problem"),
        Binding("r", "resolve", "resolve"),
        Binding("y", "edit('plan')", "plan", show=False),
        Binding("f", "edit('facts')", "facts", show=False),
        Binding("n", "edit('rename')", "rename", show=False),
        Binding("o", "milestone('reopen')", "reopen", show=False),
        Binding("x", "milestone('remove')", "remove", show=False),
        Binding("v", "approval", "approval", show=False),
        Binding("c", "chart", "chart", show=False),
        *(Binding(str(n), f"tab('{tab}')", show=False) for n, tab in enumerate(TABS, 1)),
    ]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.file: ProjectFile | None = None
        self.this_year: tuple[int, int | None] = (0, None)
        """The year shown and the N of its 1–N月累计 (set with the file)."""
        self.light: str | None = None
        """The project's light by the alert rules; None (no light shown) until they give it."""

    @property
    def tracker(self) -> TrackerApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        lang = self.tracker.lang
        yield Header()
        yield Static(self.code, id="project-title")
        yield Static("", id="project-facts")
        yield Timeline(lang, self.tracker.today(), id="timeline")
        with TabbedContent(id="tabs"):
            for tab in TABS:
                with TabPane(tab_title(tab, lang), id=f"tab-{tab}"):
                    if tab == "investment":
                        with VerticalScroll():
                            yield DataTable(id="by-year", cursor_type="row")
                            yield DataTable(id="by-month", cursor_type="row")
                    elif tab == "facts":
                        with VerticalScroll():
                            yield Static(id="all-facts")
                    else:
                        yield DataTable(id=tab, cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="project")
    def reload(self) -> None:
        """Read the project in a worker; show it on the event loop."""
        app = self.tracker
        try:
            file = app.ledger.project_file(self.code)
        except NotFoundError as error:
            self.app.call_from_thread(self.notify, refusal(error, app.lang), severity="error")
            return
        through = app.ledger.reported_month(app.today())
        self.app.call_from_thread(self.show, file, (app.today().year, through))
        lights, alerts = app.ledger.alerts(app.today(), app.lang, app.thresholds, self.code)
        light = lights.get(self.code)
        self.app.call_from_thread(self.show_alerts, light.light if light else None, alerts)

    def show(self, file: ProjectFile, this_year: tuple[int, int | None]) -> None:
        """Fill every part of the screen from a freshly read project; `this_year` is the year
        and the N of its 1–N月累计."""
        first = self.file is None
        self.file = file
        self.this_year = this_year
        lang = self.tracker.lang
        p = file.project
        self._title(self.light)
        brief = ("unit", "officer", "total_investment", "forecast_finish", "location")
        self.query_one("#project-facts", Static).update(
            "  ".join(f"{label(k, lang)}: {fact_text(p, k, lang)}" for k in brief)
        )
        self.query_one(Timeline).show(file.milestones)
        self._milestones(file)
        self._investment(file, this_year)
        self._statuses(file)
        self._problems(file)
        self._audit(file)
        from tracker.tui.screens.approval_tab import approval_headers, approval_rows

        today = self.tracker.today()
        self._fill("approvals", approval_headers(lang), approval_rows(file.approvals, lang, today))
        facts = Text()
        for key in FACTS:
            facts.append(f"{label(key, lang)}: ", "bold")
            facts.append(fact_text(p, key, lang) + "\n")
        self.query_one("#all-facts", Static).update(facts)
        if first:
            self.query_one("#milestones", DataTable).focus()

    def _title(self, light: str | None) -> None:
        if self.file is None:
            return
        p, lang = self.file.project, self.tracker.lang
        title = Text()
        title.append(formats.light_mark(light, lang), formats.LIGHT_STYLES.get(light) or "")
        title.append(f"  {p['code']}  ", "bold")
        title.append(formats.named(p, lang), "bold")
        title.append(f"  · {formats.stage(p['stage'], lang)}")
        self.query_one("#project-title", Static).update(title)

    def show_alerts(self, light: str | None, alerts: list[Any]) -> None:
        """The light by the alert rules, and the project's alerts with their evidence."""
        lang = self.tracker.lang
        self.light = light
        self._title(light)
        rows = [
            (
                i,
                [
                    Text(
                        formats.light_mark(a.severity, lang),
                        formats.LIGHT_STYLES.get(a.severity) or "",
                    ),
                    label(a.rule, lang),
                    named(lang, a.item, a.item_en),
                    a.evidence,
                ],
            )
            for i, a in enumerate(alerts)
        ]
        self._fill("alerts", [label(c, lang) for c in ("light", "rule", "item", "evidence")], rows)

    def _fill(
        self,
        table_id: str,
        headers: list[str],
        rows: list[tuple[Any, list[Any]]],
        widths: dict[int, int] | None = None,
    ) -> None:
        """Fill a table; a column given a width in `widths` wraps its cells, each row as tall
        as its text needs."""
        table = self.query_one(f"#{table_id}", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        for n, header in enumerate(headers):
            table.add_column(header, width=(widths or {}).get(n))
        for key, cells in rows:
            table.add_row(*cells, key=str(key), height=None if widths else 1)
        if rows:
            table.move_cursor(row=min(selected, len(rows) - 1))

    def _milestones(self, file: ProjectFile) -> None:
        lang, today = self.tracker.lang, self.tracker.today()
        rows = []
        for m in file.milestones:
            slip = slip_days(m["baseline"], m["forecast"], m["done"], m["baseline_precision"])
            left = None if m["done"] or m["due"] is None else (m["due"] - today).days
            left_text = Text(
                formats.days(left), "bold red" if left is not None and left < 0 else ""
            )
            slip_text = Text(formats.days(slip), "red" if slip and slip > 0 else "")
            rows.append(
                (
                    m["id"],
                    [
                        formats.named(m, lang) + (" *" if m["illustrative"] else ""),
                        formats.deadline(m["baseline"], m["baseline_precision"], lang),
                        formats.deadline(m["forecast"], m["forecast_precision"], lang),
                        formats.deadline(m["done"], m["done_precision"], lang),
                        slip_text,
                        left_text,
                        m["owner"] or "—",
                    ],
                )
            )
        headers = [label(c, lang) for c in ("milestone", "baseline", "forecast", "done")]
        headers += [tr(lang, "slip days"), label("days_left", lang), label("owner", lang)]
        self._fill("milestones", headers, rows)

    def _investment(self, file: ProjectFile, this_year: tuple[int, int | None]) -> None:
        lang, currency = self.tracker.lang, file.project["currency"]
        years = yearly(file, *this_year)
        plans = formats.money_column([plan for _y, plan, _d, _s in years], currency, lang)
        dones = formats.money_column([done for _y, _p, done, _s in years], currency, lang)
        self._fill(
            "by-year",
            [tr(lang, "year"), tr(lang, "annual plan"), tr(lang, "completed"), tr(lang, "of plan")],
            [
                (year, [str(year), plan, done, formats.percent(share)])
                for (year, _p, _d, share), plan, done in zip(years, plans, dones, strict=True)
            ],
        )
        amounts = formats.money_column([r["amount_cents"] for r in file.reports], currency, lang)
        funds = formats.money_column(
            [r["funds_in_place_cents"] for r in file.reports], currency, lang
        )
        self._fill(
            "by-month",
            [tr(lang, "month"), tr(lang, "completed"), tr(lang, "funds in place")],
            [
                (r["id"], [f"{r['year']}-{r['month']:02d}", amount, fund])
                for r, amount, fund in zip(file.reports, amounts, funds, strict=True)
            ],
        )

    def _statuses(self, file: ProjectFile) -> None:
        headers, rows = status_table(file, self.tracker.lang)
        # The narrative takes the room the date, light and author leave, and wraps in it.
        room = max(24, self.app.size.width - 12 - 6 - 16 - 10)
        self._fill("status_history", headers, rows, widths={2: room})

    def _problems(self, file: ProjectFile) -> None:
        lang = self.tracker.lang
        rows = [
            (
                q["id"],
                [
                    q["description"],
                    q["owner"] or "—",
                    formats.deadline(q["due"], q["due_precision"], lang),
                    formats.deadline(q["resolved"], "day", lang),
                ],
            )
            for q in file.problems
        ]
        headers = [ptr(lang, "problem description", "problem"), label("owner", lang)]
        headers += [label("due", lang), tr(lang, "resolved")]
        self._fill("problems", headers, rows)

    def _audit(self, file: ProjectFile) -> None:
        from tracker.config.office_time import time_zone
        from tracker.views.audit_trail import audit_cells, audit_headers

        lang, tz = self.tracker.lang, time_zone(None)
        rows = [(e.id, audit_cells(e, lang, tz, with_project=False)) for e in file.audit]
        self._fill("audit", audit_headers(lang, tz, with_project=False), rows)

    # -- actions ---------------------------------------------------------------------------------

    def selected(self, table_id: str) -> int | None:
        """The id of the record under the cursor of a table, if any."""
        table = self.query_one(f"#{table_id}", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else int(key)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{tab}"

    @on(TabbedContent.TabActivated)
    def tab_shown(self) -> None:
        """The shown tab's table takes the keys, so Down and every edit key act on its
        highlighted row (not on the tab strip, nor on a table of a hidden tab). Textual may
        deliver a tab's activation late, so the tab active by then is the one that counts."""
        self.call_after_refresh(self._focus_active_table)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`r` (resolve) is a key of the Problems tab only, `v` of the Approvals tab."""
        if action == "resolve":
            return self.query_one(TabbedContent).active == "tab-problems"
        if action == "approval":
            return self.query_one(TabbedContent).active == "tab-approvals"
        return True

    def action_approval(self) -> None:
        """Record the approval item under the cursor of the Approvals tab."""
        item = self.selected("approvals")
        if item is None:
            message = tr(self.tracker.lang, "This project has no approval items.")
            self.notify(message, severity="warning")
            return
        self.tracker.edit("approval", self.code, item)

    @work(thread=True, exclusive=True, group="project-chart")
    def action_chart(self) -> None:
        """Chart this year's investment against the plan, the lights and the milestones' slip
        week by week (the plotting widget is imported here, in the worker, on the key press)."""
        if self.file is None:
            return
        from tracker.config.office_time import time_zone
        from tracker.tui.screens.project_chart import ProjectChartScreen

        year, through = self.this_year
        app = self.tracker
        lights, slips = app.ledger.weeks(self.file.project, app.today(), time_zone(None))
        chart = ProjectChartScreen(self.file, year, through, app.lang, lights, slips)
        self.app.call_from_thread(self.app.push_screen, chart)

    def action_milestone(self, kind: str) -> None:
        """`o` reopens, `x` removes the selected milestone, at once: both are undone by ctrl+z
        (a removal's audit entry keeps the whole record)."""
        milestone = self.selected("milestones")
        if milestone is None or self.file is None:
            return
        row = next(m for m in self.file.milestones if m["id"] == milestone)
        self.tracker.milestone_write(kind, self.code, row)

    def action_resolve(self) -> None:
        """Resolve the open problem under the cursor of the Problems tab."""
        problem = self.selected("problems")
        open_ids = {q["id"] for q in (self.file.problems if self.file else []) if not q["resolved"]}
        if problem not in open_ids:
            message = tr(self.tracker.lang, "Select an open problem to resolve.")
            self.notify(message, severity="warning")
            return
        self.tracker.edit("resolve", self.code, problem)

    def _focus_active_table(self) -> None:
        tabs = self.query_one(TabbedContent)
        if not tabs.active:
            return
        table = next(iter(tabs.get_pane(tabs.active).query(DataTable)), None)
        if table is not None and self.app.screen is self:
            table.focus()

    def action_edit(self, kind: str) -> None:
        lang = self.tracker.lang
        if kind in ("done", "forecast", "rename"):
            milestone = self.selected("milestones")
            if milestone is None:
                self.notify(tr(lang, "This project has no open milestone."), severity="warning")
                return
            self.tracker.edit(kind, self.code, milestone)
            return
        self.tracker.edit(kind, self.code)
