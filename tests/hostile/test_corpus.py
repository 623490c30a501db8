"""The hostile corpus: every command of `tracker --help` with bad arguments, environments, files.

Each case runs `main(argv)` in-process on a copy of the demo database and asserts what a user
and a script rely on: no traceback, one line on stderr, the documented exit status (2 bad input,
3 a database or file tracker could not use), and the database byte-identical (iterdump digest).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable

import pytest

from tracker.cli.main import main
from tracker.cli.shared import COMMANDS

# A minimal command line of each command that reaches its database (None: it never does).
READS_DB: dict[str, list[str] | None] = {
    "init": ["init"],
    "demo": None,  # its own database in the data directory, then the TUI
    "projects": ["projects"],
    "show": ["show", "YH-SPORTS"],
    "project": ["project", "list"],
    "plan": ["plan", "set", "YH-SPORTS", "2026", "1亿"],
    "invest": ["invest", "YH-SPORTS", "2026-11", "95亿"],
    "problem": ["problem", "list", "YH-SPORTS"],
    "milestone": ["milestone", "list", "YH-SPORTS"],
    "status": ["status", "set", "YH-SPORTS", "--light", "red", "--note", "x"],
    "log": ["log"],
    "export": ["export", "weekly", "--format", "md"],
    "import": ["import", "{good_csv}"],
    "remind": ["remind"],
    "alerts": ["alerts"],
    "light": ["light", "show", "YH-SPORTS"],
    "forecast": ["forecast", "YH-SPORTS"],
    "reference": ["reference"],
    "set-type": ["set-type", "YH-SPORTS", "standard_building"],
    "backup": ["backup", "{tmp}/out.db"],
    "restore": ["restore", "{tmp}/nothing.db"],
    # steering (issue #16)
    "leader": ["leader", "list"],
    "org": ["org", "add", "区体育局"],
    "assign": ["assign", "YH-SPORTS", "--leader", "张三"],
    "library": ["library", "YH-SPORTS", "续建"],
    "programme": ["programme", "join", "YH-SPORTS", "区重点", "--year", "2026"],
    "enrol": ["enrol", "list"],
    "problems": ["problems", "--kind", "用地"],
    "verify": ["verify"],
    "role": ["role", "list"],
    # the approvals pipeline (issue #16)
    "approvals": ["approvals", "YH-ARTS"],
    "approval": ["approval", "set", "YH-ARTS", "可研批复", "--submitted", "2026-11-02"],
    # from lights to action (issue #17)
    "escalate": ["escalate", "close", "1"],
    "meeting": ["meeting", "list"],
    "rates": ["rates", "--programme", "千项万亿"],
}


def test_the_corpus_knows_every_command():
    assert set(READS_DB) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unknown_option_is_one_line_exit_2(hostile, command: str):
    line = hostile.refused([command, "--no-such-option"], 2)
    assert "--help" in line


BAD_DATABASES = {
    "directory": "{tmp}/a_dir",
    "not-sqlite": "{tmp}/not_sqlite.db",
    "truncated": "{tmp}/truncated.db",
    "sqlite-url-of-a-directory": "sqlite:///{tmp}/a_dir",
}


@pytest.mark.parametrize("bad", sorted(BAD_DATABASES))
@pytest.mark.parametrize("command", sorted(c for c, argv in READS_DB.items() if argv))
def test_a_database_tracker_cannot_use_is_one_line_exit_3(hostile, command: str, bad: str):
    argv = READS_DB[command]
    assert argv is not None
    if command == "restore":
        shutil.copy(hostile.db, hostile.tmp / "nothing.db")
    line = hostile.refused(["--db", BAD_DATABASES[bad], *argv], 3)
    assert "--db / TRACKER_DB" in line or "a_dir" in line


@pytest.mark.parametrize(
    ("env", "value", "status"),
    [
        ("TRACKER_DB", "{tmp}/not_sqlite.db", 3),
        ("TRACKER_DB", "postgresql+psycopg://u:S3cr3t@[::1/test", 3),
        ("TRACKER_DB", "mysql://u:S3cr3t@host/db", 2),
        ("TRACKER_TODAY", "not-a-day", 2),
        ("TRACKER_LANG", "klingon", 2),
        ("TRACKER_USER", "evil\x1b[2Jname", 2),
        ("TRACKER_USER", "forged\n2026-01-01 admin", 2),
    ],
)
@pytest.mark.parametrize("command", ["projects", "alerts", "log", "remind"])
def test_a_bad_environment_is_one_line(
    hostile, monkeypatch: pytest.MonkeyPatch, command: str, env: str, value: str, status
):
    monkeypatch.setenv(env, hostile.argv([value])[0])
    line = hostile.refused([command], status)
    assert "S3cr3t" not in line


@pytest.mark.parametrize("settings", ["utf16.toml", "latin1.toml", "binary.toml"])
@pytest.mark.parametrize("command", ["projects", "alerts", "remind"])
def test_a_settings_file_not_in_utf8_is_refused(hostile, command: str, settings: str):
    line = hostile.refused(["--settings", f"{{tmp}}/{settings}", command], 2)
    assert "--settings" in line and "UTF-8" in line


HOSTILE_ARGUMENTS = [
    (["milestone", "done", "YH-SPORTS", "9999999999999999999999999"], 2, "milestone"),
    (["milestone", "set", "YH-SPORTS", "9" * 40, "--forecast", "2027-01"], 2, "milestone"),
    (["milestone", "done", "YH-SPORTS", "९५"], 2, "milestone"),
    (["log", "--tz", "A" * 300], 2, "--tz"),
    (["log", "--tz", "Mars/Olympus"], 2, "--tz"),
    (["log", "NOPE"], 2, "NOPE"),
    (["export", "weekly", "--tz", "../../etc/passwd"], 2, "--tz"),
    (["import", "{good_csv}", "--report", "{tmp}/missing/r.csv"], 2, "--report"),
    (["import", "{good_csv}", "--report", "{tmp}/a_dir"], 2, "--report"),
    (["import", "{tmp}/bom.csv"], 2, "header"),
    (["import", "{tmp}/a_dir"], 2, "a_dir"),
    (["milestone", "set", "YH-SPORTS", "主体结顶", "--forecast", "9999-12-31"], 2, "1900–2199"),
    (["remind", "--within", "९५"], 2, "--within"),
    (["milestone", "add", "YH-SPORTS", "x", "--forecast", "2027-01", "--lead", "9" * 30], 2, ""),
    (["init"], 2, "--force"),
    (["show", "\x1b[31mNOPE"], 2, "\\x1b"),
    (["export", "weekly", "-o", "{tmp}/missing/w.md"], 2, "-o"),
    (["backup", "{tmp}/a_dir"], 2, "a_dir"),
    (["restore", "{tmp}/not_sqlite.db"], 2, "not_sqlite"),
]


@pytest.mark.parametrize(("argv", "status", "named"), HOSTILE_ARGUMENTS)
def test_a_hostile_argument_is_one_line(hostile, argv: list[str], status, named):
    if argv == ["init"]:
        with sqlite3.connect(hostile.tmp / "other.db") as conn:
            conn.execute("CREATE TABLE wp_posts (id INTEGER)")
        hostile.db = hostile.tmp / "other.db"
        hostile.before = hostile.digest()
        argv = ["--db", str(hostile.db), "init"]
    line = hostile.refused(argv, status)
    assert named in line


def test_debug_shows_the_traceback(hostile, monkeypatch: pytest.MonkeyPatch):
    status, _out, err = hostile.run(["--db", "{tmp}/not_sqlite.db", "--debug", "projects"])
    assert status == 3
    assert "Traceback" in err and err.splitlines()[-1].startswith("tracker: ")
    monkeypatch.setenv("TRACKER_DEBUG", "1")
    status, _out, err = hostile.run(["--db", "{tmp}/not_sqlite.db", "projects"])
    assert status == 3 and "Traceback" in err


def test_the_help_documents_the_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 done; 1 a conflict" in help_text
    assert "3 tracker could not use the database or a file" in help_text
    assert "--debug" in help_text


def _real(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_real_processes_end_in_one_line(hostile):
    """The same, as a shell runs it: an interpreter of its own, nothing captured in-process."""
    import os

    env = dict(os.environ)
    env["TRACKER_DB"] = str(hostile.tmp / "truncated.db")
    broken = _real(["projects"], env)
    assert broken.returncode == 3
    assert broken.stderr.count("\n") == 1 and "Traceback" not in broken.stderr
    env["TRACKER_DB"] = "postgresql+nosuchdriver://u:S3cr3t@127.0.0.1:1/x"
    unknown = _real(["status", "set", "YH-SPORTS", "--light", "red"], env)
    assert unknown.returncode in (2, 3)
    assert unknown.stderr.count("\n") == 1 and "S3cr3t" not in unknown.stderr


def _guarded(error: BaseException) -> Callable[..., int]:
    def run(*_args: object) -> int:
        raise error

    return run


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("attempt to write a readonly database"),
        PermissionError(13, "Permission denied", "/data/tracker.db"),
        OSError(28, "No space left on device", "/data/report.xlsx"),
        RuntimeError("postgresql+psycopg://u:S3cr3t@db/x went away"),
    ],
)
def test_any_other_failure_is_one_line_exit_3(
    hostile, monkeypatch: pytest.MonkeyPatch, error: BaseException
):
    """A read-only database file, a full disk, a library's own error: what no command refused
    (root writes a chmod 444 file anyway, so the failure is raised where the write happens)."""
    import tracker.cli.status as status_module

    monkeypatch.setattr(status_module, "run_set", _guarded(error))
    line = hostile.refused(["status", "set", "YH-SPORTS", "--light", "red", "--note", "x"], 3)
    assert "S3cr3t" not in line
    assert any(part in line for part in ("--db / TRACKER_DB", "/data/", "RuntimeError"))


@pytest.mark.parametrize(
    "argv",
    [
        ["invest", "YH-SPORTS", "2026-11", "95亿亿"],
        ["invest", "YH-SPORTS", "2026-11", "९५"],
        ["plan", "set", "YH-SPORTS", "2026", "95亿亿"],
        ["project", "add", "X\x1b[2J", "--name", "x"],
        ["problem", "resolve", "YH-SPORTS", "9" * 30],
    ],
)
def test_the_record_commands_refuse_hostile_values(hostile, argv: list[str]):
    hostile.refused(argv, 2)
