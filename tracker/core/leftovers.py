"""Half-written files a killed run left beside its target, removed by the next run.

Exports and backups write `.NAME.PID.tmp` / `.NAME.PID.partial` beside NAME and rename it onto
NAME when done; a SIGKILL leaves it behind. The next write of the same target removes those
whose process is gone (or that carry no process id), never one a live run is writing.
"""

from __future__ import annotations

import os
from pathlib import Path

_SUFFIXES = (".tmp", ".partial")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def remove_stale(target: Path) -> list[Path]:
    """Remove the leftovers of earlier, dead writes of `target`; returns what was removed."""
    folder = target.parent
    prefix = f".{target.name}."
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return []
    removed = []
    for name in names:
        if not name.startswith(prefix) or not name.endswith(_SUFFIXES):
            continue
        middle = name[len(prefix) :].rsplit(".", 1)[0]
        if middle.isascii() and middle.isdigit() and _alive(int(middle)):
            continue
        if middle and not middle.isdigit():
            continue  # not one of ours (.NAME.partial has an empty middle)
        path = folder / name
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
