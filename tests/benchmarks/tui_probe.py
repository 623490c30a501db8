"""Headless measurement of the TUI for the benchmark (#8): `python tui_probe.py --db URL`.

Starts the app as `tracker` does (the CLI's modules, the schema check, the plain-SQL read),
headless, waits until the dashboard's rows are painted, then types one filter keystroke, and
prints one line of JSON:

    rows_s        seconds from process start to the rows on screen
    alerts_s      seconds from process start to the alert rules' lights and alerts on screen
    write_side_s  seconds from process start until the Service (the ORM) was loaded behind them
    filter_s      seconds from a filter keystroke to its repaint
    rows          how many projects the dashboard holds
    peak_rss_mb   the process's peak resident memory
    clock         how process start was taken ("proc": the kernel's start time, kept to its
                  clock tick, so a figure can read up to one tick, 10 ms, long; "import": when
                  this module was imported, on systems without /proc)
"""

from __future__ import annotations

import time

_IMPORTED = time.time()

import argparse  # noqa: E402 - the moment above must come first
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def process_start() -> tuple[float, str]:
    """When this process started (epoch seconds), from /proc where there is one.

    The kernel gives the start in clock ticks since boot; it is placed on the wall clock by
    reading the time since boot (CLOCK_BOOTTIME, the clock those ticks count on) next to the
    time now. /proc/stat's `btime` is no base for it: it is truncated to whole seconds, so
    every figure of a boot came out up to a second too long, by a different amount each boot.
    """
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        now = time.time()
        return now - (since_boot - ticks / os.sysconf("SC_CLK_TCK")), "proc"
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED, "import"


def peak_rss_mb() -> float:
    """The peak resident memory of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


async def keystroke_repaint(app: Any, pilot: Any, key: str) -> float:
    """Seconds from pressing `key` in the filter box to the end of the screen refresh that
    shows the filtered table (the Pilot's own settling afterwards is not counted)."""
    from tracker.tui.widgets.portfolio_table import PortfolioTable

    table = app.screen.query_one(PortfolioTable)
    painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def repainted() -> None:
        if not painted.done():
            painted.set_result(time.perf_counter())

    set_filter = table.set_filter

    def filter_then_wait_for_paint(text: str) -> None:
        set_filter(text)
        table.call_after_refresh(repainted)

    table.set_filter = filter_then_wait_for_paint
    began = time.perf_counter()
    await pilot.press(key)
    return await asyncio.wait_for(painted, 10) - began


async def measure(
    db: str | None, lang: str | None, today: str | None, size: tuple[int, int]
) -> dict[str, object]:
    """Run the app headless and time it."""
    import tracker.cli.main  # noqa: F401 - the same modules `tracker` loads before the UI
    from tracker.config.run import settings_from
    from tracker.store.migrate import ensure_current

    settings = settings_from(db, today, lang, "probe")
    ensure_current(settings.db_url)
    from tracker.tui.launch import app_for

    start, clock = process_start()
    app = app_for(settings, cursor_blink=False)
    from tracker.tui.widgets.portfolio_table import PortfolioTable

    async with app.run_test(size=size) as pilot:
        await app.rows_shown.wait()
        rows_at = time.time()
        await app.alerts_shown.wait()
        alerts_at = time.time()
        await app.workers.wait_for_complete()
        written_at = time.time()
        await pilot.press("slash")
        await pilot.pause()
        filter_s = await keystroke_repaint(app, pilot, "1")
        rows = len(app.screen.query_one(PortfolioTable).rows)
    return {
        "rows_s": round(rows_at - start, 3),
        "alerts_s": round(alerts_at - start, 3),
        "write_side_s": round(written_at - start, 3),
        "filter_s": round(filter_s, 4),
        "rows": rows,
        "peak_rss_mb": peak_rss_mb(),
        "clock": clock,
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, measure, print the JSON line."""
    parser = argparse.ArgumentParser(
        prog="python tests/benchmarks/tui_probe.py", description=__doc__
    )
    parser.add_argument("--db", help="database file or URL (default: TRACKER_DB, as tracker)")
    parser.add_argument("--lang", help="zh or en (default: TRACKER_LANG, as tracker)")
    parser.add_argument("--today", help="treat this day as today (default: TRACKER_TODAY)")
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    result = asyncio.run(measure(args.db, args.lang, args.today, (width, height)))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
