"""Backup and restore carry the steering tables (issue #16): organisations, leaders,
programme memberships and enrolment evidence, with the project's references to them, from
either database into the other."""

from __future__ import annotations


def test_backup_and_restore_carry_leaders_organisations_programmes_and_evidence(
    run, other_db_url, tmp_path, dump
):
    run("leader", "add", "张三", "--title", "副区长")
    run("org", "add", "区城投集团", "--kind", "owner")
    run("assign", "YH-SPORTS", "--leader", "张三", "--owner-org", "区城投集团")
    run("programme", "join", "YH-SPORTS", "千项万亿", "--year", "2026", "--on", "2026-02-01")
    run("enrol", "evidence", "YH-SPORTS", "批复文件", "--on", "2026-09-03")
    run("problem", "add", "YH-SPORTS", "征地未完成", "--kind", "用地", "--level", "市")
    before = dump(run.url)
    assert all(
        before[t] for t in ("leader", "organisation", "programme_membership", "enrolment_evidence")
    )
    file = tmp_path / "office.backup"
    status, out, _ = run("backup", str(file), lang="zh")
    assert status == 0
    # the summary names the steering tables in the user's words, not by their table names
    assert "包保领导 3" in out and "计划纳入记录 2" in out and "审批事项 9" in out
    assert "approval_item" not in out and "programme_membership" not in out
    status, _, err = run("--db", other_db_url, "restore", str(file))
    assert status == 0, err
    assert dump(other_db_url) == before
