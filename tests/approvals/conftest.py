"""What the approvals tests share: a command runner on the demo database."""

from __future__ import annotations

import pytest

from tracker.cli.main import main


@pytest.fixture
def run(demo_settings, capsys):
    """`run(*args, today=…, lang=…)`: (exit status, stdout, stderr) of one command on the demo."""

    def call(*args: str, lang: str = "en", today: str = "2026-11-28") -> tuple[int, str, str]:
        capsys.readouterr()
        argv = ["--db", demo_settings.db_url, "--today", today, "--lang", lang]
        status = main([*argv, "--user", "officer-li", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    call.url = demo_settings.db_url  # type: ignore[attr-defined]
    return call


@pytest.fixture
def refused(run, dump):
    """`refused(*args)`: the one-line refusal of a command that must write nothing (exit 2)."""

    def call(*args: str, lang: str = "en") -> str:
        before = dump(run.url)
        status, out, err = run(*args, lang=lang)
        assert status == 2, (out, err)
        assert err.count("\n") == 1 and "Traceback" not in err
        assert dump(run.url) == before
        return err

    return call
