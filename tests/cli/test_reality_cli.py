"""`tracker forecast`, `tracker reference` and `tracker set-type` as a user runs them."""

from __future__ import annotations

import json
import os
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
    monkeypatch.delenv("TRACKER_SETTINGS", raising=False)
    assert main(["init", "--demo"]) == 0
    return db


def _json(capsys, argv):
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_forecast_json_contract(demo_env, capsys):
    [sports] = _json(capsys, ["forecast", "YH-SPORTS", "--format", "json"])
    assert set(sports) >= {"project", "type", "stage", "cost", "finish", "basis"}
    assert sports["project"] == "YH-SPORTS"
    assert sports["cost"] == {
        "base": "9500000000",
        "low": "9880000000",
        "high": "12112500000",  # construction: +27.5%
        "p50": None,
        "p80": None,
    }
    assert sports["finish"]["base"] == "2027-03-31"
    for measure in ("cost", "finish"):
        for figure in sports[measure]:
            assert sports["basis"][f"{measure}.{figure}"]
    everything = _json(capsys, ["forecast", "--format", "json"])
    assert len(everything) == 14


def test_settings_change_the_forecast_and_the_citation(demo_env, capsys, tmp_path, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text(
        '[uplifts.non_standard_building]\ncapex_upper = 71\nsource = "Yuhang study 2026"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACKER_SETTINGS", str(settings))
    [sports] = _json(capsys, ["forecast", "YH-SPORTS", "--format", "json"])
    assert sports["cost"]["high"] == "13062500000"  # 9.5 bn × (1 + 4% + 0.5 × 67%)
    assert "Yuhang study 2026" in sports["basis"]["cost.high"]
    assert "+37.5%" in sports["basis"]["cost.high"]
    monkeypatch.delenv("TRACKER_SETTINGS")
    [default] = _json(capsys, ["forecast", "YH-SPORTS", "--format", "json"])
    assert default["cost"]["high"] == "12112500000"
    assert "Yuhang study 2026" not in default["basis"]["cost.high"]
    [named] = _json(
        capsys, ["--settings", str(settings), "forecast", "YH-SPORTS", "--format", "json"]
    )
    assert named["cost"]["high"] == "13062500000"


def test_bad_settings_exit_2_one_line(demo_env, capsys, tmp_path, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text("[uplifts.standard_building]\ncapex_upper = -5\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_SETTINGS", str(settings))
    capsys.readouterr()
    assert main(["forecast"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "uplifts.standard_building.capex_upper" in err and "-5" in err and "expected" in err


def test_set_type_then_forecast_and_log(demo_env, capsys):
    assert main(["set-type", "YH-ROADS", "standard_civil"]) == 0
    [roads] = _json(capsys, ["forecast", "YH-ROADS", "--format", "json"])
    assert roads["type"] == "standard_civil"
    log = _json(capsys, ["log", "YH-ROADS", "--format", "json"])
    assert (log[0]["field"], log[0]["new"], log[0]["user"]) == (
        "project_type",
        "standard_civil",
        "officer-wang",
    )
    assert main(["set-type", "YH-ROADS", "default"]) == 0
    [roads] = _json(capsys, ["forecast", "YH-ROADS", "--format", "json"])
    assert roads["type"] == "non_standard_civil"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["set-type", "YH-ROADS", "motorway"], "'motorway'"),
        (["set-type", "YH-NOPE", "standard_civil"], "'YH-NOPE'"),
        (["forecast", "YH-NOPE"], "'YH-NOPE'"),
    ],
)
def test_bad_input_exit_2(demo_env, capsys, argv, named):
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err


def test_forecast_and_reference_text(demo_env, capsys):
    capsys.readouterr()
    assert main(["forecast", "YH-SPORTS"]) == 0
    out = capsys.readouterr().out
    assert "CNY 12.11 bn" in out and "cost.high: +27.5%" in out
    assert main(["--lang", "zh", "forecast", "YH-SPORTS"]) == 0
    assert "121.13亿元" in capsys.readouterr().out
    assert main(["reference"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split()[:2] == ["all", "0"]
    rows = _json(capsys, ["reference", "--category", "sports", "--format", "json"])
    assert rows == [
        {
            "category": "sports",
            "n": 0,
            "span": None,
            "cost_growth": {"n": 0, "p50": None, "p80": None},
            "finish_slip_days": {"n": 0, "p50": None, "p80": None},
            "min_projects": 5,
            "note": "fewer than 5 projects: no figure",
        }
    ]


def test_forecast_and_reference_never_import_textual_or_the_orm(demo_env):
    code = (
        "import sys; from tracker.cli.main import main; main(['forecast', '--format', 'json']);"
        "main(['forecast']); main(['reference']);"
        "print(sorted(m for m in ('textual', 'sqlmodel', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("argv", [["forecast"], ["reference"], ["set-type"]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_reality_command_has_help(argv, lang, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--lang", lang, *argv, "--help"])
    assert exited.value.code == 0
    usage = "用法：" if lang == "zh" else "usage: "
    assert f"{usage}tracker {' '.join(argv)}" in capsys.readouterr().out


def test_forecast_in_chinese_says_its_basis_in_chinese(demo_env, capsys):
    capsys.readouterr()
    assert main(["--lang", "zh", "forecast"]) == 0
    out = capsys.readouterr().out
    assert "总投资·高: 非标准建筑（在建阶段）的投资上调 +27.5%" in out
    assert "类型: 非标准建筑：类别 体育 的默认类型" in out
    # the cited sources are proper names and stay as published; nothing else is English
    for line in out.splitlines():
        prose = line.replace("HM Treasury, Green Book supplementary guidance: optimism bias", "")
        prose = prose.replace("Table 2 (recommended adjustment ranges)", "").replace("README", "")
        words = [w for w in prose.replace("`", " ").split() if w.isascii() and w.isalpha()]
        assert [w for w in words if w not in {"tracker", "set", "type", "P"}] == [], line
