"""Measure every speed promise of tracker against the floor and the peers, in one run.

    python tests/benchmarks/bench.py [--sizes 1000,10000] [--quick] [--json FILE]

Builds deterministic synthetic portfolios (synthetic.py) through the product's import path,
times each operation as a whole process (several runs; min and median; the PDF, which takes
minutes, once and only up to 1,000 projects), measures the sqlite3 shell, `import textual.app`,
plain XlsxWriter writing the weekly workbook's cells and Taskwarrior in the same run, and prints
the figures with their ratios and each target of issues #3–#7, #16 and #18 marked met, missed,
missing or not run. Times are never asserted: CI runs `--quick` only so that this script keeps
working.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from loaders import Loader, tracker_argv, tracker_env
from peers import Taskwarrior, sqlite_import_argv, sqlite_shell_argv, textual_import_argv
from report import Results, measurement_table, verdict_table, verdicts
from synthetic import SEED, TODAY
from timing import TIMEOUT_S, Measurement, Run, last_line, measure, run_once

QUICK_SIZES = (100,)
QUICK_TIMEOUT_S = 60.0
# The PDF takes minutes from 1,000 projects on (one run, no warm-up), so it is not run above.
PDF_MAX_SIZE = 1000
PDF_TIMEOUT_S = 300.0
DEFAULT_SIZES = (1000, 10000)
HERE = Path(__file__).resolve().parent


def unknown_command(run: Run) -> bool:
    """Whether a tracker run failed because its command does not exist yet."""
    stderr = run.stderr.decode(errors="replace")
    return "invalid choice" in stderr or "No module named" in stderr


def pdf_unavailable(run: Run) -> bool:
    """Whether `export --format pdf` refused for want of WeasyPrint, Pango or a Chinese font
    (exit status 3, naming what to install), or does not exist yet."""
    return (run.returncode == 3 and b"install" in run.stderr) or unknown_command(run)


class Bench:
    """One benchmark run: its options, scratch directory and measurements."""

    def __init__(self, sizes: list[int], runs: int, quick: bool, workdir: Path) -> None:
        self.sizes = sizes
        self.runs = runs
        self.quick = quick
        self.warmup = not quick
        self.timeout = QUICK_TIMEOUT_S if quick else TIMEOUT_S
        self.workdir = workdir
        self.tracker = tracker_argv()
        self.measurements: list[Measurement] = []

    def env(self, database: Path) -> dict[str, str]:
        """The environment of a tracker process on `database`."""
        return tracker_env(database, self.workdir)

    def time(
        self,
        operation: str,
        size: str,
        argv: list[str],
        env: dict[str, str] | None = None,
        prepare: Callable[[], None] | None = None,
        missing_when: Callable[[Run], bool] | None = None,
        timed_by: Callable[[Run], float] | None = None,
        once: bool = False,
        timeout: float | None = None,
    ) -> Measurement:
        """Measure one operation and keep it (`once`: a single run, no warm-up); progress goes
        to stderr."""
        print(f"bench: {operation} @ {size} …", file=sys.stderr, flush=True)
        result = measure(
            operation,
            size,
            argv,
            env=env,
            runs=1 if once else self.runs,
            warmup=self.warmup and not once,
            prepare=prepare,
            missing_when=missing_when,
            timed_by=timed_by,
            timeout=timeout or self.timeout,
        )
        self.measurements.append(result)
        return result

    def missing(self, operation: str, size: str, why: str) -> None:
        """Record an operation that cannot be measured here, so it is never silently dropped."""
        self.measurements.append(Measurement(operation, size, status="missing", detail=why))

    def run(self) -> None:
        """Measure the demo portfolio, each size, then the PostgreSQL writers."""
        self.demo()
        for size in self.sizes:
            self.portfolio(size)
        self.pg_writes()

    def demo(self) -> None:
        """The TUI on the demo portfolio."""
        database = self.workdir / "demo.db"
        run_once([*self.tracker, "init", "--demo"], self.env(database))
        self.tui("demo", database)

    def portfolio(self, size: int) -> None:
        """Every operation on a synthetic portfolio of `size` projects."""
        label = str(size)
        workdir = self.workdir / label
        print(f"bench: building {size} projects …", file=sys.stderr, flush=True)
        run = run_once([sys.executable, str(HERE / "build.py"), label, str(workdir)])
        if run.returncode != 0:
            raise RuntimeError(f"building {size} projects failed: {run.stderr.decode()[-2000:]}")
        manifest = json.loads((workdir / "manifest.json").read_text(encoding="utf-8"))
        self.measurements.append(
            Measurement(
                "build", label, detail=manifest["method"], times=[run.seconds], peak_mb=run.peak_mb
            )
        )
        database = Path(manifest["database"])
        env = self.env(database)
        floor = sqlite_shell_argv(database, TODAY)
        if floor is None:
            self.missing("sqlite3", label, "the sqlite3 shell is not installed")
        else:
            self.time("sqlite3", label, floor)
        for script in ("due", "alerts"):  # what a bare Python program pays, in the same run
            floor_script = HERE / "floors" / f"stdlib_{script}.py"
            argv = [sys.executable, str(floor_script), str(database), TODAY.isoformat()]
            self.time(f"python-{script}", label, argv)
        self.taskwarrior(workdir, label, manifest["tasks"])
        xlsx = workdir / "weekly.xlsx"
        for operation, argv in (
            ("remind", ["remind", "--within", "14d"]),
            ("alerts", ["alerts"]),
            ("projects", ["projects", "--format", "json"]),
            ("weekly-md", ["export", "weekly", "--format", "md"]),
            ("weekly-xlsx", ["export", "weekly", "--format", "xlsx", "-o", str(xlsx)]),
        ):
            self.time(operation, label, [*self.tracker, *argv], env, missing_when=unknown_command)
        self.xlsx_floor(workdir, label, xlsx)
        if size <= PDF_MAX_SIZE:
            self.weekly_pdf(workdir, label, env)
        self.approvals(workdir, label, database)
        self.import_csv(workdir, label, manifest)
        self.tui(label, database)

    def xlsx_floor(self, workdir: Path, label: str, workbook: Path) -> None:
        """#18's floor of `weekly-xlsx`: plain XlsxWriter in constant_memory mode writing the
        cells of the workbook tracker just made, read from it in an untimed step first."""
        made = self.measurements[-1]
        if made.operation != "weekly-xlsx" or made.status != "ok" or not workbook.exists():
            self.missing("xlsxwriter", label, "no workbook of tracker's to take the cells from")
            return
        script = str(HERE / "floors" / "xlsxwriter_cells.py")
        cells = workdir / "weekly-cells.pickle"
        dump = run_once([sys.executable, script, "dump", str(workbook), str(cells)])
        if dump.returncode != 0:
            detail = f"reading tracker's workbook: {last_line(dump.stderr)}"
            self.measurements.append(Measurement("xlsxwriter", label, "failed", detail))
            return
        counts = last_json(dump.stdout)
        argv = [sys.executable, script, "write", str(cells), str(workdir / "floor.xlsx")]
        result = self.time("xlsxwriter", label, argv)
        if result.status == "ok":
            result.detail = (
                f"{counts['strings']} strings + {counts['numbers']} numbers "
                f"in {counts['sheets']} sheets"
            )

    def weekly_pdf(self, workdir: Path, label: str, env: dict[str, str]) -> None:
        """#18's PDF, one run and no warm-up (it takes minutes at 1,000 projects); missing
        when WeasyPrint, Pango or a Chinese font is not installed."""
        pdf = workdir / "weekly.pdf"
        argv = [*self.tracker, "export", "weekly", "--format", "pdf", "-o", str(pdf)]
        timeout = max(self.timeout, PDF_TIMEOUT_S)
        self.time(
            "weekly-pdf", label, argv, env, missing_when=pdf_unavailable, once=True, timeout=timeout
        )

    def approvals(self, workdir: Path, label: str, database: Path) -> None:
        """`tracker alerts` again on a copy of the portfolio whose projects have 10 approval
        items each (issue #16), in the same run as the time without them."""
        from loaders import add_approval_items

        copy = workdir / "with-approvals.db"
        shutil.copyfile(database, copy)
        add_approval_items(copy)
        argv = [*self.tracker, "alerts"]
        self.time("alerts-approvals", label, argv, self.env(copy), missing_when=unknown_command)

    def taskwarrior(self, workdir: Path, label: str, tasks: int | None) -> None:
        """The peer: Taskwarrior over the same open milestones (loaded by build.py)."""
        peer = Taskwarrior(workdir)
        if not peer.available or tasks is None:
            self.missing(
                "taskwarrior", label, "`task` is not installed (apt-get install taskwarrior)"
            )
            return
        result = self.time("taskwarrior", label, peer.due_argv(), env=peer.env())
        result.detail = f"{tasks} pending tasks"

    def import_csv(self, workdir: Path, label: str, manifest: dict[str, Any]) -> None:
        """`tracker import` of the portfolio's native CSV into an empty database."""
        argv = manifest["import_argv"]
        target = workdir / "import.db"
        loader = Loader(workdir)
        floor = sqlite_import_argv(workdir / "floor.db", loader.csv)
        if floor is None:
            self.missing("sqlite3-import", label, "the sqlite3 shell is not installed")
        else:
            self.time(
                "sqlite3-import",
                label,
                floor,
                prepare=lambda: (workdir / "floor.db").unlink(missing_ok=True),
            )
        self.time(
            "import",
            label,
            argv,
            env=self.env(target),
            prepare=lambda: loader.empty_database(target),
            missing_when=unknown_command,
        )

    def tui(self, label: str, database: Path) -> None:
        """The TUI's headless probe (#3): from process start to the dashboard's rows (the
        probe's own clock), a filter keystroke's repaint, the process's peak memory."""
        self.time("textual", label, textual_import_argv())  # the floor, next to what it floors
        argv = [sys.executable, str(HERE / "tui_probe.py"), "--db", str(database)]
        argv += ["--today", TODAY.isoformat()]
        figures: list[dict[str, Any]] = []

        def rows_s(run: Run) -> float:
            figures.append(last_json(run.stdout))
            return float(figures[-1]["rows_s"])

        result = self.time(
            "tui", label, argv, self.env(database), missing_when=unknown_command, timed_by=rows_s
        )
        if result.status == "ok":
            result.extra["repaint_ms"] = round(min(f["filter_s"] for f in figures) * 1000, 1)
            for key in ("alerts_s", "write_side_s"):
                if all(key in f for f in figures):
                    result.extra[key] = min(f[key] for f in figures)
            result.extra["rows"] = figures[-1].get("rows", 0)
            result.detail = "probe: start to rows"

    def pg_writes(self) -> None:
        """#7's PostgreSQL writers: updates a second from 8 processes, none lost."""
        script = HERE / "pg_writers.py"
        if not script.exists():
            self.missing("pg-writes", "-", "tests/benchmarks/pg_writers.py (#7) not there yet")
            return
        print("bench: pg-writes …", file=sys.stderr, flush=True)
        seconds = ["--seconds", "2"] if self.quick else []
        run = run_once([sys.executable, str(script), *seconds], dict(os.environ), self.timeout)
        result = Measurement("pg-writes", "-", peak_mb=run.peak_mb)
        if run.returncode != 0:
            result.status, result.detail = "failed", last_line(run.stderr)
        else:
            figures = last_json(run.stdout)
            for key in ("updates_per_s", "slowest_second", "updates", "lost", "errors"):
                result.extra[key] = float(figures.get(key, float("nan")))
            result.detail = (
                f"{figures.get('processes', '?')} processes × {figures.get('seconds')} s"
            )
        self.measurements.append(result)


def last_json(stdout: bytes) -> dict[str, Any]:
    """The JSON object a probe printed on its last line (ValueError when there is none)."""
    lines = stdout.decode(errors="replace").strip().splitlines()
    data = json.loads(lines[-1]) if lines else None
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object on the last line, got {lines[-1:]!r}")
    return data


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "note": "shared machine: compare ratios within one run, not absolute times across runs",
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated portfolio sizes (default 1000,10000)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run (for CI)")
    parser.add_argument("--runs", type=int, help="timed runs per operation (default 5; quick 1)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to FILE")
    parser.add_argument("--keep", type=Path, help="keep the scratch databases in this directory")
    args = parser.parse_args(argv)
    try:
        args.size_list = [int(s) for s in (args.sizes or "").split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: expected numbers such as 1000,10000")
    if not args.size_list:
        args.size_list = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if any(size < 1 for size in args.size_list):
        parser.error(f"--sizes {args.sizes!r}: expected sizes of 1 or more")
    return args


def compile_package() -> None:
    """Write the bytecode of tracker's modules, as installing a wheel does: tracker processes
    run with PYTHONDONTWRITEBYTECODE, so an editable checkout would otherwise recompile every
    module in every timed run, a cost no installed copy pays."""
    import compileall

    import tracker

    compileall.compile_dir(Path(tracker.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables (and write the JSON when asked)."""
    args = parse_args(argv)
    compile_package()
    runs = args.runs or (1 if args.quick else 5)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    command = "python tests/benchmarks/bench.py " + " ".join(argv or sys.argv[1:])
    bench = Bench(args.size_list, runs, quick=args.quick, workdir=workdir)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    try:
        bench.run()
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    results = Results(bench.measurements)
    found = verdicts(results)
    host = machine()
    host["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    host["minutes"] = round((time.perf_counter() - started) / 60, 1)
    print(
        f"\n{command.strip()}  (seed {SEED}, today {TODAY}, {runs} run(s) each; "
        f"{host['cores']} cores, load average {load_before:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end; {host['minutes']} min)\n"
    )
    print(measurement_table(results))
    print()
    print(verdict_table(found))
    if args.json:
        data = {
            "command": command.strip(),
            "seed": SEED,
            "today": TODAY.isoformat(),
            "runs": runs,
            "machine": host,
            "measurements": [m.as_json() for m in bench.measurements],
            "targets": [v.as_json() for v in found],
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    failed = [m for m in bench.measurements if m.status == "failed"]
    for m in failed:
        print(f"bench: {m.operation} @ {m.size} failed: {m.detail}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
