"""Many officers' processes writing at once, each with its own engine, through the Service.

On PostgreSQL and on one SQLite file: every write lands, with exactly one audit entry each; no
error, no "database is locked". Processes are forked, so each starts with the test's modules
already imported and opens its own connections.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from tracker.core.errors import ConflictError
from tracker.store.engine import make_engine
from tracker.store.read.plainsql import PlainConnection
from tracker.store.write.service import Service

PROCESSES = 8
WRITES = 200
MILESTONES = ("开工", "主体结顶", "竣工验收", "投用")
FORK = multiprocessing.get_context("fork")


def _portfolio(make_service, projects: int) -> None:
    """Projects P0..Pn-1, each with the four milestones; the setup engine is closed after."""
    service = make_service("setup")
    for number in range(projects):
        service.create_project({"code": f"P{number}", "name": f"项目{number}"})
        for name in MILESTONES:
            service.add_milestone(f"P{number}", name)
    service.engine.dispose()


def run_processes(target: Callable[..., Any], args: list[tuple[Any, ...]]) -> list[Any]:
    """Start one forked process per argument tuple, all writing at once; their results."""
    results = FORK.Queue()
    start = FORK.Barrier(len(args))
    processes = [FORK.Process(target=_report, args=(results, start, target, a)) for a in args]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    return outcomes


def _report(results: Any, start: Any, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        start.wait(60)
        results.put(target(*args))
    except BaseException:  # a crash is a result the test must see
        results.put({"crashed": traceback.format_exc()})


def _own_project_writer(url: str, number: int) -> dict[str, Any]:
    """One officer: WRITES note changes on the milestones of project P<number>."""
    service = Service(make_engine(url), user=f"officer-{number}")
    errors = []
    for i in range(WRITES):
        try:
            service.update_milestone(f"P{number}", MILESTONES[i % 4], {"note": f"{number}:{i}"})
        except Exception as error:
            errors.append(repr(error))
    return {"errors": errors}


def test_eight_processes_each_writing_its_own_project_lose_nothing(db_url, make_service):
    _portfolio(make_service, PROCESSES)
    outcomes = run_processes(_own_project_writer, [(db_url, n) for n in range(PROCESSES)])
    assert outcomes == [{"errors": []}] * PROCESSES
    with PlainConnection(db_url) as conn:
        audit = conn.rows("SELECT author, project_code, new FROM change WHERE field = 'note'")
        stored = conn.rows(
            "SELECT p.code, m.name, m.note, m.version FROM milestone m"
            " JOIN project p ON p.id = m.project_id"
        )
    assert len(audit) == PROCESSES * WRITES
    assert {row["new"] for row in audit} == {
        f"{n}:{i}" for n in range(PROCESSES) for i in range(WRITES)
    }
    assert all(row["author"] == f"officer-{row['project_code'][1:]}" for row in audit)
    last = WRITES - 4
    expected = {
        (f"P{n}", name, f"{n}:{last + k}", 1 + WRITES // 4)
        for n in range(PROCESSES)
        for k, name in enumerate(MILESTONES)
    }
    assert {(r["code"], r["name"], r["note"], r["version"]) for r in stored} == expected


def _same_record_writer(url: str, number: int, attempts: int, blind: bool) -> dict[str, Any]:
    """One officer saving the same milestone again and again: a fresh form each time, or blind."""
    service = Service(make_engine(url), user=f"officer-{number}")
    outcome: Counter[str] = Counter()
    errors = []
    for i in range(attempts):
        try:
            version = None if blind else _form_version(service)
            service.update_milestone(
                "P0", "竣工验收", {"note": f"{number}:{i}"}, expected_version=version
            )
            outcome["saved"] += 1
        except ConflictError as conflict:
            assert "P0" in str(conflict) and "竣工验收" in str(conflict)
            outcome["conflicts"] += 1
        except Exception as error:
            errors.append(repr(error))
    return {"saved": outcome["saved"], "conflicts": outcome["conflicts"], "errors": errors}


def _form_version(service: Service) -> int:
    with service.session() as session:
        return service.milestone(session, service.project(session, "P0"), "竣工验收").version


@pytest.mark.parametrize("blind", [False, True], ids=["forms", "blind"])
def test_two_processes_on_the_same_milestone_wait_and_never_crash(db_url, make_service, blind):
    _portfolio(make_service, 1)
    attempts = 150
    outcomes = run_processes(_same_record_writer, [(db_url, n, attempts, blind) for n in range(2)])
    assert [o["errors"] for o in outcomes] == [[], []]
    saved = sum(o["saved"] for o in outcomes)
    assert saved + sum(o["conflicts"] for o in outcomes) == 2 * attempts
    if blind:
        assert saved == 2 * attempts
    with PlainConnection(db_url) as conn:
        audit = conn.rows("SELECT old, new FROM change WHERE field = 'note' ORDER BY id")
        version = conn.scalar("SELECT version FROM milestone WHERE name = '竣工验收'")
    assert len(audit) == saved and version == 1 + saved
    assert [row["old"] for row in audit[1:]] == [row["new"] for row in audit[:-1]]
