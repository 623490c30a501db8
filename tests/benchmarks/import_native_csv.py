"""Time `tracker import` of a native CSV: 10,000 projects × 20 milestones (200,000 rows).

Run: `python tests/benchmarks/import_native_csv.py [--projects N] [--db URL]`. Generates the
file in a temporary directory, imports it into an empty database (SQLite by default) and prints
the wall-clock time of the import command, audit entries included. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["code", "name", "category", "stage", "total_investment", "baseline_finish"]
HEADER += ["milestone", "milestone_baseline", "milestone_forecast", "milestone_done"]


def write_portfolio(path: Path, projects: int, milestones: int, seed: int = 6) -> None:
    """A long native CSV: one row per milestone, the project's cells repeated."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for n in range(projects):
            project = [f"SYN-{n:05d}", f"合成项目{n}", "urban", "construction"]
            project += [
                f"{rng.randint(1, 9500)}万",
                f"{rng.randint(2026, 2030)}-{rng.randint(1, 12):02d}",
            ]
            for k in range(milestones):
                year, month = rng.randint(2024, 2030), rng.randint(1, 12)
                done = f"{year}-{month:02d}-15" if year < 2026 else ""
                writer.writerow([*project, f"节点{k:02d}", f"{year}-{month:02d}", "", done])


def main() -> int:
    """Generate, import, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--milestones", type=int, default=20)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "portfolio.csv"
        write_portfolio(source, args.projects, args.milestones)
        db = args.db or str(Path(tmp) / "bench.db")
        tracker = [sys.executable, "-m", "tracker", "--db", db, "--user", "bench"]
        subprocess.run([*tracker, "init"], check=True, capture_output=True)
        start = time.perf_counter()
        result = subprocess.run([*tracker, "import", str(source)], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        print(result.stdout.strip() or result.stderr.strip())
        rows = args.projects * args.milestones
        print(f"{args.projects} projects, {rows} milestone rows: {elapsed:.2f} s")
        return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
