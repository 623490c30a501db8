"""The TUI on a copy of the demo portfolio, today 2026-11-28, audit clock fixed, no cursor blink."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from tracker.config.run import Settings

TODAY = date(2026, 11, 28)


class Clock:
    """The audit clock: one second further on each reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio, built once per test session."""
    from tracker.cli.setup import init_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    init_database(
        Settings(db_url=f"sqlite:///{path}", today=TODAY, lang="en", user="seed"), demo=True
    )
    return path


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path) -> str:
    """A private copy of the demo portfolio (an SQLite file) for one test."""
    path = tmp_path / "demo.db"
    with sqlite3.connect(demo_template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return f"sqlite:///{path}"


def build_app(url: str, lang: str = "en", user: str = "officer-li"):  # type: ignore[no-untyped-def]
    """The app on `url` as the tests run it: fixed today, fixed clock, no blink."""
    from tracker.store.engine import make_engine
    from tracker.store.read.plainsql import PlainConnection
    from tracker.store.write.service import Service
    from tracker.tui.app import TrackerApp
    from tracker.tui.ledger import Ledger

    clock = Clock()
    ledger = Ledger(
        partial(PlainConnection, url), lambda: Service(make_engine(url), user=user, clock=clock)
    )
    return TrackerApp(
        ledger=ledger,
        today=lambda: TODAY,
        lang=lang,
        warm_writer=False,
        cursor_blink=False,
    )


@pytest.fixture
def make_app(demo_url: str) -> Callable[..., object]:
    """Build the app on this test's copy of the demo portfolio."""
    return partial(build_app, demo_url)


@pytest.fixture
def drive() -> Callable[..., object]:
    """Run `scenario(pilot)` on `app` once its rows are on screen; returns what it returns."""

    def run(app, scenario, size=(120, 40)):  # type: ignore[no-untyped-def]
        async def main():  # type: ignore[no-untyped-def]
            async with app.run_test(size=size) as pilot:
                await asyncio.wait_for(app.rows_shown.wait(), 10)
                await pilot.pause()
                return await scenario(pilot)

        return asyncio.run(main())

    return run


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for every worker (reads, saves) to finish and the screen to catch up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def wait() -> Callable[..., object]:
    """`await wait(pilot)`: let workers finish and the screen repaint."""
    return settle


async def retype_field(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace what a form's field holds as a person does: click it, clear it, type."""
    from textual.widgets import TextArea

    await pilot.click(selector)
    if isinstance(pilot.app.screen.query_one(selector), TextArea):
        await pilot.press("f7", "backspace")
    else:
        await pilot.press("end", "ctrl+u")
    if text:
        await pilot.press(*text)


@pytest.fixture
def retype() -> Callable[..., object]:
    """`await retype(pilot, "#field-forecast", "2027-02")`: clear a field by keys and type."""
    return retype_field


def query(url: str, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows of `sql` read straight from the SQLite file (independent of the app's code)."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def db_rows() -> Callable[..., list[tuple[object, ...]]]:
    """Read the test database directly."""
    return query


@pytest.fixture
def app_on() -> Callable[..., object]:
    """Build the app on any database URL (for the SQLite-and-PostgreSQL tests)."""
    return build_app
