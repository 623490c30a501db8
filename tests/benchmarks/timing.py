"""Time a command as a whole process, the way a user waits for it: several runs, min and median.

Each run reads the command's whole output through a pipe and takes its own peak memory from
wait4's resource usage. A command that fails is reported with its last line of stderr; one
that is not there at all (not installed, or a tracker command not built yet) is "missing".
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO

TIMEOUT_S = 600.0
TAIL_BYTES = 1 << 16
SLOW_RUN_S = 2.0
SLOW_RUNS = 3
VERY_SLOW_S = 20.0


@dataclass
class Measurement:
    """The figures of one operation at one size."""

    operation: str
    size: str
    status: str = "ok"  # ok | missing | failed
    detail: str = ""
    times: list[float] = field(default_factory=list)
    peak_mb: float | None = None
    lines: int | None = None
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def best(self) -> float | None:
        """The fastest run (the least disturbed by others on a shared machine)."""
        return min(self.times) if self.times else None

    @property
    def median(self) -> float | None:
        """The median run."""
        return statistics.median(self.times) if self.times else None

    def as_json(self) -> dict[str, object]:
        """The measurement as plain JSON data."""
        return {
            "operation": self.operation,
            "size": self.size,
            "status": self.status,
            "detail": self.detail,
            "runs": len(self.times),
            "min_s": self.best,
            "median_s": self.median,
            "times_s": self.times,
            "peak_mb": self.peak_mb,
            "lines": self.lines,
            **self.extra,
        }


@dataclass(frozen=True)
class Run:
    """One finished process."""

    seconds: float
    returncode: int
    stdout: bytes  # the last 64 KB: enough for a probe's JSON line
    stderr: bytes  # the last 64 KB
    peak_mb: float
    timed_out: bool = False
    lines: int = 0


def run_once(
    argv: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = TIMEOUT_S
) -> Run:
    """Run `argv` to the end (killed after `timeout` seconds); its wall time, exit status,
    output and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        env=None if env is None else dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        os.kill(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    with ThreadPoolExecutor(max_workers=2) as pool:
        stdout = pool.submit(_drain, process.stdout)
        stderr = pool.submit(_drain, process.stderr)
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        (out, lines), (err, _) = stdout.result(), stderr.result()
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    return Run(seconds, process.returncode, out, err, peak, killed.is_set(), lines)


def _drain(stream: IO[bytes] | None) -> tuple[bytes, int]:
    """Read a pipe to its end; keep only its tail (where a probe's JSON line is) and count
    its lines, so that a large output never swells this process (whose peak memory the next
    child would inherit in the kernel's figure)."""
    if stream is None:
        return b"", 0
    tail, lines = b"", 0
    with stream:
        while chunk := stream.read(1 << 16):
            lines += chunk.count(b"\n")
            tail = (tail + chunk)[-TAIL_BYTES:]
    return tail, lines


def last_line(data: bytes) -> str:
    """The last non-empty line of a process's output, for a one-line failure note."""
    lines = [line for line in data.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def measure(
    operation: str,
    size: str,
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    runs: int,
    warmup: bool,
    prepare: Callable[[], None] | None = None,
    missing_when: Callable[[Run], bool] | None = None,
    timed_by: Callable[[Run], float] | None = None,
    timeout: float = TIMEOUT_S,
) -> Measurement:
    """Run `argv` `runs` times (3 when a run's figure is over 2 s, 1 when a run takes over
    20 s); `prepare` runs untimed before each. A run's figure is its wall time, or what
    `timed_by` reads from it (a probe's own clock: the TUI probe's process runs on for seconds
    after the figure, and its figure keeps all its runs); a warm-up run first, untimed, when
    `warmup`."""
    result = Measurement(operation, size)
    planned = runs
    warming = warmup
    while len(result.times) < planned:
        if prepare is not None:
            prepare()
        run = run_once(argv, env, timeout)
        if _failed(result, run, missing_when):
            return result
        try:
            figure = run.seconds if timed_by is None else timed_by(run)
        except (ValueError, KeyError) as error:
            result.status, result.detail = "failed", f"unreadable figures: {error}"
            result.times.clear()
            return result
        if figure > SLOW_RUN_S:
            planned = min(planned, SLOW_RUNS)
        if warming:
            warming = False
            if run.seconds <= VERY_SLOW_S:
                continue
            planned = 1  # a warm-up this slow is the run: warming up no longer matters
        result.times.append(figure)
        result.peak_mb = max(result.peak_mb or 0.0, run.peak_mb)
        result.lines = run.lines
    return result


def _failed(result: Measurement, run: Run, missing_when: Callable[[Run], bool] | None) -> bool:
    if run.returncode == 0 and not run.timed_out:
        return False
    result.times.clear()
    if run.timed_out:
        result.status, result.detail = "failed", f"no answer after {run.seconds:.0f} s: killed"
        return True
    if missing_when is not None and missing_when(run):
        result.status = "missing"
    else:
        result.status = "failed"
    result.detail = last_line(run.stderr) or last_line(run.stdout) or f"exit {run.returncode}"
    return True
