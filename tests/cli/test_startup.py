"""What makes the headless commands start fast, held in place: the CLI loads only the command
it runs, the hot reads leave heavy modules unloaded, and the small parser answers exactly as the
whole one does."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tracker.cli.main import HelpFormatter, UsageError, build_parser, main, parse

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]
# The start-up budget, declared once in pyproject.toml: the modules on the hot path of the
# headless commands, and what they may not load.
BUDGET = next(c for c in CONTRACTS if c["id"] == "budget")
HOT_PATH = set(BUDGET["source_modules"])
FORBIDDEN = tuple(BUDGET["forbidden_modules"])
HOT_COMMANDS = [
    ["remind", "--within", "30d"],
    ["remind", "--format", "json"],
    ["alerts"],
    ["alerts", "--fail-on", "red"],
    ["alerts", "--format", "json"],
    ["projects"],
    ["projects", "--format", "json"],
    ["--version"],
]


def forbidden_in(loaded: set[str]) -> set[str]:
    """The modules of `loaded` that are, or are inside, a forbidden module."""
    return {m for m in loaded if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN}


def our_modules(loaded: set[str]) -> set[str]:
    """tracker's own modules in `loaded`, without its packages (their __init__ holds nothing)."""
    packages = {m.rpartition(".")[0] for m in loaded if m.startswith("tracker.")}
    return {m for m in loaded if m.split(".")[0] == "tracker" and m not in packages - {"tracker"}}


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "t.db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_TODAY", "2027-03-10")
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.setenv("TRACKER_USER", "officer-wang")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["init", "--demo"]) == 0
    return db


def loaded_after(argv: list[str]) -> tuple[str, set[str]]:
    """What `tracker ARGV` printed first, and the modules its process had loaded by the end."""
    code = (
        "import sys\nfrom tracker.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "print('modules:', *sorted(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    lines = result.stdout.splitlines()
    return lines[0], set(lines[-1].split()[1:])


@pytest.mark.parametrize(
    "argv", [["remind", "--within", "30d"], ["alerts"], ["alerts", "--fail-on", "red"]]
)
def test_hot_reads_load_only_their_command(demo_db, argv):
    first, loaded = loaded_after(argv)
    assert first.strip()
    assert {m for m in loaded if m.startswith("tracker.cli.")} <= {
        "tracker.cli.main",
        "tracker.cli.shared",
        "tracker.cli.remind",
        "tracker.cli.alert_list",
    }


def test_the_budget_names_exactly_the_hot_path_and_it_loads_nothing_forbidden(demo_db):
    on_path: set[str] = set()
    for argv in HOT_COMMANDS:
        first, loaded = loaded_after(argv)
        assert first.strip(), argv
        assert forbidden_in(loaded) == set(), argv
        on_path |= our_modules(loaded)
    assert on_path == HOT_PATH


def test_version_loads_no_command(demo_db):
    first, loaded = loaded_after(["--version"])
    assert first == "tracker 0.1.0"
    assert {m for m in loaded if m.startswith("tracker.cli.")} == {
        "tracker.cli.main",
        "tracker.cli.shared",
    }


def outcome(read, argv: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    """What reading `argv` gives: the parsed values, the one-line error, or the exit and text."""
    try:
        return vars(read(argv))
    except UsageError as error:
        return ("error", str(error))
    except SystemExit as exited:
        return ("exit", exited.code, capsys.readouterr().out)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "argv",
    [
        ["remind", "--within", "14d"],
        ["--db", "remind", "alerts", "--format", "json"],
        ["--tod", "2026-01-01", "alerts", "--fail-on", "red"],
        ["--lang=zh", "projects", "--format", "json"],
        ["remind", "--format", "xml"],
        ["remind", "--bogus"],
        ["alerts", "--fail-on"],
        ["frobnicate"],
        ["milestone"],
        ["light", "set", "YH-SPORTS"],
        ["export", "weekly", "--format", "md"],
        ["set-type", "YH-SPORTS", "rail"],
        ["--settings"],
        ["-x"],
        [],
        ["remind", "--help"],
        ["--help"],
        ["-h", "remind"],
        ["--version"],
    ],
)
def test_the_small_parser_answers_as_the_whole_parser(argv, lang, capsys):
    small = outcome(lambda a: parse(a, lang), argv, capsys)
    whole = outcome(lambda a: build_parser(lang).parse_args(a), argv, capsys)
    assert small == whole


@pytest.mark.parametrize("columns", [None, "50", "200", "0", "wide"])
def test_help_is_as_wide_as_argparse_makes_it(columns, monkeypatch):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours, stock = HelpFormatter("tracker"), argparse.HelpFormatter("tracker")
    assert (ours._width, ours._max_help_position) == (stock._width, stock._max_help_position)
