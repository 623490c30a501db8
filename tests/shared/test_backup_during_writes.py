"""A backup taken while officers keep writing restores to a consistent state.

Consistent: every record the backup holds has exactly the audit entries that made it, and every
audit entry its record: no write is half in the copy.
"""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

from tracker.store.backup import backup, restore
from tracker.store.engine import make_engine
from tracker.store.read.plainsql import PlainConnection
from tracker.store.write.service import Service

FORK = multiprocessing.get_context("fork")
WRITERS = 3


def _writer(url: str, number: int, done: Any, stop: Any) -> None:
    """Add a milestone, then note on it, again and again, until told to stop."""
    service = Service(make_engine(url), user=f"officer-{number}")
    step = 0
    while not stop.is_set():
        service.add_milestone(f"P{number}", f"节点{step}")
        service.update_milestone(f"P{number}", f"节点{step}", {"note": f"第{step}步"})
        service.update_milestone(f"P{number}", f"节点{step // 2}", {"owner": f"张{step}"})
        step += 1
        with done.get_lock():
            done.value += 1


def _wait_for(done: Any, count: int) -> None:
    deadline = time.monotonic() + 120
    while done.value < count:
        assert time.monotonic() < deadline, "the writers made no progress"
        time.sleep(0.02)


def test_backup_during_writes_restores_consistently(db_url, make_service, tmp_path):
    setup = make_service("setup")
    for number in range(WRITERS):
        setup.create_project({"code": f"P{number}", "name": f"项目{number}"})
    setup.engine.dispose()
    done, stop = FORK.Value("i", 0), FORK.Event()
    writers = [FORK.Process(target=_writer, args=(db_url, n, done, stop)) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    try:
        _wait_for(done, 30)
        file = tmp_path / "during.backup"
        backup(db_url, file)
        at_backup = done.value
        _wait_for(done, at_backup + 30)
    finally:
        stop.set()
        for writer in writers:
            writer.join(60)
    assert [w.exitcode for w in writers] == [0] * WRITERS
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    restore(file, restored)
    copied, live = _audit_count(restored), _audit_count(db_url)
    assert WRITERS < copied < live  # the copy was taken in the middle of the writing
    _assert_consistent(restored)
    _assert_consistent(db_url)


def _audit_count(url: str) -> int:
    with PlainConnection(url) as conn:
        return int(conn.scalar("SELECT COUNT(*) FROM change"))


def _assert_consistent(url: str) -> None:
    with PlainConnection(url) as conn:
        milestones = conn.rows("SELECT id, note, owner, version FROM milestone ORDER BY id")
        audit = conn.rows(
            "SELECT record_id, field, new FROM change WHERE record = 'milestone' ORDER BY id"
        )
    created = [a["record_id"] for a in audit if a["field"] == "created"]
    assert sorted(created) == [m["id"] for m in milestones]
    for milestone in milestones:
        entries = [a for a in audit if a["record_id"] == milestone["id"]]
        updates = [a for a in entries if a["field"] != "created"]
        assert milestone["version"] == 1 + len(updates)
        for field in ("note", "owner"):
            latest = [a["new"] for a in updates if a["field"] == field][-1:]
            assert [milestone[field]] == latest or (milestone[field] is None and not latest)
