"""The floors and the peer the benchmark holds tracker against, measured in the same run.

- the `sqlite3` shell answering the due-date question straight from the file (the floor for
  the headless reads);
- `python -c "import textual.app"` (the floor for the TUI's first paint);
- Taskwarrior (`task`) loaded with the same open milestones and their due days, answering
  `due.before:today+14d list` (the peer).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

from synthetic import Portfolio

WITHIN_DAYS = 14


def due_query(today: date, within_days: int = WITHIN_DAYS) -> str:
    """The SQL the sqlite3 shell runs: every open milestone due before today + the window
    (Taskwarrior's `due.before:today+14d`: overdue ones included, day 14 itself not)."""
    horizon = (today + timedelta(days=within_days)).isoformat()
    return (
        "SELECT p.code, p.name, m.name, COALESCE(m.forecast, m.baseline) AS due, m.owner "
        "FROM milestone m JOIN project p ON p.id = m.project_id "
        f"WHERE m.done IS NULL AND COALESCE(m.forecast, m.baseline) < '{horizon}' "
        "ORDER BY due, p.code;"
    )


def sqlite_shell_argv(database: Path, today: date) -> list[str] | None:
    """The sqlite3 shell answering the due-date query, or None when it is not installed."""
    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    return [shell, "-readonly", str(database), due_query(today)]


def sqlite_import_argv(database: Path, csv_file: Path) -> list[str] | None:
    """The sqlite3 shell loading the same CSV into a new table: the floor for `tracker import`
    (no validation, no audit trail, one table), or None when the shell is not installed."""
    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    return [shell, str(database), f".import --csv {csv_file} raw"]


def textual_import_argv() -> list[str]:
    """Python importing textual.app and nothing else: the TUI's floor."""
    return [sys.executable, "-c", "import textual.app"]


class Taskwarrior:
    """A scratch Taskwarrior (its own TASKDATA and rc file) holding a portfolio's due dates."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.executable = shutil.which("task")
        self.data = workdir / "taskdata"
        self.rc = workdir / "taskrc"

    @property
    def available(self) -> bool:
        """Whether `task` is installed."""
        return self.executable is not None

    def env(self) -> dict[str, str]:
        """The environment that points `task` at the scratch data and rc file, never at $HOME's."""
        import os

        return {**os.environ, "TASKRC": str(self.rc), "TASKDATA": str(self.data)}

    def load(self, portfolio: Portfolio, real_today: date) -> int:
        """Import every open milestone as a pending task; returns how many.

        Taskwarrior only knows the real today, so due days are shifted by (real today -
        the portfolio's today): the same items fall due within the window.
        """
        if self.data.exists():
            shutil.rmtree(self.data)
        self.data.mkdir(parents=True)
        self.rc.write_text(
            f"data.location={self.data}\n"
            "verbose=nothing\nconfirmation=off\ngc=off\nhooks=off\n"
            "recurrence=off\nnews.version=99.0.0\n",
            encoding="utf-8",
        )
        shift = real_today - portfolio.today
        tasks = [
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"tracker-bench:{code}:{name}")),
                "description": f"{code} {name}",
                "project": code,
                "status": "pending",
                "entry": "20240101T000000Z",
                "due": (due + shift).strftime("%Y%m%dT120000Z"),
            }
            for code, name, due in portfolio.open_due()
        ]
        source = self.workdir / "tasks.json"
        source.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        assert self.executable is not None
        subprocess.run(
            [self.executable, "rc.verbose=nothing", "import", str(source)],
            env=self.env(),
            check=True,
            stdout=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        return len(tasks)

    def due_argv(self) -> list[str]:
        """Taskwarrior answering the same question as `tracker remind --within 14d`."""
        assert self.executable is not None
        return [
            self.executable,
            "rc.verbose=nothing",
            "rc.confirmation=off",
            "rc.gc=off",
            f"due.before:today+{WITHIN_DAYS}d",
            "list",
        ]
