"""Compare two checkouts of tracker command by command, in alternating runs on one database.

    python tests/benchmarks/ab.py BEFORE_PYTHON AFTER_PYTHON DB [--rounds 7] [--json FILE]
    python tests/benchmarks/ab.py PYTHON PYTHON DB --with-approvals --only alerts


Each PYTHON is the interpreter of a virtual environment that has one checkout installed
(`pip install -e`). Every round runs each command once with the before checkout and once with
the after one, so that whatever else the machine is doing weighs on both alike; a figure is the
minimum over the rounds of the child's CPU time (user + system, from `wait4`), which a busy
machine inflates far less than it inflates wall time, with the wall time's minimum beside it.
The full benchmark (bench.py) times one checkout on a quiet machine; this answers "did the
change make a command slower?" when the machine is not quiet. With `--with-approvals` the after
side runs on a copy of DB whose projects have ten approval items each (issue #16's speed
target: `alerts` with them against without them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from loaders import AUTHOR
from synthetic import TODAY

COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "remind": ["remind", "--within", "14d"],
    "alerts": ["alerts"],
    "alerts-json": ["alerts", "--format", "json"],
    "projects-json": ["projects", "--format", "json"],
    "show-json": ["show", "BX-000001", "--format", "json"],
    "remind-json": ["remind", "--within", "14d", "--format", "json"],
    "weekly-md": ["export", "weekly", "--format", "md"],
    "weekly-json": ["export", "weekly", "--format", "json"],
    "weekly-csv": ["export", "weekly", "--format", "csv"],
}


def run(python: str, argv: list[str], database: Path) -> tuple[float, float]:
    """One run of `python -m tracker ARGV`: (CPU seconds of the child, wall seconds)."""
    env = {
        **os.environ,
        "TRACKER_DB": str(database),
        "TRACKER_TODAY": TODAY.isoformat(),
        "TRACKER_LANG": "en",
        "TRACKER_USER": AUTHOR,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    started = time.perf_counter()
    child = subprocess.Popen(
        [python, "-m", "tracker", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{python} {' '.join(argv)} failed: {errors.decode()[-300:]}")
    return usage.ru_utime + usage.ru_stime, wall


def with_approvals(database: Path) -> Path:
    """A copy of `database` beside it whose projects have ten approval items each."""
    import shutil

    from loaders import add_approval_items

    copy = database.with_name(f"{database.stem}-with-approvals{database.suffix}")
    if not copy.exists():
        shutil.copyfile(database, copy)
        add_approval_items(copy)
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the before checkout's Python")
    parser.add_argument("after", help="the after checkout's Python")
    parser.add_argument("database", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to FILE")
    parser.add_argument("--only", action="append", choices=sorted(COMMANDS), help="these commands")
    parser.add_argument(
        "--with-approvals",
        action="store_true",
        help="the after side on a copy of DB with ten approval items a project",
    )
    args = parser.parse_args()
    commands = {name: COMMANDS[name] for name in args.only or COMMANDS}
    databases = {"before": args.database, "after": args.database}
    if args.with_approvals:
        databases["after"] = with_approvals(args.database)
    figures: dict[str, dict[str, list[float]]] = {
        name: {"before_cpu": [], "after_cpu": [], "before_wall": [], "after_wall": []}
        for name in commands
    }
    for round_number in range(args.rounds):
        if sys.stderr.isatty():
            print(f"round {round_number + 1}/{args.rounds}", file=sys.stderr)
        for name, argv in commands.items():
            for side in ("before", "after"):
                cpu, wall = run(getattr(args, side), argv, databases[side])
                figures[name][f"{side}_cpu"].append(cpu)
                figures[name][f"{side}_wall"].append(wall)
    print(f"{'command':14} {'before cpu':>11} {'after cpu':>10} {'ratio':>6}  {'walls (min)':>17}")
    summary = {}
    for name, runs in figures.items():
        best = {key: min(values) for key, values in runs.items()}
        ratio = best["after_cpu"] / best["before_cpu"]
        summary[name] = {**best, "cpu_ratio": ratio}
        print(
            f"{name:14} {best['before_cpu'] * 1000:9.0f}ms {best['after_cpu'] * 1000:8.0f}ms"
            f" {ratio:6.3f}  {best['before_wall'] * 1000:7.0f} / {best['after_wall'] * 1000:.0f}ms"
        )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
