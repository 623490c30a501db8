"""Record the headless commands' outputs on a database, and compare two such records.

    python tests/benchmarks/outputs.py record DB DIR     # one file per command in DIR
    python tests/benchmarks/outputs.py compare DIR DIR   # exit 1 and name each file that differs

A reshaping of the code (the issue "A house whose rooms show its layers") must leave every
output byte-identical: record on the benchmark portfolios before the change, record again after,
compare. Everything runs with one fixed `today`, so a record made on another day still compares.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

TODAY = "2026-11-28"

COMMANDS: dict[str, list[str]] = {
    "projects.json": ["projects", "--format", "json"],
    "show.json": ["show", "BX-000001", "--format", "json"],
    "remind.json": ["remind", "--within", "14d", "--format", "json"],
    "alerts.json": ["alerts", "--format", "json"],
    "weekly.json": ["export", "weekly", "--format", "json"],
    "weekly.md": ["export", "weekly", "--format", "md"],
    "weekly.csv": ["export", "weekly", "--format", "csv"],
}


def record(database: Path, directory: Path) -> int:
    """Run every command on `database` and write its stdout (and exit status) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "TRACKER_DB": str(database),
        "TRACKER_TODAY": TODAY,
        "TRACKER_USER": "bench",
    }
    for name, argv in COMMANDS.items():
        for lang in ("en", "zh"):
            run = subprocess.run(
                [sys.executable, "-m", "tracker", "--lang", lang, *argv],
                env=env,
                capture_output=True,
                check=False,
            )
            out = directory / f"{lang}.{name}"
            out.write_bytes(run.stdout + f"\n[exit {run.returncode}]\n".encode())
    return 0


def compare(before: Path, after: Path) -> int:
    """0 when both records hold the same files byte for byte; else 1, with a short diff each."""
    differ = 0
    for path in sorted(before.iterdir()):
        other = after / path.name
        if not other.exists():
            print(f"missing after: {path.name}")
            differ = 1
            continue
        if path.read_bytes() == other.read_bytes():
            continue
        differ = 1
        print(f"differs: {path.name}")
        old = path.read_text(encoding="utf-8", errors="replace").splitlines()
        new = other.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(old) == len(new):
            # the usual case: lines reworded in place; difflib over 100 MB takes many minutes
            pairs = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
            print(f"  {len(pairs)} of {len(old)} lines differ; the first:")
            for a, b in pairs[:6]:
                print(f"  - {a}\n  + {b}")
            continue
        for line in list(difflib.unified_diff(old, new, lineterm="", n=0))[:12]:
            print(f"  {line}")
    return differ


def main(argv: list[str]) -> int:
    """`record DB DIR` or `compare DIR DIR`."""
    if len(argv) == 3 and argv[0] == "record":
        return record(Path(argv[1]), Path(argv[2]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
