"""Shared fixtures: a fresh database per test, on a temporary SQLite file and on PostgreSQL.

The PostgreSQL suite uses the real server named by TRACKER_TEST_PG (default: the project's
machines' server on 127.0.0.1:5432, database `test`); each test gets its own schema, dropped
afterwards. Where no server answers, those tests skip with the reason, unless
TRACKER_REQUIRE_PG=1 (as in CI), where they fail.
"""

from __future__ import annotations

import ast
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tracker.config.run import Settings

PG_URL = os.environ.get("TRACKER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TODAY = date(2026, 11, 28)


def _pg_reason() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except Exception as error:  # any failure to connect means: no server here
        return f"no PostgreSQL server at {PG_URL}: {error}".splitlines()[0]


_PG_UNAVAILABLE = _pg_reason()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: an SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    yield from _pg_schema()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite database file (for tests that are about SQLite itself)."""
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema on the real PostgreSQL server."""
    yield from _pg_schema()


def _pg_schema() -> Iterator[str]:
    if _PG_UNAVAILABLE:
        if os.environ.get("TRACKER_REQUIRE_PG") == "1":
            pytest.fail(_PG_UNAVAILABLE)
        pytest.skip(_PG_UNAVAILABLE)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = PG_URL.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        # The group roles migration 0008 made for this schema (tracker.store.trust).
        prefix = f"{conn.info.dbname}_{schema}_"
        groups = conn.execute(
            "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", (prefix,)
        ).fetchall()
        for (role,) in groups:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


class FixedClock:
    """A clock for the audit trail that moves one second per reading, from a fixed moment."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    """The audit clock, starting on 2026-11-28 09:00 UTC."""
    return FixedClock(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))


@pytest.fixture
def make_service(db_url: str, clock: FixedClock) -> Callable[..., object]:
    """Build a Service on the test database (schema created), as a given user."""
    from tracker.store.engine import make_engine
    from tracker.store.migrate import upgrade
    from tracker.store.write.service import Service

    upgrade(db_url)
    engine = make_engine(db_url)

    def build(user: str = "tester", today: date = date(2199, 12, 31)) -> Service:
        # Tests write facts on days of their own choosing: the service's "not after today" rule
        # is held off unless a test gives its today (tests/service/test_week_writes.py does).
        return Service(engine, user=user, clock=clock, today=today)

    return build


@pytest.fixture
def demo_settings(db_url: str) -> Settings:
    """Settings on a database holding the demo portfolio, today 2026-11-28."""
    from tracker.cli.setup import init_database

    settings = Settings(db_url=db_url, today=TODAY, lang="en", user="tester")
    init_database(settings, demo=True)
    return settings


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def other_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database, independent of `db_url` (a restore target, say)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    yield from _pg_schema()


def dump_database(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (and the schema revision), comparable across SQLite and
    PostgreSQL: moments in UTC, booleans as 0/1, rows in id order."""
    import warnings

    from sqlalchemy import MetaData, create_engine, exc, select

    engine = create_engine(url)
    metadata = MetaData()
    dump: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore", exc.SAWarning)
        metadata.reflect(bind=conn)
        for name, table in sorted(metadata.tables.items()):
            columns = sorted(table.columns, key=lambda column: column.name)
            rows = conn.execute(select(*columns).order_by(*table.primary_key.columns))
            dump[name] = [tuple(_comparable(value) for value in row) for row in rows]
    engine.dispose()
    return dump


def _comparable(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


@pytest.fixture
def dump() -> Callable[[str], dict[str, list[tuple[object, ...]]]]:
    """`dump(url)`: the whole content of a database, to compare before and after."""
    return dump_database


def find_catalogue_calls(root: Path) -> list[tuple[str | None, str]]:
    """Every (context, message id) that the code under `root` passes to tr, ntr (its singular)
    or ptr as a literal, and every binding's description (the key bars translate those as
    `key`)."""
    found: list[tuple[str | None, str]] = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            texts = [t for t in texts if isinstance(t, str)]
            if node.func.id in ("tr", "ntr") and texts:
                found.append((None, texts[0]))
            elif node.func.id == "ptr" and len(texts) == 2:
                found.append((texts[0], texts[1]))
            elif node.func.id == "Binding" and len(texts) >= 3 and texts[2]:
                found.append(("key", texts[2]))
    return found


@pytest.fixture
def catalogue_calls() -> Callable[[Path], list[tuple[str | None, str]]]:
    """`catalogue_calls(root)`: the literal message ids the code under `root` asks for."""
    return find_catalogue_calls


# The command runner of the steering, approvals and escalation tests, on the demo database.
@pytest.fixture
def run(demo_settings, capsys):
    """`run(*args, today=…, lang=…)`: (exit status, stdout, stderr) of one command on the demo."""

    def call(*args: str, lang: str = "en", today: str = "2026-11-28") -> tuple[int, str, str]:
        from tracker.cli.main import main

        capsys.readouterr()
        argv = ["--db", demo_settings.db_url, "--today", today, "--lang", lang]
        status = main([*argv, "--user", "officer-li", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    call.url = demo_settings.db_url  # type: ignore[attr-defined]
    return call


@pytest.fixture
def refused(run, dump):
    """`refused(*args)`: the one-line refusal of a command that must write nothing (exit 2)."""

    def call(*args: str, lang: str = "en") -> str:
        before = dump(run.url)
        status, out, err = run(*args, lang=lang)
        assert status == 2, (out, err)
        assert err.count("\n") == 1 and "Traceback" not in err
        assert dump(run.url) == before
        return err

    return call
