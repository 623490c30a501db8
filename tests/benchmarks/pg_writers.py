"""Milestone updates a second that 8 officers sustain on one PostgreSQL database (#7).

    python tests/benchmarks/pg_writers.py [--processes 8] [--seconds 10] [--url URL]

Each writer is its own process with its own engine (its own connection), moving the forecasts
of its project's milestones through the service layer, audit entries included, for the given
time. Afterwards every update is checked against the database: each milestone's version and
forecast, and one audit entry per changed field. Works in a scratch schema of the local server
(TRACKER_TEST_PG, as the tests), dropped afterwards. Prints JSON on its last line for bench.py:
`updates_per_s` (whole window), `slowest_second`, `updates`, `audit_entries`, `lost`, `errors`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MILESTONES = 20
FIRST_DAY = date(2027, 1, 1)


@contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """A new schema on the server, dropped afterwards; the URL that works inside it."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    plain = url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def prepare(url: str, processes: int) -> None:
    """The schema, and one project of MILESTONES milestones per writer."""
    from tracker.store.engine import make_engine
    from tracker.store.migrate import upgrade
    from tracker.store.write.service import Service

    upgrade(url)
    engine = make_engine(url)
    service = Service(engine, user="setup")
    for writer in range(processes):
        service.create_project({"code": f"W{writer}", "name": f"写入测试项目{writer}"})
        for number in range(MILESTONES):
            service.add_milestone(f"W{writer}", f"节点{number}")
    engine.dispose()


def writer(url: str, number: int, seconds: float, start: Any, results: Any) -> None:
    """One officer: move forecasts on its own project until the time is up."""
    from tracker.core.dates import Deadline, Precision
    from tracker.store.engine import make_engine
    from tracker.store.write.service import Service

    service = Service(make_engine(url), user=f"officer-{number}")
    updates, audit, errors = 0, 0, 0
    per_second: Counter[int] = Counter()
    start.wait(120)
    began, cpu = time.perf_counter(), time.process_time()
    while (now := time.perf_counter()) - began < seconds:
        day = FIRST_DAY + timedelta(days=updates // MILESTONES + 1)
        try:
            changes = service.set_forecast(
                f"W{number}", f"节点{updates % MILESTONES}", Deadline(day, Precision.DAY)
            )
        except Exception:  # counted and reported: the benchmark must finish to say so
            errors += 1
            continue
        updates += 1
        audit += len(changes)
        per_second[int(now - began)] += 1
    results.put(
        {
            "number": number,
            "updates": updates,
            "audit": audit,
            "errors": errors,
            "per_second": dict(per_second),
            "elapsed": time.perf_counter() - began,
            "cpu": time.process_time() - cpu,
        }
    )


def lost_updates(url: str, outcomes: list[dict[str, Any]]) -> tuple[int, int]:
    """Updates and audit entries the database should hold but does not (0, 0 when none)."""
    from tracker.store.read.plainsql import PlainConnection

    lost_updates, lost_audit = 0, 0
    with PlainConnection(url) as conn:
        for outcome in outcomes:
            code, updates = f"W{outcome['number']}", outcome["updates"]
            rows = conn.rows(
                "SELECT m.name, m.version, m.forecast FROM milestone m"
                " JOIN project p ON p.id = m.project_id WHERE p.code = :code",
                {"code": code},
                dates=("forecast",),
            )
            for row in rows:
                index = int(row["name"].removeprefix("节点"))
                expected = len(range(index, updates, MILESTONES))
                lost_updates += max(expected - (row["version"] - 1), 0)
                if expected:
                    last = index + (expected - 1) * MILESTONES
                    due = FIRST_DAY + timedelta(days=last // MILESTONES + 1)
                    lost_updates += int(row["forecast"] != due)
            found = conn.scalar(
                "SELECT COUNT(*) FROM change WHERE author = :author AND field <> 'created'",
                {"author": f"officer-{outcome['number']}"},
            )
            lost_audit += max(outcome["audit"] - int(found), 0)
    return lost_updates, lost_audit


def measure(url: str, processes: int, seconds: float) -> dict[str, Any]:
    """Run the writers against `url` and check what they wrote."""
    fork = multiprocessing.get_context("fork")
    start, results = fork.Barrier(processes), fork.Queue()
    workers = [
        fork.Process(target=writer, args=(url, n, seconds, start, results))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=seconds + 300) for _ in workers]
    for worker in workers:
        worker.join(60)
    updates = sum(o["updates"] for o in outcomes)
    by_second: Counter[int] = Counter()
    for outcome in outcomes:
        by_second.update({int(k): v for k, v in outcome["per_second"].items()})
    full_seconds = [by_second[s] for s in range(int(seconds))]
    lost, lost_audit = lost_updates(url, outcomes)
    return {
        "processes": processes,
        "seconds": seconds,
        "updates": updates,
        "updates_per_s": round(updates / max(o["elapsed"] for o in outcomes), 1),
        "slowest_second": min(full_seconds) if full_seconds else 0,
        "each_second": full_seconds,
        "audit_entries": sum(o["audit"] for o in outcomes),
        "lost": lost,
        "lost_audit_entries": lost_audit,
        "errors": sum(o["errors"] for o in outcomes),
        "client_cpu_ms_per_update": round(
            1000 * sum(o["cpu"] for o in outcomes) / max(updates, 1), 2
        ),
        "cores": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print the figures; exit 1 if any update was lost or failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--url", default=os.environ.get("TRACKER_TEST_PG", DEFAULT_URL))
    args = parser.parse_args(argv)
    with scratch_schema(args.url) as url:
        prepare(url, args.processes)
        figures = measure(url, args.processes, args.seconds)
    print(
        f"{figures['updates_per_s']:.0f} milestone updates/s from {args.processes} writers "
        f"(slowest second {figures['slowest_second']}), lost {figures['lost']}, "
        f"errors {figures['errors']}",
        file=sys.stderr,
    )
    print(json.dumps(figures))
    return 1 if figures["lost"] or figures["lost_audit_entries"] or figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
