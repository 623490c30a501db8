"""A demo portfolio with a known week of edits, made through the service with a fixed clock.

The demo is loaded in 2026-W47 (Monday 16 November, 09:00 Beijing time). During 2026-W48 the
officers mark a milestone done, move forecasts, post a status update that changes a light,
override another light, open and resolve problems and add a milestone; one edit lands at 23:30
on Sunday 29 November (still W48 in Beijing), one at 00:30 on Monday 30 November (W49 in
Beijing, though still Sunday in UTC), and a W49 status update turns a light back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tracker.core.dates import Deadline
from tracker.store.model import Light

TODAY = date(2026, 11, 28)
WEEK = "2026-W48"


def utc(*parts: int) -> datetime:
    """A UTC moment."""
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def day(text: str, precision: str = "day") -> Deadline:
    """A deadline from ISO text."""
    return Deadline.of(date.fromisoformat(text), precision)


@pytest.fixture
def edited_week(make_service: Callable[..., Any], clock: Any, db_url: str) -> str:
    """The database URL of the demo portfolio after the week's edits described above."""
    from tracker.store.demo import load_demo

    service = make_service("officer-wang")
    clock.now = utc(2026, 11, 16, 1, 0, 0)
    load_demo(service, TODAY)

    clock.now = utc(2026, 11, 24, 2, 0, 0)  # Tuesday 10:00 in Beijing
    service.mark_done("YH-DAOXIANG", "竣工验收", date(2026, 11, 24))
    service.set_forecast("YH-SPORTS", "钢结构屋盖合龙", day("2026-12-15"))
    service.add_status(
        "YH-WOMEN-HOSP",
        Light.AMBER,
        "-医用专项招标已完成，主体结顶仍按12月推进",
        on=date(2026, 11, 24),
    )
    service.add_problem("YH-HFLS", "=1+2 室外管网接驳需协调", owner="-总包", due=day("2026-12-10"))
    clock.now = utc(2026, 11, 25, 6, 0, 0)  # Wednesday 14:00
    problem = next(p for p in _problems(db_url) if p[1] == "YH-DAOXIANG")
    service.resolve_problem("YH-DAOXIANG", problem[0], date(2026, 11, 25))
    service.override_light("YH-AXIS", Light.RED, "@南段征迁受阻", on=date(2026, 11, 25))
    service.set_forecast("YH-HFLS", "竣工验收", day("2027-07-31", "month"))
    service.set_forecast("YH-HFLS", "竣工验收", day("2027-06-30", "month"))
    service.add_milestone(
        "YH-SPORTS",
        "消防验收",
        name_en="Fire safety acceptance",
        baseline=day("2027-01-31", "month"),
    )
    clock.now = utc(2026, 11, 29, 15, 30, 0)  # Sunday 23:30 in Beijing: still W48
    service.set_forecast("YH-ARTS", "开工", day("2027-12-31", "month"))
    clock.now = utc(2026, 11, 29, 16, 30, 0)  # Monday 00:30 in Beijing: W49
    service.set_forecast("YH-ARTS", "设计方案批复", day("2027-02-28", "month"))
    service.add_status("YH-WOMEN-HOSP", Light.RED, "主体结顶再次推迟", on=date(2026, 11, 30))
    return db_url


def _problems(db_url: str) -> list[tuple[int, str]]:
    from tracker.store.read.plainsql import PlainConnection

    with PlainConnection(db_url) as conn:
        rows = conn.rows(
            "SELECT q.id, p.code FROM problem q JOIN project p ON p.id = q.project_id ORDER BY q.id"
        )
    return [(r["id"], r["code"]) for r in rows]


@pytest.fixture
def run_export(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run `tracker export weekly ARGS` on a database as of the fixed day, in a language;
    returns (exit status, stdout, stderr)."""
    from tracker.cli.main import main

    for name in ("TRACKER_SETTINGS", "TRACKER_TZ", "TRACKER_DB", "TRACKER_TODAY"):
        monkeypatch.delenv(name, raising=False)

    def run(db_url: str, lang: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        argv = ["--db", db_url, "--today", TODAY.isoformat(), "--lang", lang, "--user", "reader"]
        status = main([*argv, "export", "weekly", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


# The week's edits of `edited_week` that mark a milestone done or move its forecast in 2026-W48
# (Beijing time): the 00:30 Monday move of YH-ARTS 设计方案批复 is W49's.
W48_DONE_OR_MOVED = {
    ("YH-DAOXIANG", "竣工验收"),
    ("YH-SPORTS", "钢结构屋盖合龙"),
    ("YH-HFLS", "竣工验收"),
    ("YH-ARTS", "开工"),
}


@pytest.fixture
def w48_milestones(edited_week: str) -> set[tuple[str, str]]:
    """(code, milestone) of what the Milestones sheet of W48 must list, worked out in Python from
    every milestone: open and due by today + 90 days (overdue included), each project's next open
    milestone (earliest due, then position), and the week's done or moved ones."""
    from tracker.store.read.plainsql import PlainConnection

    today, done_or_moved = TODAY, W48_DONE_OR_MOVED
    with PlainConnection(edited_week) as conn:
        rows = conn.rows(
            "SELECT m.id, p.code, m.name, m.position, m.baseline, m.forecast, m.done "
            "FROM milestone m JOIN project p ON p.id = m.project_id",
            dates=("baseline", "forecast", "done"),
        )
    horizon = date.fromordinal(today.toordinal() + 90)
    picked = set(done_or_moved)
    earliest: dict[str, tuple[date, int, int, str]] = {}
    for r in rows:
        due = r["forecast"] or r["baseline"]
        if r["done"] is not None or due is None:
            continue
        if due <= horizon:
            picked.add((r["code"], r["name"]))
        candidate = (due, r["position"], r["id"], r["name"])
        earliest[r["code"]] = min(earliest.get(r["code"], candidate), candidate)
    return picked | {(code, e[3]) for code, e in earliest.items()}
