"""Backup and restore carry the approval items (前期手续) and each project's approvals mode,
from either database into the other."""

from __future__ import annotations


def test_backup_and_restore_carry_the_approval_items(run, other_db_url, tmp_path, dump):
    assert run("approval", "mode", "YH-ARTS", "parallel")[0] == 0
    assert run("approval", "set", "YH-ARTS", "eia", "--submitted", "2026-11-20")[0] == 0
    before = dump(run.url)
    assert len(before["approval_item"]) == 9
    file = tmp_path / "office.backup"
    assert run("backup", str(file))[0] == 0
    status, _, err = run("--db", other_db_url, "restore", str(file))
    assert status == 0, err
    assert dump(other_db_url) == before
