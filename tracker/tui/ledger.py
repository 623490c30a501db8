"""The TUI's door to the portfolio: reads in plain SQL, writes through the Service.

The Service (and with it SQLModel) is built on first use, so the dashboard can paint before the
ORM is imported; the app warms it up in a background worker. Every method here blocks: call it
from a worker thread, never from the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from tracker.config.settings_file import AlertThresholds
from tracker.core.errors import NotFoundError
from tracker.reminders.due import DueItem, due_items
from tracker.store.read import queries
from tracker.store.read.year_completed import reported_month

if TYPE_CHECKING:
    from tracker.alerts.lights import ProjectLight
    from tracker.alerts.programme_rates import ProgrammeRates
    from tracker.alerts.rules import Alert
    from tracker.reports.contents import SlipWeeks
    from tracker.store.read.plainsql import PlainConnection
    from tracker.store.write.service import Service

RECORD_IDS = {
    "milestone": "the id of a milestone of this project",
    "problem": "the id of a problem of this project",
    "approval_item": "the id of an approval item of this project",
}
"""What a record id must be, by kind (an English message id)."""
Reader = Callable[[], AbstractContextManager["PlainConnection"]]
DUE_SOON_DAYS = 7
FIRST_PAGE = 200
"""Rows read first, so the dashboard paints as soon as a screenful is known."""


@dataclass
class Dashboard:
    """The rows of the dashboard and the items that are overdue or due soon."""

    rows: list[dict[str, Any]]
    due: list[DueItem]


@dataclass
class ProjectFile:
    """Everything the project screen shows about one project."""

    project: dict[str, Any]
    milestones: list[dict[str, Any]]
    plans: list[dict[str, Any]]
    reports: list[dict[str, Any]]
    statuses: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    changes: list[dict[str, Any]] = field(default_factory=list)
    audit: list[Any] = field(default_factory=list)
    """The changes as tracker.views.audit_trail names them (records, fields, dates)."""
    approvals: list[dict[str, Any]] = field(default_factory=list)
    """The approval items (前期手续), in the template's order."""


class Ledger:
    """Reads and writes of the portfolio for the TUI; `service_factory` is called once, lazily."""

    def __init__(self, reader: Reader, service_factory: Callable[[], Service]) -> None:
        self._reader = reader
        self._service_factory = service_factory
        self._service: Service | None = None
        self._lock = threading.Lock()
        self._first_page: Future[list[dict[str, Any]]] | None = None

    # -- the write side ----------------------------------------------------------------------

    @property
    def writer_ready(self) -> bool:
        """Whether the Service (and the ORM) has been loaded."""
        return self._service is not None

    def service(self) -> Service:
        """The Service, built on first use (this imports SQLModel)."""
        with self._lock:
            if self._service is None:
                self._service = self._service_factory()
            return self._service

    # -- reads -------------------------------------------------------------------------------

    def connection(self) -> AbstractContextManager[PlainConnection]:
        """A plain-SQL connection, for one read."""
        return self._reader()

    def dashboard(self, today: date, thresholds: AlertThresholds | None = None) -> Dashboard:
        """The dashboard's rows and what is overdue or due within DUE_SOON_DAYS, as
        `tracker remind` finds it (the weekly status update owed by `thresholds`' stale mark)."""
        every = (thresholds or AlertThresholds()).stale_amber_days
        with self._reader() as conn:
            return Dashboard(
                queries.dashboard_rows(conn, today),
                due_items(conn, today, DUE_SOON_DAYS, status_every_days=every),
            )

    def first_page(self, today: date) -> list[dict[str, Any]]:
        """The dashboard rows of the first FIRST_PAGE projects by code (a screenful, fast)."""
        with self._reader() as conn:
            return queries.dashboard_rows(conn, today, FIRST_PAGE)

    def prefetch_dashboard(self, today: date) -> None:
        """Start reading the dashboard's first page in a thread of its own now, so the read
        overlaps the import of Textual; `prefetched_page` collects it."""
        page: Future[list[dict[str, Any]]] = Future()

        def read() -> None:
            try:
                page.set_result(self.first_page(today))
            except BaseException as error:  # handed to whoever collects the result
                page.set_exception(error)

        threading.Thread(target=read, name="dashboard-prefetch", daemon=True).start()
        self._first_page = page

    def ready_page(self) -> list[dict[str, Any]] | None:
        """The prefetched first page if its read has already finished well, else None; never
        blocks, so the dashboard can paint its rows in its very first frame."""
        future = self._first_page
        if future is None or not future.done() or future.exception() is not None:
            return None
        self._first_page = None
        return future.result()

    def prefetched_page(self, today: date) -> list[dict[str, Any]]:
        """The prefetched first page if one was started, else a fresh read."""
        future, self._first_page = self._first_page, None
        return future.result() if future is not None else self.first_page(today)

    def alerts(
        self, today: date, lang: str, thresholds: AlertThresholds | None, project: str | None = None
    ) -> tuple[dict[str, ProjectLight], list[Alert]]:
        """Each project's light with its reasons, and every alert (worst first), by #4's rules."""
        from tracker.alerts.facts import lights_and_alerts

        with self._reader() as conn:
            return lights_and_alerts(conn, today, thresholds, lang=lang, project=project)

    def rates(
        self, today: date, targets: tuple[tuple[int, int, int], ...] | None = None
    ) -> ProgrammeRates:
        """The programme's four rates of every project this year (tracker rates), the start
        rate against `targets` (the province's curve by default)."""
        from tracker.views.rates_view import read_rates

        with self._reader() as conn:
            return read_rates(conn, today.year, today, None, targets)

    def meeting_board(
        self, today: date, lang: str
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
        """What the meeting screen shows: the latest meeting (or None), every open action of
        the meetings (tracker.reports.meeting_agenda.action_entry) and the ledger's open
        instruments."""
        from tracker.reports.meeting_agenda import action_entry
        from tracker.store.read.escalation_reads import actions, ledger, meetings

        with self._reader() as conn:
            latest = meetings(conn)[:1]
            open_actions = [action_entry(r, today, lang) for r in actions(conn, open_only=True)]
            return (latest[0] if latest else None), open_actions, ledger(conn, open_only=True)

    def agenda(self, today: date, thresholds: AlertThresholds | None) -> str:
        """Today's agenda as a meeting keeps it (tracker.reports.meeting_agenda.kept_agenda)."""
        from tracker.reports.meeting_agenda import kept_agenda

        with self._reader() as conn:
            return kept_agenda(conn, today, thresholds)

    def reported_month(self, today: date) -> int | None:
        """The N of this year's 1–N月累计 (store.read.year_completed.reported_month)."""
        with self._reader() as conn:
            return reported_month(conn, today)

    def weeks(
        self, project: dict[str, Any], today: date, tz: tzinfo
    ) -> tuple[tuple[tuple[str, str | None], ...], SlipWeeks]:
        """The project's recorded light and its milestones' slip at the end of each of the last
        12 weeks, as the one-pager has them (tracker.reports.light_weeks, slip_weeks)."""
        from tracker.reports.light_weeks import light_weeks
        from tracker.reports.slip_weeks import slip_weeks

        with self._reader() as conn:
            return light_weeks(conn, project, today, tz), slip_weeks(conn, project, today, tz)

    def project_file(self, code: str) -> ProjectFile:
        """One project with its milestones, investment, statuses, problems and audit trail."""
        with self._reader() as conn:
            rows = queries.projects(conn, code)
            if not rows:
                raise NotFoundError("project", code, "the code of an existing project")
            project = rows[0]
            from tracker.store.read.steering_reads import steering_of

            project |= steering_of(conn, project["id"])  # leader, library, enrolment (#16)
            money = queries.investment(conn, project["id"])
            changes = queries.changes(conn, code, limit=200)
            from tracker.store.read.approval_reads import items
            from tracker.views.audit_trail import audit_entries

            return ProjectFile(
                project=project,
                milestones=queries.milestones(conn, project["id"]),
                plans=money["plans"],
                reports=money["reports"],
                statuses=queries.status_history(conn, project["id"]),
                problems=queries.problems(conn, project["id"]),
                changes=changes,
                audit=audit_entries(conn, changes),
                approvals=items(conn, project["code"]),
            )

    def milestone(self, code: str, milestone_id: int) -> dict[str, Any]:
        """One milestone of a project as it is now."""
        return _one(self.project_file(code).milestones, milestone_id, "milestone", code)

    def approval(self, code: str, item_id: int) -> dict[str, Any]:
        """One approval item of a project as it is now."""
        return _one(self.project_file(code).approvals, item_id, "approval_item", code)

    def problem(self, code: str, problem_id: int) -> dict[str, Any]:
        """One problem of a project as it is now."""
        return _one(self.project_file(code).problems, problem_id, "problem", code)

    def last_write(self, code: str, record: str, record_id: int) -> list[dict[str, Any]]:
        """The audit entries of the last write to one record (one author, one moment), as a
        refused stale write names them: who changed it, when, and to what."""
        with self._reader() as conn:
            entries = [
                c
                for c in queries.changes(conn, code, limit=200)
                if c["record"] == record and c["record_id"] == record_id
            ]
        if not entries:
            return []
        latest = entries[0]
        return [c for c in entries if (c["at"], c["author"]) == (latest["at"], latest["author"])]

    # -- writes ------------------------------------------------------------------------------

    def write(self, action: Callable[[Service], object]) -> list[int]:
        """Run one write of the Service; returns the ids of the audit entries it made (what undo
        reverts), and only those: not another session's under the same user name."""
        service = self.service()
        with service.recording() as ids:
            action(service)
        return ids

    def revert(self, change_ids: list[int]) -> list[int]:
        """Undo the audit entries `change_ids`; returns the ids of the entries the undo made
        (what a redo reverts in turn)."""
        service = self.service()
        with service.recording() as ids:
            service.revert(change_ids)
        return ids

    def entries(self, change_ids: list[int]) -> list[dict[str, Any]]:
        """The audit entries with these ids, oldest first."""
        if not change_ids:
            return []
        marks = ", ".join(f":id{n}" for n in range(len(change_ids)))
        sql = "SELECT id, project_code, record, record_id, field, old, new FROM change "
        sql += f"WHERE id IN ({marks}) ORDER BY id"
        with self._reader() as conn:
            return conn.rows(sql, {f"id{n}": i for n, i in enumerate(change_ids)})


def _one(rows: list[dict[str, Any]], record_id: int, kind: str, code: str) -> dict[str, Any]:
    for row in rows:
        if row["id"] == record_id:
            return row
    raise NotFoundError(kind, record_id, RECORD_IDS[kind])
