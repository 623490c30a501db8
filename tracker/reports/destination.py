"""Where a report goes: a file written whole (a temporary name, then renamed), or stdout; and a
progress bar on stderr for long work when stderr is a terminal."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tracker.core.errors import InputError
from tracker.core.leftovers import remove_stale


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`; renamed onto it when the block succeeds, else removed,
    so a reader never sees half a file."""
    target = target.expanduser()
    if not target.parent.is_dir():
        raise InputError("-o", str(target), "a file in an existing directory")
    if target.is_dir():
        raise InputError("-o", str(target), "a file name, not a directory")
    remove_stale(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a report is built and written: the rows, lines
    and cells, a million small objects at 10,000 projects, hold no reference cycles (reference
    counting frees them), yet each full collection would walk them all again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_text(target: Path, text: str) -> None:
    """Write `text` (UTF-8) to `target` whole."""
    with replacing(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")


class ProgressBar:
    """A one-line bar on `stream` when it is a terminal and the work has at least `minimum`
    steps; silent otherwise. Call it with (done, total), or (done, 0) while the total is not yet
    known (a counter is shown); `close` ends the line."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None, minimum: int = 500) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.minimum = minimum
        self.shown = False
        self.last = -1
        self.enabled = self.stream.isatty()

    def phase(self, title: str, size: int | None = None) -> Callable[[int, int], None]:
        """A progress callback for one phase of the work, titled `title`; `size`, when the phase
        has few steps but long ones (laying out a PDF), is the size of the work (its projects),
        judged against the minimum instead of the steps."""

        def update(done: int, total: int) -> None:
            if not self.enabled or (total if size is None else size) < self.minimum:
                return
            if total == 0:  # the size of the work is not known yet: count the steps done
                self.stream.write(f"\r{title} … {done}")
                self.stream.flush()
                self.shown = True
                return
            percent = done * 100 // total
            if percent == self.last and done != total:
                return
            self.last = percent
            filled = done * self.WIDTH // total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{title} [{bar}] {done}/{total}")
            self.stream.flush()
            self.shown = True
            if done == total:
                self.last = -1

        return update

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
