"""`tracker remind`, `tracker alerts` and `tracker light` on the demo, as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tracker.cli.main import main


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "t.db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_LANG", "en")
    monkeypatch.setenv("TRACKER_USER", "officer-wang")
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-28")
    monkeypatch.delenv("TRACKER_SETTINGS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["init", "--demo"]) == 0
    return db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_acceptance_remind_lists_the_sports_centre_completion(demo, capsys):
    status, out, _ = run(capsys, "--today", "2027-03-10", "remind", "--within", "30d")
    assert status == 0
    line = next(x for x in out.splitlines() if "Whole project completed" in x)
    assert line.split()[:5] == ["2027-03-31", "21", "days", "left", "YH-SPORTS"]
    status, out, _ = run(
        capsys, "--today", "2027-03-10", "remind", "--within", "30d", "--format", "json"
    )
    entry = {
        "kind": "milestone",
        "project": "YH-SPORTS",
        "project_name": "余杭国际体育中心",
        "item": "整体完工并投用",
        "due": "2027-03-31",
        "days_left": 21,
        "owner": None,
    }
    assert any(entry.items() <= item.items() for item in json.loads(out))


def test_acceptance_alerts_overdue_red_and_fail_on(demo, capsys):
    status, out, _ = run(capsys, "--today", "2027-04-02", "alerts", "--format", "json")
    assert status == 0
    alerts = json.loads(out)
    overdue = [
        a
        for a in alerts
        if (a["rule"], a["project"], a["item"]) == ("overdue", "YH-SPORTS", "整体完工并投用")
    ]
    assert len(overdue) == 1 and overdue[0]["severity"] == "red"
    assert set(overdue[0]) >= {"rule", "severity", "project", "item", "evidence", "threshold"}
    assert "2 days ago" in overdue[0]["evidence"]
    assert run(capsys, "--today", "2027-04-02", "alerts", "--fail-on", "red")[0] == 1


def test_fail_on_red_passes_when_there_is_only_amber(demo, capsys):
    # YH-ZJU1-HQ2 on 28 Nov 2026 has only amber alerts (a stale status update).
    argv = ("alerts", "--project", "YH-ZJU1-HQ2", "--format", "json")
    out = run(capsys, *argv)[1]
    assert {a["severity"] for a in json.loads(out)} == {"amber"}
    assert run(capsys, *argv, "--fail-on", "red")[0] == 0
    assert run(capsys, *argv, "--fail-on", "amber")[0] == 1


def test_alerts_text_explains_itself(demo, capsys):
    status, out, _ = run(capsys, "--lang", "zh", "alerts", "--project", "YH-SPORTS")
    assert status == 0
    assert "进度滞后  钢结构屋盖合龙" in out
    assert "预计 2026-12-31 比计划 2026-11-30 晚 31 天" in out
    assert "[阈值: 晚于计划超过 30 天为黄灯，超过 90 天为红灯]" in out


def test_remind_with_nothing_due_prints_nothing(demo, capsys):
    assert run(capsys, "remind", "--project", "YH-ROADS") == (0, "", "")
    assert run(capsys, "remind", "--owner", "nobody", "--within", "400d") == (0, "", "")


def test_remind_filters_by_owner_and_project(demo, capsys):
    _, out, _ = run(
        capsys, "remind", "--owner", "施工总承包单位", "--within", "60", "--format", "json"
    )
    assert [(i["kind"], i["project"]) for i in json.loads(out)] == [("problem", "YH-SPORTS")]
    _, out, _ = run(
        capsys, "remind", "--project", "YH-SPORTS", "--within", "2w", "--format", "json"
    )
    assert {i["project"] for i in json.loads(out)} == {"YH-SPORTS"}


def test_the_ladder_mode_lists_what_reminds_today(demo, capsys):
    # 1 Mar 2027: the completion (due 31 Mar) is 30 days away, a rung; the acceptance
    # (due 28 Feb) is overdue and repeats; the steel roof (due 31 Dec) is long overdue.
    _, out, _ = run(
        capsys,
        "--today",
        "2027-03-01",
        "remind",
        "--ladder",
        "--project",
        "YH-SPORTS",
        "--format",
        "json",
    )
    days = {i["item"]: i["days_left"] for i in json.loads(out) if i["kind"] == "milestone"}
    assert days == {"钢结构屋盖合龙": -60, "竣工验收": -1, "整体完工并投用": 30}
    _, out, _ = run(
        capsys,
        "--today",
        "2027-03-02",
        "remind",
        "--ladder",
        "--project",
        "YH-SPORTS",
        "--format",
        "json",
    )
    assert "整体完工并投用" not in {i["item"] for i in json.loads(out)}


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["remind", "--within", "soon"], "--within"),
        (["remind", "--project", "YH-NOPE"], "'YH-NOPE'"),
        (["alerts", "--project", "YH-NOPE"], "'YH-NOPE'"),
        (["alerts", "--fail-on", "purple"], "purple"),
        (["light", "set", "YH-SPORTS", "--light", "blue", "--reason", "x"], "'blue'"),
        (["light", "set", "YH-SPORTS", "--light", "red", "--reason", " "], "--reason"),
        (["--settings", "/nonexistent/settings.toml", "alerts"], "--settings"),
    ],
)
def test_bad_input_exits_2_with_one_line(demo, capsys, argv, named):
    status, _, err = run(capsys, *argv)
    assert status == 2 and err.count("\n") == 1 and named in err and "Traceback" not in err


def test_a_bad_settings_value_is_refused_naming_key_value_and_expected(demo, capsys, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[alerts]\nstale_red_days = 'weekly'\n", encoding="utf-8")
    status, _, err = run(capsys, "--settings", str(path), "remind")
    assert status == 2
    assert err == (
        "tracker: alerts.stale_red_days: 'weekly' is not valid: "
        "expected a whole number from 0 to 3650\n"
    )


def test_the_settings_file_changes_thresholds(demo, capsys, tmp_path, monkeypatch):
    # With weekly reporting relaxed to 30 days, YH-ZJU1-HQ2 (updated 8 days ago) is green.
    path = tmp_path / "settings.toml"
    path.write_text("[alerts]\nstale_amber_days = 30\nstale_red_days = 60\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_SETTINGS", str(path))
    _, out, _ = run(capsys, "alerts", "--project", "YH-ZJU1-HQ2", "--format", "json")
    assert json.loads(out) == []


def test_projects_json_has_the_computed_light_and_alert_count(demo, capsys):
    _, out, _ = run(capsys, "--today", "2027-04-02", "projects", "--format", "json")
    projects = {p["code"]: p for p in json.loads(out)}
    _, out, _ = run(capsys, "--today", "2027-04-02", "alerts", "--format", "json")
    alerts = json.loads(out)
    for code, project in projects.items():
        mine = [a for a in alerts if a["project"] == code]
        assert project["alerts"] == len(mine)
        worst = (
            "red" if any(a["severity"] == "red" for a in mine) else ("amber" if mine else "green")
        )
        assert project["light"] == worst, code
    assert projects["YH-ROADS"]["light"] == "green"


def test_light_override_set_show_clear(demo, capsys):
    assert (
        run(
            capsys,
            "light",
            "set",
            "YH-SPORTS",
            "--light",
            "green",
            "--reason",
            "专题会已协调，节点可控",
        )[0]
        == 0
    )
    _, out, _ = run(capsys, "projects", "--format", "json")
    sports = next(p for p in json.loads(out) if p["code"] == "YH-SPORTS")
    assert (sports["light"], sports["light_override"]) == ("green", "green")
    assert sports["light_reasons"][0].startswith(
        "override (green): 专题会已协调，节点可控 (by officer-wang on 2026-11-28"
    )
    _, out, _ = run(capsys, "light", "show", "YH-SPORTS")
    assert out.splitlines()[0].split() == ["●", "G", "YH-SPORTS", "green"]
    # The override holds for 30 days after the day it was set: the alerts count again after.
    _, out, _ = run(capsys, "--today", "2026-12-28", "light", "show", "YH-SPORTS")
    assert "YH-SPORTS  green" in out
    _, out, _ = run(capsys, "--today", "2026-12-29", "light", "show", "YH-SPORTS")
    assert "YH-SPORTS  red" in out
    assert run(capsys, "light", "clear", "YH-SPORTS")[0] == 0
    _, out, _ = run(capsys, "light", "show", "YH-SPORTS")
    assert "override" not in out and "YH-SPORTS  amber" in out
    _, out, _ = run(capsys, "log", "YH-SPORTS", "--format", "json")
    assert {c["field"] for c in json.loads(out)[:4]} >= {"light_override", "light_override_reason"}


def test_ics_file_parses_and_is_rewritten_whole(demo, capsys, tmp_path):
    from icalendar import Calendar

    target = tmp_path / "due.ics"
    argv = ("--today", "2027-03-10", "remind", "--within", "30d", "--format", "ics", "-o")
    assert run(capsys, *argv, str(target)) == (0, "", "")
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    sports = next(e for e in events if str(e["uid"]) == "milestone-4-YH-SPORTS@tracker")
    assert str(sports["summary"]) == "[YH-SPORTS] Whole project completed and put into use"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".due.ics")]


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed")
def test_ics_imports_into_calcurse(demo, capsys, tmp_path):
    target = tmp_path / "due.ics"
    run(
        capsys,
        "--lang",
        "zh",
        "--today",
        "2027-03-10",
        "remind",
        "--within",
        "30d",
        "--format",
        "ics",
        "-o",
        str(target),
    )
    events = target.read_bytes().count(b"BEGIN:VEVENT")
    home = tmp_path / "calcurse"
    home.mkdir()
    imported = subprocess.run(
        ["calcurse", "-D", str(home), "-i", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert f"0 apps / {events} events / 0 todos / 0 skipped" in imported.stdout
    listed = subprocess.run(
        ["calcurse", "-D", str(home), "-Q", "--from", "03/31/2027", "--days", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "[YH-SPORTS] 整体完工并投用" in listed
    stored = (home / "apts").read_text(encoding="utf-8")
    assert stored.count("\n") == events
