"""The TUI's door has the CLI's guard: a crash inside the app is one line and exit status 3."""

from __future__ import annotations

import pytest
from textual.app import App

import tracker.tui.launch as launch


class Crashing(App[None]):
    """An app that fails as it starts, with a secret in its error, run without a terminal."""

    def on_mount(self) -> None:
        raise RuntimeError("lost postgresql+psycopg://u:S3cr3t@db/x")

    def run(self, **_options: object) -> None:  # type: ignore[override]
        super().run(headless=True)


@pytest.mark.parametrize("debug", [False, True])
def test_a_crash_in_the_tui_is_one_line_exit_3(hostile, monkeypatch, debug: bool):
    monkeypatch.setattr(launch, "app_for", lambda _settings, **_options: Crashing())
    status, _out, err = hostile.run(["--debug"] if debug else [])
    assert status == 3
    last = err.splitlines()[-1]
    assert last.startswith("tracker: failed with RuntimeError") and "S3cr3t" not in last
    if not debug:
        assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert hostile.digest() == hostile.before
