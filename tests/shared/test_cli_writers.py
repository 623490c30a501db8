"""Two officers' `tracker` processes saving the same milestone at the same moment.

The writes wait for each other; one is saved, the other is refused with the conflict message
(exit 1) when it was based on the same version, or saved after the first when blind. Never a
traceback, never "database is locked".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tracker.cli.main import main


def _version(url: str, capsys) -> int:
    capsys.readouterr()
    assert main(["--db", url, "milestone", "list", "YH-SPORTS", "--format", "json"]) == 0
    [milestone] = [m for m in json.loads(capsys.readouterr().out) if m["name"] == "竣工验收"]
    return int(milestone["version"])


def _at_once(url: str, *extra: list[str]) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "TRACKER_DB": url, "TRACKER_LANG": "en", "TRACKER_TODAY": "2026-11-28"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tracker", "--user", f"officer-{n}", "milestone", "set",
             "YH-SPORTS", "竣工验收", *argv],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n, argv in enumerate(extra)
    ]  # fmt: skip
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


@pytest.mark.parametrize("blind", [False, True], ids=["same-version", "blind"])
def test_two_officers_save_the_same_milestone_at_once(demo_settings, capsys, blind):
    url = demo_settings.db_url
    loaded = _version(url, capsys)
    based = [] if blind else ["--version", str(loaded)]
    first, second = _at_once(
        url, ["--forecast", "2027-04", *based], ["--forecast", "2027-05", *based]
    )
    for result in (first, second):
        assert "Traceback" not in result.stderr and "locked" not in result.stderr
    if blind:
        assert (first.returncode, second.returncode) == (0, 0)
        assert _version(url, capsys) == loaded + 2
        return
    assert sorted((first.returncode, second.returncode)) == [0, 1]
    loser = first if first.returncode == 1 else second
    winner = "officer-1" if loser is first else "officer-0"
    assert loser.stderr.count("\n") == 1
    # named in the user's language (English here: the milestone's English name)
    assert "Completion acceptance" in loser.stderr and winner in loser.stderr
    assert "not saved" in loser.stderr
    assert _version(url, capsys) == loaded + 1
