"""Build one size's scratch data for bench.py, in a process of its own.

    python tests/benchmarks/build.py SIZE WORKDIR

Generates the portfolio, writes it into WORKDIR/portfolio.db (loaders.py), loads the same due
dates into a scratch Taskwarrior, prepares the import file, and writes WORKDIR/manifest.json.
It runs apart from bench.py so that the benchmark's own process stays small: a process's peak
memory, as the kernel reports it, starts from the memory of the process that launched it.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from loaders import Loader
from peers import Taskwarrior
from synthetic import generate


def build(size: int, workdir: Path) -> dict[str, object]:
    """Everything the benchmark needs for `size` projects; returns the manifest."""
    portfolio = generate(size)
    loader = Loader(workdir)
    database = loader.load(portfolio)
    peer = Taskwarrior(workdir)
    tasks = peer.load(portfolio, date.today()) if peer.available else None  # noqa: DTZ011
    return {
        "size": size,
        "database": str(database),
        "method": loader.method,
        "projects": len(portfolio.projects),
        "milestones": len(portfolio.milestones),
        "open_milestones": len(portfolio.open_due()),
        "tasks": tasks,
        "import_argv": loader.import_argv(),
    }


def main(argv: list[str]) -> int:
    """Build, then write the manifest beside the data."""
    size, workdir = int(argv[0]), Path(argv[1])
    workdir.mkdir(parents=True, exist_ok=True)
    manifest = build(size, workdir)
    (workdir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
