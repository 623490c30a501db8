"""The benchmark's verdicts and tables: each figure against its floor and its peer, each target
from the issues marked met, missed, missing (not built or not installed) or not run (its size
was not asked for).

Ratios and targets use each operation's fastest run: on a shared machine the fastest run is the
one least disturbed by the neighbours, and the floor and the peer are taken the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from timing import Measurement

LABELS = {
    "remind": "tracker remind --within 14d",
    "alerts": "tracker alerts",
    "alerts-approvals": "tracker alerts, 10 approval items a project",
    "projects": "tracker projects --format json",
    "weekly-md": "tracker export weekly --format md",
    "weekly-xlsx": "tracker export weekly --format xlsx",
    "weekly-pdf": "tracker export weekly --format pdf (1 run, no warm-up)",
    "import": "tracker import (native CSV)",
    "tui": "TUI start to dashboard rows",
    "sqlite3": "sqlite3 shell, due query (floor)",
    "sqlite3-import": "sqlite3 shell, .import of the same CSV (floor)",
    "textual": 'python -c "import textual.app" (floor)',
    "python-due": "Python + stdlib sqlite3, due query printed (floors/stdlib_due.py)",
    "python-alerts": "Python + stdlib sqlite3, 3 milestone rules (floors/stdlib_alerts.py)",
    "xlsxwriter": "XlsxWriter constant_memory, the same cells (floors/xlsxwriter_cells.py)",
    "taskwarrior": "task due.before:today+14d list (peer)",
    "pg-writes": "PostgreSQL writes, 8 writers (#7)",
    "build": "portfolio generated and loaded",
}
# The issue that builds each operation, named when the operation is missing.
ISSUE = {
    "remind": "#4",
    "alerts": "#4",
    "weekly-md": "#5",
    "weekly-xlsx": "#5",
    "import": "#6",
    "tui": "#3",
    "pg-writes": "#7",
}
# Which floor and which peer each operation is held against (by operation key).
FLOOR = {
    "remind": "sqlite3",
    "alerts": "sqlite3",
    "projects": "sqlite3",
    "weekly-md": "sqlite3",
    "weekly-xlsx": "xlsxwriter",
    "tui": "textual",
    "import": "sqlite3-import",
}
PEER = {"remind": "taskwarrior", "alerts": "taskwarrior"}


@dataclass(frozen=True)
class Verdict:
    """One target from the issues and how this run did against it."""

    issue: str
    target: str
    size: str
    figure: str
    verdict: str  # met | missed | missing | failed | not run

    def as_json(self) -> dict[str, str]:
        """The verdict as plain JSON data."""
        return {
            "issue": self.issue,
            "target": self.target,
            "size": self.size,
            "figure": self.figure,
            "verdict": self.verdict,
        }


class Results:
    """The measurements of one run, found by operation and size."""

    def __init__(self, measurements: list[Measurement]) -> None:
        self.measurements = measurements
        self._index = {(m.operation, m.size): m for m in measurements}

    def get(self, operation: str, size: str) -> Measurement | None:
        """The measurement of `operation` at `size` (floors measured once are found at "-")."""
        return self._index.get((operation, size)) or self._index.get((operation, "-"))

    def ratio(self, measurement: Measurement, against: str | None) -> float | None:
        """`measurement`'s fastest run over that of the floor or peer `against` at its size."""
        if against is None or measurement.best is None:
            return None
        other = self.get(against, measurement.size)
        if other is None or not other.best:
            return None
        return measurement.best / other.best


def _blocked(*found: Measurement | None) -> str | None:
    """Why a target cannot be judged from these measurements, or None when it can."""
    for measurement in found:
        if measurement is None:
            return "not run"
    for measurement in found:
        assert measurement is not None
        if measurement.status != "ok":
            return measurement.status
    return None


def _judge(
    results: Results,
    issue: str,
    target: str,
    size: str,
    needs: list[tuple[str, str]],
    check: Callable[[list[float], list[Measurement]], tuple[bool, str]],
) -> Verdict:
    found = [results.get(op, at) for op, at in needs]
    blocked = _blocked(*found)
    if blocked == "not run":
        return Verdict(issue, target, size, "size not in this run", blocked)
    if blocked is not None:
        absent = [
            LABELS.get(op, op)
            for (op, _), m in zip(needs, found, strict=True)
            if m is not None and m.status != "ok"
        ]
        return Verdict(issue, target, size, ", ".join(absent), blocked)
    ok = [m for m in found if m is not None]
    met, figure = check([m.best or 0.0 for m in ok], ok)
    return Verdict(issue, target, size, figure, "met" if met else "missed")


def verdicts(results: Results) -> list[Verdict]:
    """Every speed target of issues #3–#7, #16 and #18, judged on this run."""
    out: list[Verdict] = []
    for op in ("remind", "alerts"):
        for size in ("1000", "10000"):
            out.append(
                _judge(
                    results,
                    "#4",
                    f"`{op}` ≥ 5 × faster than Taskwarrior",
                    size,
                    [(op, size), ("taskwarrior", size)],
                    lambda t, m: (t[1] / t[0] >= 5, f"{t[1] / t[0]:.1f} × faster"),
                )
            )
            out.append(
                _judge(
                    results,
                    "#4",
                    f"`{op}` ≤ 10 × the sqlite3 shell",
                    size,
                    [(op, size), ("sqlite3", size)],
                    lambda t, m: (t[0] / t[1] <= 10, f"{t[0] / t[1]:.1f} ×"),
                )
            )
    for size in ("1000", "10000"):
        out.append(
            _judge(
                results,
                "#16",
                "`alerts` with 10 approval items a project ≤ 1.3 × without",
                size,
                [("alerts-approvals", size), ("alerts", size)],
                lambda t, m: (t[0] / t[1] <= 1.3, f"{t[0] / t[1]:.2f} ×"),
            )
        )
    for size in ("demo", "1000"):
        out.append(
            _judge(
                results,
                "#3",
                "TUI to rows ≤ 1.5 × `import textual.app`",
                size,
                [("tui", size), ("textual", size)],
                lambda t, m: (t[0] / t[1] <= 1.5, f"{t[0] / t[1]:.2f} ×"),
            )
        )
    out.append(
        _judge(
            results,
            "#3",
            "TUI to rows at 10k ≤ 1.3 × at 1k",
            "10000",
            [("tui", "10000"), ("tui", "1000")],
            lambda t, m: (t[0] / t[1] <= 1.3, f"{t[0] / t[1]:.2f} ×"),
        )
    )
    out.append(_extra(results, "TUI filter keystroke repaint ≤ 100 ms", "repaint_ms", 100.0))
    out.append(_extra(results, "TUI peak memory ≤ 300 MB", "peak_mb", 300.0))
    for size, limit in (("1000", 1.5), ("10000", 5.0)):
        out.append(_under(results, "#5", "weekly-xlsx", size, limit))
    for size in ("1000", "10000"):
        out.append(
            _judge(
                results,
                "#18",
                "`weekly-xlsx` ≤ 1.3 × XlsxWriter constant_memory, same cells",
                size,
                [("weekly-xlsx", size), ("xlsxwriter", size)],
                lambda t, m: (t[0] / t[1] <= 1.3, f"{t[0] / t[1]:.2f} ×"),
            )
        )
    out.append(_under(results, "#18", "weekly-pdf", "1000", 30.0))
    out.append(_under(results, "#6", "import", "10000", 10.0, "200k milestones"))
    out.append(
        _judge(
            results,
            "#7",
            "≥ 200 milestone updates/s from 8 writers, none lost",
            "-",
            [("pg-writes", "-")],
            lambda t, m: (
                m[0].extra.get("updates_per_s", 0) >= 200
                and m[0].extra.get("lost", 1) == 0
                and m[0].extra.get("errors", 1) == 0,
                f"{m[0].extra.get('updates_per_s', 0):.0f}/s, lost {m[0].extra.get('lost', 0):g}",
            ),
        )
    )
    return out


def _under(
    results: Results, issue: str, op: str, size: str, limit: float, note: str = ""
) -> Verdict:
    target = f"`{op}` < {limit:g} s" + (f" ({note})" if note else "")
    return _judge(
        results,
        issue,
        target,
        size,
        [(op, size)],
        lambda t, m: (t[0] < limit, f"{t[0]:.2f} s"),
    )


def _extra(results: Results, target: str, key: str, limit: float) -> Verdict:
    def check(_: list[float], found: list[Measurement]) -> tuple[bool, str]:
        value = found[0].extra.get(key) if key != "peak_mb" else found[0].peak_mb
        if value is None:
            return False, f"{key} not reported"
        return value <= limit, f"{value:.0f}"

    return _judge(results, "#3", target, "10000", [("tui", "10000")], check)


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} ×"


def measurement_table(results: Results) -> str:
    """The figures as a Markdown table (it reads as well in a terminal)."""
    lines = [
        "| operation | size | runs | min | median | peak MB | lines | × floor | × peer | note |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for m in results.measurements:
        floor = results.ratio(m, FLOOR.get(m.operation))
        peer = results.ratio(m, PEER.get(m.operation))
        note = m.detail if m.status == "ok" else f"**{m.status}**: {m.detail}"
        if m.status == "missing" and m.operation in ISSUE:
            why = "no such tracker command yet" if "invalid choice" in m.detail else m.detail
            note = f"**missing** ({ISSUE[m.operation]} not landed): {why}"
        extras = ", ".join(f"{k} {v:g}" for k, v in m.extra.items())
        note = "; ".join(part for part in (note, extras) if part)
        lines.append(
            f"| {LABELS.get(m.operation, m.operation)} | {m.size} | {len(m.times)} "
            f"| {_seconds(m.best)} | {_seconds(m.median)} "
            f"| {'—' if m.peak_mb is None else f'{m.peak_mb:.0f}'} "
            f"| {'—' if m.lines is None else m.lines} | {_ratio(floor)} | {_ratio(peer)} "
            f"| {note.replace('|', '/')} |"
        )
    return "\n".join(lines)


def verdict_table(found: list[Verdict]) -> str:
    """The targets as a Markdown table."""
    lines = ["| issue | target | size | this run | verdict |", "|---|---|---|---|---|"]
    for v in found:
        verdict = v.verdict if v.verdict in ("met", "not run") else f"**{v.verdict}**"
        lines.append(f"| {v.issue} | {v.target} | {v.size} | {v.figure} | {verdict} |")
    return "\n".join(lines)
