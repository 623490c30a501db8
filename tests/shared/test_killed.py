"""A process killed (SIGKILL) in the middle of a big write leaves the database exactly as before.

The writer runs in a forked process that stops itself right after its first milestone rows went
into the open transaction; the test then kills it, so the kill lands inside the transaction
every time, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import select
import signal
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event

from tracker.cli.main import main

FORK = multiprocessing.get_context("fork")
PAUSED = b"paused inside the transaction\n"


def _pause_at_first_insert_into(table: str, signal_fd: int) -> None:
    """From now on, this process stops for good once a statement inserts into `table`."""

    def pause(_conn, _cursor, statement: str, *_rest: object) -> None:
        if statement.lower().lstrip().startswith(f"insert into {table}"):
            os.write(signal_fd, PAUSED)
            signal.pause()

    event.listen(Engine, "after_cursor_execute", pause)


def kill_midway(write: Callable[[], object]) -> None:
    """Run `write` in a forked process; SIGKILL it once it is inside its transaction."""
    read_fd, write_fd = os.pipe()

    def child() -> None:
        os.close(read_fd)
        _pause_at_first_insert_into("milestone", write_fd)
        write()
        os.write(write_fd, b"finished without pausing\n")

    process = FORK.Process(target=child)
    process.start()
    os.close(write_fd)
    ready, _, _ = select.select([read_fd], [], [], 120)
    said = os.read(read_fd, 100) if ready else b"nothing within 120 s"
    os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
    process.join(30)
    os.close(read_fd)
    assert said == PAUSED
    assert process.exitcode == -signal.SIGKILL


def _big_import_file(path: Path, projects: int = 400, milestones: int = 5) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["code", "name", "total_investment", "milestone", "milestone_baseline"])
        for number in range(projects):
            for step in range(milestones):
                writer.writerow(
                    [f"BIG-{number:04d}", f"批量项目{number}", "1.5亿", f"节点{step}", "2027-06"]
                )
    return path


def test_import_killed_midway_leaves_the_database_as_it_was(demo_settings, tmp_path, dump):
    url = demo_settings.db_url
    source = _big_import_file(tmp_path / "big.csv")
    before = dump(url)
    argv = ["--db", url, "--user", "importer", "--today", "2026-11-28", "import", str(source)]
    kill_midway(lambda: main(argv))
    assert dump(url) == before
    assert main(argv) == 0  # nothing was left locked or half-done: the same import now works
    assert len(dump(url)["project"]) == len(before["project"]) + 400


def test_restore_killed_midway_leaves_the_database_as_it_was(
    demo_settings, other_db_url, tmp_path, dump
):
    from tracker.store.backup import backup, restore
    from tracker.store.migrate import upgrade

    file = tmp_path / "office.backup"
    backup(demo_settings.db_url, file)
    upgrade(other_db_url)
    before = dump(other_db_url)
    kill_midway(lambda: restore(file, other_db_url))
    assert dump(other_db_url) == before
    restore(file, other_db_url)
    assert dump(other_db_url) == dump(demo_settings.db_url)
