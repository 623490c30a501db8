"""A PostgreSQL URL that leads nowhere: one line naming the database (password hidden), exit 2."""

from __future__ import annotations

import pytest

from tracker.cli.main import main

NOWHERE = "postgresql+psycopg://wang:s3cret@127.0.0.1:1/tracker"


@pytest.mark.parametrize(
    "argv",
    [
        ["projects"],
        ["init"],
        ["log"],
        ["milestone", "done", "YH-SPORTS", "开工"],
        ["backup", "b.db"],
    ],
)
def test_an_unreachable_server_is_one_line_not_a_traceback(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", NOWHERE, *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "postgresql+psycopg://wang:***@127.0.0.1:1/tracker" in err and "s3cret" not in err
    assert list(tmp_path.iterdir()) == []
