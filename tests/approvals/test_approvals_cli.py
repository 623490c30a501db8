"""The approvals pipeline (前期手续) from the command line, on the demo with today 2026-11-28:
the open items with their departments, the departments' scoreboard, the approval alerts, and
the writes (add, submit, approve, correct, main line), each refused in one line when wrong."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text


def _items(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.code, a.step, a.department, a.submitted, a.approved, a.number "
                "FROM approval_item a JOIN project p ON p.id = a.project_id "
                "ORDER BY p.code, a.position"
            )
        ).all()
    engine.dispose()
    return [tuple(str(v) if v is not None else None for v in row) for row in rows]


def test_the_performing_arts_centre_open_items_with_departments(run):
    status, out, _ = run("approvals", "--format", "json")
    assert status == 0
    arts = [(i["step"], i["department"], i["overdue"]) for i in json.loads(out)]
    assert arts == [
        ("feasibility", "区发改局", True),
        ("land_pre_review", "区规划和自然资源局", True),
        ("eia", "区生态环境局", False),
        ("energy_review", "区发改局", False),
        ("preliminary_design", "区发改局", False),
    ]
    assert {i["project"] for i in json.loads(out)} == {"YH-ARTS"}
    assert all(i["approved"] is None and i["illustrative"] for i in json.loads(out))


def test_approved_items_show_with_all(run):
    status, out, _ = run("approvals", "YH-SPORTS", "--all", "--format", "json")
    assert status == 0
    assert [(i["step"], i["submitted"], i["approved"]) for i in json.loads(out)] == [
        ("feasibility", "2022-05-09", "2022-06-20"),
        ("preliminary_design", "2022-08-15", "2022-09-28"),
        ("construction_permit", "2022-11-21", "2022-12-12"),
    ]


def test_the_departments_scoreboard(run):
    status, out, _ = run("approvals", "--by", "department", "--format", "json")
    assert status == 0
    board = {d["department"]: d for d in json.loads(out)}
    # 区发改局: SPORTS feasibility (42 days) and preliminary design (44), ARTS proposal (21)
    # approved; ARTS feasibility (overdue), energy review and preliminary design open.
    assert (board["区发改局"]["open"], board["区发改局"]["overdue"]) == (3, 1)
    assert (board["区发改局"]["total_days"], board["区发改局"]["approved_with_days"]) == (107, 3)
    assert board["区发改局"]["average_days"] == "35.7"
    assert board["区住建局"]["average_days"] == "21.0"
    assert (
        board["区规划和自然资源局"]["overdue"],
        board["区规划和自然资源局"]["average_days"],
    ) == (
        1,
        None,
    )
    status, out, _ = run("approvals", "--by", "department")
    assert "区生态环境局" in out and "—" in out


def test_alerts_name_the_overdue_approval_with_evidence_and_threshold(run):
    status, out, _ = run("alerts", "--format", "json")
    assert status == 0
    found = [a for a in json.loads(out) if a["rule"] == "approval_overdue"]
    feasibility = next(a for a in found if a["item"] == "可研批复")
    assert (feasibility["project"], feasibility["severity"]) == ("YH-ARTS", "red")
    assert "59 days ago" in feasibility["evidence"] and "区发改局" in feasibility["evidence"]
    assert feasibility["threshold"] == (
        "past the planned day and not approved: amber; more than 30 days: red"
    )
    land = next(a for a in found if a["item"] == "用地预审与选址意见书")
    assert land["severity"] == "amber" and "28 days ago" in land["evidence"]


def test_submit_then_approve_with_a_number_is_recorded_and_audited(run):
    assert (
        run(
            "approval",
            "set",
            "YH-ARTS",
            "可研批复",
            "--approved",
            "2026-11-27",
            "--number",
            "余发改审批〔2026〕88号",
        )[0]
        == 0
    )
    assert (
        "YH-ARTS",
        "feasibility",
        "区发改局",
        "2026-08-14",
        "2026-11-27",
        "余发改审批〔2026〕88号",
    ) in _items(run.url)
    status, out, _ = run("log", "YH-ARTS", "--format", "json")
    assert status == 0 and "2026-11-27" in out


def test_a_recorded_approval_day_is_not_overwritten_without_correct(run, refused):
    assert run("approval", "set", "YH-SPORTS", "feasibility", "--number", "X")[0] == 0
    err = refused("approval", "set", "YH-SPORTS", "feasibility", "--approved", "2022-07-01")
    assert "2022-06-20" in err and "--correct" in err
    status, out, _ = run(
        "approval", "set", "YH-SPORTS", "feasibility", "--approved", "2022-07-01", "--correct"
    )
    assert status == 0 and "2022-06-20 → 2022-07-01" in out


def test_the_main_line_waits_for_the_step_before(run, refused):
    err = refused("approval", "set", "YH-ARTS", "eia", "--submitted", "2026-11-20")
    assert "feasibility" in err
    assert run("approval", "mode", "YH-ARTS", "parallel")[0] == 0
    assert run("approval", "set", "YH-ARTS", "eia", "--submitted", "2026-11-20")[0] == 0


def test_add_an_item_from_the_template(run):
    status, out, _ = run(
        "approval", "add", "YH-ARTS", "施工许可", "--planned", "2027年6月", "--officer", "王伟"
    )
    assert status == 0 and "区住建局" in out
    assert ("YH-ARTS", "construction_permit", "区住建局", None, None, None) in _items(run.url)


def test_bad_input_is_refused_in_one_line(run, refused):
    assert "step" in refused("approval", "add", "YH-ARTS", "开工仪式")
    assert "--planned" in refused("approval", "add", "YH-ARTS", "施工许可", "--planned", "明年")
    assert "--approved" in refused("approval", "set", "YH-ARTS", "eia", "--approved", "2026-13-01")
    assert "2026-11-28" in refused(
        "approval", "set", "YH-ARTS", "feasibility", "--approved", "2026-12-01"
    )
    assert "submission" in refused(
        "approval", "set", "YH-ARTS", "feasibility", "--approved", "2026-08-01"
    )
    assert "step" in refused("approval", "set", "YH-ARTS", "施工许可", "--submitted", "2026-11-01")
    assert "--department" in refused("approval", "add", "YH-ARTS", "施工许可", "--department", "  ")
    assert "step" in refused("approval", "add", "YH-ARTS", "可研批复")  # has one already
    zh = refused("approval", "set", "YH-ARTS", "eia", "--approved", "昨天", lang="zh")
    assert "--approved" in zh and "expected" not in zh


def test_a_template_that_would_orphan_items_is_refused(run, refused, tmp_path, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text(
        "[approvals]\n"
        'steps = [{ key = "feasibility", name = "可研批复", department = "区发改局" }]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACKER_SETTINGS", str(settings))
    err = refused("approvals")
    assert "YH-ARTS eia" in err and "YH-SPORTS construction_permit" in err
