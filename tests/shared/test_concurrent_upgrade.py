"""Officers who install a newer tracker at the same moment: each command upgrades the shared
database before it works, and the upgrades queue instead of failing on each other."""

from __future__ import annotations

import multiprocessing
import traceback
from typing import Any

from tracker.store.migrate import current_revision, ensure_current, upgrade
from tracker.store.read.plainsql import PlainConnection
from tracker.store.schema import HEAD, REVISIONS

FORK = multiprocessing.get_context("fork")


def _upgrade_at_once(url: str, start: Any, results: Any) -> None:
    try:
        start.wait(60)
        ensure_current(url)
        results.put("ok")
    except BaseException:  # the test must see any failure
        results.put(traceback.format_exc())


def test_four_processes_upgrading_at_once_all_succeed(db_url):
    upgrade(db_url, REVISIONS[0])
    with PlainConnection(db_url) as conn:
        assert conn.scalar("SELECT COUNT(*) FROM project") == 0
    start, results = FORK.Barrier(4), FORK.Queue()
    processes = [
        FORK.Process(target=_upgrade_at_once, args=(db_url, start, results)) for _ in range(4)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(30)
    assert outcomes == ["ok"] * 4
    assert current_revision(db_url) == HEAD
