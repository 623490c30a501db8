"""The hostile corpus's fixtures: a copy of the demo database a test, and hostile files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tracker.cli.main import main

TODAY = "2026-11-28"


def digest(db: Path) -> str:
    """The database's content, as sqlite3's iterdump, hashed."""
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    db = folder / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder / "xdg"))
        assert main(["--db", str(db), "--today", TODAY, "--lang", "en", "init", "--demo"]) == 0
    return db


class Hostile:
    """A copy of the demo database, its folder of hostile files, and a way to run tracker."""

    def __init__(self, tmp: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp, self.db, self.capsys = tmp, db, capsys
        self.before = digest(db)
        (tmp / "a_dir").mkdir()
        (tmp / "not_sqlite.db").write_text("hello, I am not a database\n")
        (tmp / "truncated.db").write_bytes(db.read_bytes()[:3000])
        (tmp / "good.csv").write_text("code,name\nYH-SPORTS,余杭国际体育中心\n", encoding="utf-8")
        (tmp / "bom.csv").write_bytes(b"\xef\xbb\xbf")
        (tmp / "utf16.toml").write_bytes("[alerts]\n".encode("utf-16"))
        (tmp / "latin1.toml").write_bytes(b"[alerts]\n# caf\xe9\n")
        (tmp / "binary.toml").write_bytes(bytes(range(256)))

    def argv(self, words: list[str]) -> list[str]:
        return [w.format(tmp=self.tmp, good_csv=self.tmp / "good.csv", db=self.db) for w in words]

    def run(self, words: list[str]) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(self.argv(words))
        out, err = self.capsys.readouterr()
        return status, out, err

    def refused(self, words: list[str], status: int) -> str:
        """Run `words`; assert the refusal a user and a script rely on; its line."""
        got, _out, err = self.run(words)
        assert "Traceback" not in err
        lines = err.splitlines()
        assert got == status, err
        assert len(lines) == 1, err
        assert lines[0].startswith("tracker: ")
        assert self.digest() == self.before
        return lines[0]

    def digest(self, db: Path | None = None) -> str:
        """The database's (or `db`'s) content digest."""
        return digest(db or self.db)


@pytest.fixture
def hostile(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Hostile:
    db = tmp_path / "t.db"
    with sqlite3.connect(template) as source, sqlite3.connect(db) as copy:
        source.backup(copy)  # the whole database, whatever its journal holds
    for name in ("TRACKER_SETTINGS", "TRACKER_TZ", "TRACKER_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_TODAY", TODAY)
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.setenv("TRACKER_USER", "officer-wang")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return Hostile(tmp_path, db, capsys)
