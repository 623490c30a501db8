"""The shared database's trust, tested against the real PostgreSQL server with real logins:
an officer of 区体育局, a leader and the owner, each through psycopg (as psql would) and through
`tracker`."""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tracker.cli.main import main

pytestmark = pytest.mark.postgres


@pytest.fixture
def office(pg_url: str) -> Iterator[dict[str, str]]:
    """The demo portfolio on a fresh schema, an officer of 区体育局 and a leader, each a LOGIN
    role of their own (named after the schema, dropped afterwards)."""
    assert main(["--db", pg_url, "--lang", "en", "init", "--demo"]) == 0
    for code, unit in (("YH-SPORTS", "区体育局"), ("YH-ARTS", "区文旅局")):
        assert main(["--db", pg_url, "project", "set", code, "--unit", unit]) == 0
    tag = uuid.uuid4().hex[:8]
    logins = {"officer": f"wang_{tag}", "leader": f"li_{tag}"}
    plain = pg_url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        for login in logins.values():
            conn.execute(f'CREATE ROLE "{login}" LOGIN')
    assert (
        main(["--db", pg_url, "role", "grant", logins["officer"], "officer", "--unit", "区体育局"])
        == 0
    )
    assert main(["--db", pg_url, "role", "grant", logins["leader"], "leader"]) == 0
    urls = {role: pg_url.replace("postgres@", f"{login}@") for role, login in logins.items()}
    yield {"owner": pg_url, **urls, **{f"{role}_login": login for role, login in logins.items()}}
    with psycopg.connect(plain, autocommit=True) as conn:
        for login in logins.values():
            conn.execute(f'DROP OWNED BY "{login}"')
            conn.execute(f'DROP ROLE "{login}"')


@pytest.fixture
def other_pg(other_db_url: str) -> str:
    """A second, empty schema (the PostgreSQL half of `other_db_url`)."""
    if not other_db_url.startswith("postgresql"):
        pytest.skip("a restore into PostgreSQL")
    return other_db_url


def _psql(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("+psycopg", ""), autocommit=True)


def test_officer_in_psql_writes_only_their_units_and_cannot_touch_the_trail(office):
    with _psql(office["officer"]) as conn:
        other = conn.execute("UPDATE project SET notes = 'x' WHERE code = 'YH-ARTS'")
        assert other.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM change")
        for verb in ("UPDATE change SET author = 'x'", "TRUNCATE change"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(verb)
        own = conn.execute("UPDATE project SET notes = '周报已核' WHERE unit = '区体育局'")
        assert own.rowcount >= 1
    with _psql(office["owner"]) as conn:
        entries = conn.execute(
            "SELECT author, record, field, new FROM change WHERE field = 'notes'"
        ).fetchall()
    assert entries and {e[0] for e in entries} == {office["officer_login"]}
    assert {e[3] for e in entries} == {"周报已核"}


def test_officer_through_tracker_gets_one_line_refusals(office, capsys):
    capsys.readouterr()
    argv = ["--db", office["officer"], "--lang", "en", "--today", "2026-11-28"]
    assert main([*argv, "milestone", "set", "YH-ARTS", "开工", "--forecast", "2027-05"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and office["officer_login"] in err and "YH-ARTS" in err
    assert "coordinator" in err and "Traceback" not in err and "postgresql" not in err


def test_a_typed_user_name_cannot_change_the_recorded_author(office, capsys, monkeypatch):
    monkeypatch.setenv("TRACKER_USER", "李强")
    capsys.readouterr()
    argv = ["--db", office["officer"], "--lang", "en", "--today", "2026-11-28"]
    assert main([*argv, "milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-05"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "李强" in err and office["officer_login"] in err
    monkeypatch.delenv("TRACKER_USER")
    assert main([*argv, "milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-05"]) == 0
    with _psql(office["owner"]) as conn:
        authors = conn.execute(
            "SELECT author FROM change WHERE field = 'forecast' ORDER BY id DESC LIMIT 1"
        ).fetchall()
    assert authors == [(office["officer_login"],)]


def test_a_leader_reads_everything_and_writes_nothing(office, capsys):
    argv = ["--db", office["leader"], "--lang", "en", "--today", "2026-11-28"]
    for command in (["projects"], ["remind"], ["alerts"], ["log"], ["verify"], ["show", "YH-ARTS"]):
        capsys.readouterr()
        assert main([*argv, *command]) == 0, command
        assert capsys.readouterr().out
    with _psql(office["owner"]) as conn:
        before = conn.execute("SELECT count(*) FROM change").fetchone()
    for command in (
        ["milestone", "set", "YH-ARTS", "开工", "--forecast", "2027-05"],
        ["status", "set", "YH-SPORTS", "--light", "red", "--note", "停工"],
    ):
        capsys.readouterr()
        assert main([*argv, *command]) == 1, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
    with _psql(office["owner"]) as conn:
        assert conn.execute("SELECT count(*) FROM change").fetchone() == before
    with _psql(office["leader"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE project SET notes = 'x'")


def test_tampering_with_one_entry_breaks_verify_there(office, capsys):
    assert main(["--db", office["owner"], "verify"]) == 0
    with _psql(office["owner"]) as conn:
        target = conn.execute("SELECT id FROM change ORDER BY id OFFSET 3 LIMIT 1").fetchone()[0]
        conn.execute("UPDATE change SET new = 'forged' WHERE id = %s", (target,))
    capsys.readouterr()
    assert main(["--db", office["owner"], "--lang", "en", "verify"]) == 1
    assert f"entry {target}" in capsys.readouterr().err


def test_a_new_sqlite_database_and_a_backup_are_private(tmp_path):
    db = tmp_path / "tracker.db"
    assert main(["--db", str(db), "init", "--demo"]) == 0
    assert main(["--db", str(db), "backup", str(tmp_path / "copy.db")]) == 0
    for path in (db, tmp_path / "copy.db"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if extra.exists():
            assert stat.S_IMODE(os.stat(extra).st_mode) == 0o600, extra


def test_an_officers_own_write_through_tracker_is_entered_once(office, capsys):
    argv = ["--db", office["officer"], "--lang", "en", "--today", "2026-11-28"]
    assert main([*argv, "milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-06"]) == 0
    assert (
        main([*argv, "status", "set", "YH-SPORTS", "--light", "amber", "--note", "进度滞后"]) == 0
    )
    with _psql(office["owner"]) as conn:
        rows = conn.execute(
            "SELECT author, record, field, new FROM change WHERE author = %s ORDER BY id",
            (office["officer_login"],),
        ).fetchall()
    assert [(r[1], r[2]) for r in rows] == [("milestone", "forecast"), ("status_update", "created")]
    assert rows[0][3] == "2027-06-30" and rows[1][3] == "amber: 进度滞后"
    assert main(["--db", office["leader"], "verify"]) == 0


def test_an_officer_may_not_upgrade_an_older_schema(office, capsys):
    with _psql(office["owner"]) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0005'")
    capsys.readouterr()
    assert main(["--db", office["officer"], "--lang", "en", "init"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and office["officer_login"] in err and "admin" in err
    with _psql(office["owner"]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)


def test_restore_refuses_a_backup_whose_trail_was_changed(office, other_pg, tmp_path, capsys):
    copy = tmp_path / "office.db"
    assert main(["--db", office["owner"], "backup", str(copy)]) == 0
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert main(["--db", other_pg, "restore", str(copy)]) == 0
    assert main(["--db", other_pg, "verify"]) == 0
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM change WHERE id = (SELECT MAX(id) FROM change)")
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "new.db"), "--lang", "en", "restore", str(copy)]) == 2
    assert "audit trail" in capsys.readouterr().err
