"""`tracker backup` and `tracker restore`: identical content, in every direction, never over data.

Every pair of SQLite and PostgreSQL is covered: SQLite -> PostgreSQL is how an office moves its
file to a shared database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.store.engine import make_engine
from tracker.store.migrate import current_revision, upgrade
from tracker.store.read.plainsql import PlainConnection
from tracker.store.schema import HEAD, REVISIONS
from tracker.store.write.service import Service


def tracker(url: str, *argv: str) -> int:
    """Run the CLI on the database at `url`, as officer wang, on 2026-11-28."""
    base = ["--db", url, "--today", "2026-11-28", "--lang", "en", "--user", "officer-wang"]
    return main([*base, *argv])


@pytest.fixture
def portfolio(demo_settings) -> str:
    """The demo portfolio with a few changes in its audit trail; its database URL."""
    url = demo_settings.db_url
    assert tracker(url, "milestone", "done", "YH-SPORTS", "竣工验收", "--on", "2026-11-20") == 0
    assert tracker(url, "milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-Q2") == 0
    assert tracker(url, "status", "set", "YH-SPORTS", "--light", "amber", "--note", "屋盖滞后") == 0
    return url


def test_backup_then_restore_gives_identical_content(
    portfolio, other_db_url, tmp_path, dump, capsys
):
    file = tmp_path / "office.backup"
    before = dump(portfolio)
    assert tracker(portfolio, "backup", str(file)) == 0
    assert f"Backup written to {file}" in capsys.readouterr().out
    assert tracker(other_db_url, "restore", str(file)) == 0
    out = capsys.readouterr().out
    assert "14 projects" in out and "audit entries" in out
    assert dump(other_db_url) == before
    assert dump(portfolio) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == ["office.backup"]


def test_new_records_after_a_restore_get_new_ids(portfolio, other_db_url, tmp_path):
    file = tmp_path / "office.backup"
    assert tracker(portfolio, "backup", str(file)) == 0
    assert tracker(other_db_url, "restore", str(file)) == 0
    restored = _highest_ids(other_db_url)
    assert restored == _highest_ids(portfolio)
    assert tracker(other_db_url, "milestone", "add", "YH-SPORTS", "消防验收") == 0
    after = _highest_ids(other_db_url)
    assert after["milestone"] == restored["milestone"] + 1
    assert after["change"] == restored["change"] + 1


def _highest_ids(url: str) -> dict[str, int]:
    with PlainConnection(url) as conn:
        return {t: conn.scalar(f"SELECT MAX(id) FROM {t}") for t in ("milestone", "change")}


def test_the_backup_file_is_itself_a_tracker_database(portfolio, tmp_path, capsys):
    file = tmp_path / "office.backup"
    assert tracker(portfolio, "backup", str(file)) == 0
    capsys.readouterr()
    assert tracker(portfolio, "projects", "--format", "json") == 0
    live = capsys.readouterr().out
    assert tracker(f"sqlite:///{file}", "projects", "--format", "json") == 0
    assert capsys.readouterr().out == live
    assert not Path(f"{file}-wal").exists()


def test_restore_refuses_a_database_that_holds_data(portfolio, tmp_path, dump, capsys):
    file = tmp_path / "office.backup"
    assert tracker(portfolio, "backup", str(file)) == 0
    before = dump(portfolio)
    capsys.readouterr()
    assert tracker(portfolio, "restore", str(file)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--db" in err and "empty database" in err
    assert "14 project" in err and "Traceback" not in err
    assert dump(portfolio) == before


def test_restore_refuses_what_is_no_backup(other_db_url, tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    empty_sqlite = tmp_path / "empty.db"
    sqlite3.connect(empty_sqlite).close()
    for candidate in (tmp_path / "missing.backup", text, empty_sqlite):
        assert tracker(other_db_url, "restore", str(candidate)) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "FILE" in err and str(candidate) in err
    assert current_revision(other_db_url) is None


def test_a_backup_from_an_older_tracker_is_upgraded_on_restore(other_db_url, tmp_path, dump):
    old = tmp_path / "old.backup"
    upgrade(f"sqlite:///{old}", REVISIONS[0])
    with sqlite3.connect(old) as conn:
        conn.execute(
            "INSERT INTO project (id, code, name, category, stage, currency, version)"
            " VALUES (7, 'YH-OLD', '旧项目', 'sports', 'design', 'CNY', 3)"
        )
    assert tracker(other_db_url, "restore", str(old)) == 0
    assert current_revision(other_db_url) == HEAD
    [project] = dump(other_db_url)["project"]
    assert {"YH-OLD", "旧项目", 7, 3} <= set(project)
    with sqlite3.connect(old) as conn:  # the backup itself is left as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)


def test_backup_refuses_the_database_itself_and_a_missing_directory(sqlite_url, tmp_path, capsys):
    upgrade(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    before = Path(path).read_bytes()
    for target in (path, str(tmp_path / "no" / "such" / "dir.backup"), str(tmp_path)):
        assert tracker(sqlite_url, "backup", target) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "FILE" in err
    assert Path(path).read_bytes() == before
    assert not (tmp_path / "no").exists()


def test_backup_of_no_database_writes_nothing(db_url, tmp_path, capsys):
    file = tmp_path / "office.backup"
    assert tracker(db_url, "backup", str(file)) == 2
    assert "tracker init" in capsys.readouterr().err
    assert [p for p in tmp_path.iterdir() if "backup" in p.name] == []


def test_restored_database_takes_writes_through_the_service(portfolio, other_db_url, tmp_path):
    file = tmp_path / "office.backup"
    assert tracker(portfolio, "backup", str(file)) == 0
    assert tracker(other_db_url, "restore", str(file)) == 0
    service = Service(make_engine(other_db_url), user="officer-li")
    [change] = service.update_project("YH-SPORTS", {"officer": "李工"})
    assert (change.author, change.field, change.new) == ("officer-li", "officer", "李工")


@pytest.mark.parametrize("command", ["backup", "restore"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_backup_and_restore_have_help(command, lang, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--lang", lang, command, "--help"])
    assert exited.value.code == 0
    usage = "用法：" if lang == "zh" else "usage: "
    assert f"{usage}tracker {command} [-h] FILE" in capsys.readouterr().out


def test_backup_and_restore_never_load_textual(sqlite_url, tmp_path):
    import os
    import subprocess
    import sys

    upgrade(sqlite_url)
    code = (
        "import sys; from tracker.cli.main import main;"
        f"main(['--db', {sqlite_url!r}, 'backup', {str(tmp_path / 'b.db')!r}]);"
        f"main(['--db', {str(tmp_path / 'new.db')!r}, 'restore', {str(tmp_path / 'b.db')!r}]);"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"
