"""The command line, run as a user runs it: exit statuses, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli.main import main


@pytest.fixture
def demo_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "t.db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-28")
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.setenv("TRACKER_USER", "officer-wang")
    assert main(["init", "--demo"]) == 0
    return db


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_projects_json_contract(demo_env, capsys):
    capsys.readouterr()
    assert main(["projects", "--format", "json"]) == 0
    projects = json.loads(capsys.readouterr().out)
    assert len(projects) == 14
    sports = next(p for p in projects if p["code"] == "YH-SPORTS")
    assert sports["total_investment_yuan"] == 9_500_000_000
    assert sports["currency"] == "CNY"
    assert (sports["forecast_finish"], sports["forecast_finish_precision"]) == (
        "2027-03-31",
        "month",
    )
    assert set(sports["next_milestone"]) >= {"name", "due", "days_left"}


def test_done_then_log_shows_who_and_old_new(demo_env, capsys):
    assert main(["milestone", "done", "YH-SPORTS", "竣工验收", "--on", "2026-11-20"]) == 0
    capsys.readouterr()
    assert main(["log", "YH-SPORTS", "--format", "json"]) == 0
    newest = json.loads(capsys.readouterr().out)[:2]
    assert {(c["field"], c["old"], c["new"], c["user"]) for c in newest} == {
        ("done", None, "2026-11-20", "officer-wang"),
        ("done_precision", None, "day", "officer-wang"),
    }
    assert main(["log", "YH-SPORTS"]) == 0
    assert "— → 2026-11-20" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-02-30"], "--forecast"),
        (["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "soon"], "'soon'"),
        (["milestone", "done", "YH-NOPE", "竣工验收"], "'YH-NOPE'"),
        (["milestone", "done", "YH-SPORTS", "no such step"], "'no such step'"),
        (["milestone", "done", "YH-SPORTS", "竣工验收", "--on", "2027-13"], "--on"),
        (["status", "set", "YH-SPORTS", "--light", "purple", "--note", "x"], "'purple'"),
        (["milestone", "add", "YH-SPORTS", "新节点", "--lead", "two weeks"], "--lead"),
        (["--today", "tomorrow-ish", "projects"], "--today"),
        (["--lang", "fr", "projects"], "--lang"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_input_exit_2_one_line_nothing_written(demo_env, capsys, argv, named):
    before = _dump(demo_env)
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err and "Traceback" not in err
    assert _dump(demo_env) == before


def test_stale_version_exits_1(demo_env, capsys):
    assert main(["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-03"]) == 0
    before = _dump(demo_env)
    assert (
        main(
            ["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-04", "--version", "1"]
        )
        == 1
    )
    assert "officer-wang" in capsys.readouterr().err
    assert _dump(demo_env) == before


def test_missing_database_says_run_init(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "none.db"))
    assert main(["projects"]) == 2
    assert "tracker init" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_chinese_table_aligns(demo_env, capsys):
    capsys.readouterr()
    assert main(["--lang", "zh", "projects"]) == 0
    from tracker.core.textable import display_width

    lines = capsys.readouterr().out.splitlines()
    header, rule = lines[0], lines[1]
    assert "项目代码" in header
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    for line in lines[2:]:
        sports_col = display_width(line[: line.index("YH-")])
        assert sports_col == starts[1]


def test_headless_commands_never_import_textual_or_the_orm(demo_env):
    code = (
        "import sys; from tracker.cli.main import main; main(['projects', '--format', 'json']);"
        "main(['log']); main(['show', 'YH-SPORTS']);"
        "main(['remind', '--within', '30d']); main(['remind', '--format', 'json']);"
        "main(['alerts']); main(['alerts', '--format', 'json']);"
        "main(['light', 'show', 'YH-SPORTS']);"
        "print(sorted(m for m in ('textual', 'sqlmodel', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_python_dash_m_runs_the_cli(demo_env):
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"],
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    )
    assert "milestone" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["init"],
        ["demo"],
        ["projects"],
        ["show"],
        ["milestone"],
        ["milestone", "add"],
        ["milestone", "done"],
        ["milestone", "set"],
        ["milestone", "list"],
        ["status", "set"],
        ["log"],
        ["remind"],
        ["alerts"],
        ["light"],
        ["light", "set"],
        ["light", "clear"],
        ["light", "show"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_command_has_help(argv, lang, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--lang", lang, *argv, "--help"])
    assert exited.value.code == 0
    usage = "用法：" if lang == "zh" else "usage: "
    assert f"{usage}tracker {' '.join(argv)}" in capsys.readouterr().out
