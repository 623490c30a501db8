"""The one step that writes a synthetic portfolio into a database, through the product's doors.

Projects, milestones and each project's latest status go in as a native CSV by `tracker import`
(#6), the way an office loads its ledger; what the native CSV does not carry (annual plans,
monthly investment reports, earlier status updates, problems) goes through the same bulk door
the importer writes with (tracker/store/write/bulk.py); then a second import of the CSV with
some forecasts moved leaves the audit history a year of re-imports would.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from synthetic import TODAY, Portfolio
from timing import Run, last_line, run_once

AUTHOR = "bench"
CHILDREN = (
    ("investment_plan", "plans"),
    ("investment_report", "reports"),
    ("problem", "problems"),
)


def tracker_argv() -> list[str]:
    """How to start tracker: the console script beside this Python, else `python -m tracker`."""
    script = Path(sys.executable).parent / "tracker"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]


def tracker_env(database: Path, scratch: Path) -> dict[str, str]:
    """The environment every tracker process runs with: its database, a fixed today, and a
    data directory of its own (so no settings file of the user's counts)."""
    return {
        **os.environ,
        "TRACKER_DB": str(database),
        "TRACKER_TODAY": TODAY.isoformat(),
        "TRACKER_LANG": "en",
        "TRACKER_USER": AUTHOR,
        "XDG_DATA_HOME": str(scratch / "xdg"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def write_native_csv(portfolio: Portfolio, path: Path, *, revised: bool) -> None:
    """The portfolio as one long native CSV (a row per milestone), written by the product's
    own writer; with `revised`, the revisions' forecasts replace the first ones."""
    from tracker.importers.native import milestone_cells, project_cells, write_native

    moved = {(r["project"], r["name"]): r["forecast"] for r in portfolio.revisions}
    milestones: dict[str, list[list[str]]] = defaultdict(list)
    for m in portfolio.milestones:
        key = (m["project"], m["name"])
        if revised and key in moved:
            m = {**m, "forecast": moved[key], "forecast_precision": "day"}
        milestones[m["project"]].append(milestone_cells(m))
    latest: dict[str, dict[str, Any]] = {}
    for status in portfolio.statuses:
        latest.setdefault(status["project"], status)
    rows = []
    for project in portfolio.projects:
        status = latest[project["code"]]
        values = {
            **project,
            "status_on": status["reported_on"],
            "status_narrative": status["narrative"],
        }
        rows.append((project_cells(values, status["light"]), milestones[project["code"]]))
    write_native(path, rows)


def add_the_rest(portfolio: Portfolio, database: Path) -> int:
    """Plans, monthly reports, earlier status updates and problems through the bulk door;
    returns how many records were written."""
    import sqlite3

    from tracker.store.engine import make_engine
    from tracker.store.write.bulk import BulkWriter, NewChild, Plan

    with sqlite3.connect(database) as conn:
        ids = dict(conn.execute("SELECT code, id FROM project"))
    children: list[NewChild] = []
    for table, attribute in CHILDREN:
        for row in getattr(portfolio, attribute):
            fields = {k: v for k, v in row.items() if k != "project"}
            children.append(NewChild(table, ids[row["project"]], row["project"], fields))
    seen: set[str] = set()
    for status in portfolio.statuses:
        if status["project"] in seen:
            fields = {k: v for k, v in status.items() if k != "project"}
            children.append(
                NewChild("status_update", ids[status["project"]], status["project"], fields)
            )
        seen.add(status["project"])
    engine = make_engine(f"sqlite:///{database}")
    moment = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    BulkWriter(engine, user=AUTHOR, clock=lambda: moment).write(Plan(new_children=children))
    engine.dispose()
    return len(children)


def add_approval_items(database: Path, per_project: int = 10) -> int:
    """Give every project `per_project` approval items (前期手续, issue #16) along the default
    template, written straight into a copy of the benchmark's SQLite file: about a third
    approved, a third submitted and waiting, a third not yet submitted, planned around today so
    that some are overdue. Returns how many were written."""
    import random
    import sqlite3
    from datetime import timedelta

    from tracker.config.approval_template import DEFAULT_STEPS

    rng = random.Random(f"approvals:{per_project}")
    rows = []
    with sqlite3.connect(database) as conn:
        for (project_id,) in conn.execute("SELECT id FROM project ORDER BY id"):
            for position, step in enumerate(DEFAULT_STEPS[:per_project]):
                planned = TODAY + timedelta(days=rng.randint(-240, 240))
                state = rng.random()
                submitted = planned - timedelta(days=rng.randint(10, 60)) if state < 0.66 else None
                approved = (
                    submitted + timedelta(days=rng.randint(5, 90))
                    if submitted and state < 0.33
                    else None
                )
                if approved and approved > TODAY:
                    approved = None
                if submitted and submitted > TODAY:
                    submitted = None
                rows.append(
                    (
                        project_id,
                        step.key,
                        step.name,
                        step.name_en,
                        position,
                        step.department,
                        planned.isoformat(),
                        "day",
                        submitted and submitted.isoformat(),
                        approved and approved.isoformat(),
                    )
                )
        conn.executemany(
            "INSERT INTO approval_item (project_id, step, name, name_en, position, department, "
            "planned, planned_precision, submitted, approved, illustrative, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)",
            rows,
        )
    return len(rows)


class Loader:
    """Builds the databases of one portfolio size in `workdir`."""

    def __init__(self, workdir: Path) -> None:
        self.tracker = tracker_argv()
        self.workdir = workdir
        self.method = ""
        workdir.mkdir(parents=True, exist_ok=True)
        self._template = workdir / "empty.db"
        self.csv = workdir / "portfolio.csv"

    def empty_database(self, target: Path) -> None:
        """An initialised, empty database at `target` (a copy of one made by `tracker init`)."""
        if not self._template.exists():
            self._tracker(["init"], self._template)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self._template, target)

    def load(self, portfolio: Portfolio) -> Path:
        """A database holding `portfolio` and its revisions; returns its path."""
        database = self.workdir / "portfolio.db"
        self.empty_database(database)
        write_native_csv(portfolio, self.csv, revised=False)
        self._tracker(["import", str(self.csv)], database)
        added = add_the_rest(portfolio, database)
        revised = self.workdir / "revised.csv"
        write_native_csv(portfolio, revised, revised=True)
        self._tracker(["import", str(revised)], database)
        self.method = (
            "tracker import of the native CSV; "
            f"{added} plans, reports, status updates and problems through the bulk door; "
            f"a second import moved {len(portfolio.revisions)} forecasts"
        )
        return database

    def import_argv(self) -> list[str]:
        """`tracker import` of the portfolio's native CSV (into the database in TRACKER_DB)."""
        return [*self.tracker, "import", str(self.csv)]

    def _tracker(self, argv: list[str], database: Path) -> Run:
        run = run_once([*self.tracker, *argv], tracker_env(database, self.workdir))
        if run.returncode != 0:
            raise RuntimeError(f"tracker {argv[0]} failed: {last_line(run.stderr)}")
        return run
