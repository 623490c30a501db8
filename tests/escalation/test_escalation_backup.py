"""Backup and restore carry the escalation ledger, the meetings and their actions, from either
database into the other."""

from __future__ import annotations


def test_backup_and_restore_carry_the_ledger_and_the_meetings(run, other_db_url, tmp_path, dump):
    issue = ("escalate", "issue", "YH-SPORTS", "--step", "letter", "--to", "区体育局")
    assert run(*issue, "--number", "余发改督〔2026〕12号")[0] == 0
    assert run("escalate", "answer", "1", "--note", "已整改")[0] == 0
    assert run("meeting", "new", "--on", "2026-11-30")[0] == 0
    action = ("meeting", "action", "1", "YH-SPORTS", "屋盖合龙专题协调", "--owner", "区体育局")
    assert run(*action, "--due", "2026-12")[0] == 0
    before = dump(run.url)
    assert [len(before[t]) for t in ("escalation", "meeting", "meeting_action")] == [1, 1, 1]
    file = tmp_path / "office.backup"
    assert run("backup", str(file))[0] == 0
    status, _, err = run("--db", other_db_url, "restore", str(file))
    assert status == 0, err
    assert dump(other_db_url) == before
