"""Issue 14, bug 14: the calendar holds what is still to come (an overdue item's alarms have all
rung) unless `--overdue` asks for the rest; and calcurse, unlike the calendars that honour UIDs,
duplicates a re-imported event, as the README says."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tracker.cli.main import main


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in (
        ("TRACKER_DB", str(tmp_path / "t.db")),
        ("TRACKER_LANG", "en"),
        ("TRACKER_USER", "officer-wang"),
        ("TRACKER_TODAY", "2026-11-28"),
        ("XDG_DATA_HOME", str(tmp_path / "data")),
    ):
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TRACKER_SETTINGS", raising=False)
    assert main(["init", "--demo"]) == 0
    return tmp_path


def _uids(path: Path) -> list[str]:
    from icalendar import Calendar

    return [str(e["uid"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_the_calendar_leaves_out_the_overdue_unless_asked(demo, capsys):
    capsys.readouterr()
    assert main(["remind", "--within", "60d", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    overdue = {
        f"{i['kind']}-{i['record_id']}-{i['project']}@tracker" for i in items if i["days_left"] < 0
    }
    coming = {f"{i['kind']}-{i['record_id']}-{i['project']}@tracker" for i in items} - overdue
    assert overdue and coming
    plain, every = demo / "plain.ics", demo / "every.ics"
    assert main(["remind", "--within", "60d", "--format", "ics", "-o", str(plain)]) == 0
    assert sorted(_uids(plain)) == sorted(coming)
    argv = ["remind", "--within", "60d", "--format", "ics", "--overdue", "-o", str(every)]
    assert main(argv) == 0
    assert sorted(_uids(every)) == sorted(coming | overdue)


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse is not installed")
def test_calcurse_duplicates_a_reimported_calendar(demo, capsys):
    target, home = demo / "due.ics", demo / "calcurse"
    home.mkdir()
    assert main(["remind", "--within", "60d", "--format", "ics", "-o", str(target)]) == 0
    events = target.read_bytes().count(b"BEGIN:VEVENT")
    for _ in range(2):
        subprocess.run(
            ["calcurse", "-D", str(home), "-i", str(target)],
            capture_output=True,
            timeout=60,
            check=True,
        )
    assert (home / "apts").read_text(encoding="utf-8").count("\n") == 2 * events
