"""Programme membership, typed blockers and statistics enrolment (入库纳统) from the command
line (issue #16 items 3-5), with the acceptance: a project started more than two months ago and
not enrolled shows a red 纳统 alert, one started five weeks ago an amber one. On SQLite and
PostgreSQL."""

from __future__ import annotations

import json


def _enrolment_alerts(run, code: str, lang: str = "en") -> list[dict]:
    status, out, err = run("alerts", "--project", code, "--format", "json", lang=lang)
    assert status == 0, err
    return [a for a in json.loads(out) if a["rule"] == "not_enrolled"]


def test_a_project_started_over_two_months_ago_and_not_enrolled_is_red(run):
    assert run("project", "set", "YH-SPORTS", "--actual-start", "2026-09-20")[0] == 0
    [alert] = _enrolment_alerts(run, "YH-SPORTS")
    assert alert["severity"] == "red"
    assert "started 2026-09-20; not enrolled 2 months later" in alert["evidence"]
    assert "approval document" in alert["evidence"]
    assert alert["threshold"] == (
        "not enrolled 1 months after the start: amber; 2 months or more: red"
    )
    [zh] = _enrolment_alerts(run, "YH-SPORTS", lang="zh")
    assert "未入库纳统" in zh["evidence"] and "开工后1个月未入库" in zh["threshold"]
    _status, out, _ = run("projects", "--format", "json")
    sports = next(p for p in json.loads(out) if p["code"] == "YH-SPORTS")
    assert sports["light"] == "red"


def test_five_weeks_after_the_start_it_is_amber_and_enrolment_clears_it(run):
    run("project", "set", "YH-HFLS", "--actual-start", "2026-10-24")  # 5 weeks before 11-28
    [alert] = _enrolment_alerts(run, "YH-HFLS")
    assert alert["severity"] == "amber"
    run("project", "set", "YH-DAOXIANG", "--actual-start", "2026-11-01")  # under a month
    assert _enrolment_alerts(run, "YH-DAOXIANG") == []
    status, out, _ = run("enrol", "set", "YH-HFLS", "--on", "2026-11-20", "--amount", "3,200万")
    assert status == 0
    assert _enrolment_alerts(run, "YH-HFLS") == []
    status, out, _ = run("enrol", "list", "--format", "json")
    hfls = next(e for e in json.loads(out) if e["project"] == "YH-HFLS")
    assert (hfls["enrolled_on"], hfls["enrolled_amount"]) == ("2026-11-20", "32000000")


def test_the_checklist_is_named_until_it_is_complete(run):
    run("project", "set", "YH-AXIS", "--actual-start", "2026-08-01")
    assert run("enrol", "evidence", "YH-AXIS", "批复文件", "--on", "2026-08-05")[0] == 0
    [alert] = _enrolment_alerts(run, "YH-AXIS")
    assert "evidence missing: construction contract / dated site photos" in alert["evidence"]
    assert run("enrol", "evidence", "YH-AXIS", "site_photos", "--on", "2026-08-10")[0] == 0
    [alert] = _enrolment_alerts(run, "YH-AXIS")
    assert "evidence checklist complete" in alert["evidence"]
    _status, out, _ = run("enrol", "list", "--format", "json")
    axis = next(e for e in json.loads(out) if e["project"] == "YH-AXIS")
    assert axis["evidence"] == {
        "approval_document": "2026-08-05",
        "construction_contract": None,
        "site_photos": "2026-08-10",
    }


def test_the_thresholds_come_from_the_settings_file(run, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text("[alerts]\nenrolment_amber_months = 3\nenrolment_red_months = 4\n")
    run("project", "set", "YH-SPORTS", "--actual-start", "2026-09-20")
    assert _enrolment_alerts_with(run, settings) == []
    settings.write_text("[alerts]\nenrolment_amber_months = 3\nenrolment_red_months = 2\n")
    status, _, err = run("--settings", str(settings), "alerts")
    assert status == 2 and "alerts.enrolment_red_months" in err


def _enrolment_alerts_with(run, settings) -> list[dict]:
    status, out, err = run("--settings", str(settings), "alerts", "--format", "json")
    assert status == 0, err
    return [a for a in json.loads(out) if a["rule"] == "not_enrolled"]


def test_joining_and_leaving_a_programme_is_audited_with_the_reason(run):
    status, _, err = run(
        "programme", "join", "YH-ARTS", "市重点", "--year", "2026", "--on", "2026-03-01"
    )
    assert status == 0, err
    status, out, _ = run("projects", "--programme", "city_key", "--format", "json")
    assert [(p["code"], p["programmes"]) for p in json.loads(out)] == [
        ("YH-ARTS", [{"programme": "city_key", "year": 2026}])
    ]
    reason = "退出: 年内无法开工"
    status, _, err = run(
        "programme", "leave", "YH-ARTS", "city_key", "--year", "2026", "--reason", reason
    )
    assert status == 0, err
    status, out, _ = run("programme", "list", "YH-ARTS", "--format", "json")
    assert json.loads(out) == [
        {
            "project": "YH-ARTS",
            "programme": "city_key",
            "year": 2026,
            "joined_on": "2026-03-01",
            "left_on": "2026-11-28",
            "reason": reason,
            "illustrative": False,
        }
    ]
    status, out, _ = run("log", "YH-ARTS", "--format", "json")
    trail = json.loads(out)
    assert [e["new"] for e in trail if e["record"] == "programme_membership"][:2] == [
        reason,
        "2026-11-28",
    ]
    status, out, _ = run("projects", "--programme", "市重点", "--format", "json")
    assert json.loads(out) == []


def test_programme_refusals_write_nothing(run, refused):
    assert "programme" in refused("programme", "join", "YH-ARTS", "国家重点", "--year", "2026")
    assert "--year" in refused("programme", "join", "YH-ARTS", "区重点", "--year", "明年")
    err = refused("programme", "leave", "YH-ARTS", "区重点", "--year", "2026", "--reason", "x")
    assert "programme" in err and "YH-ARTS" in err
    run("programme", "join", "YH-ARTS", "区重点", "--year", "2026")
    assert "programme" in refused("programme", "join", "YH-ARTS", "区重点", "--year", "2026")
    err = refused("programme", "leave", "YH-ARTS", "区重点", "--year", "2026", "--reason", " ")
    assert "--reason" in err
    assert "--on" in refused("enrol", "set", "YH-ARTS", "--on", "2026-02-30")
    assert "--on" in refused("enrol", "set", "YH-ARTS", "--on", "2026-12-25")
    assert "--amount" in refused("enrol", "set", "YH-ARTS", "--amount", "三块五毛钱多")
    assert "--amount" in refused("enrol", "set", "YH-ARTS", "--amount", "-5")
    assert "item" in refused("enrol", "evidence", "YH-ARTS", "合同扫描件")


def test_problems_by_kind_and_level(run, refused):
    status, out, _ = run(
        "problem", "add", "YH-SPORTS", "征地补偿未到位", "--kind", "用地", "--level", "市"
    )
    assert status == 0
    run("problem", "add", "YH-ARTS", "能耗指标不足", "--kind", "energy", "--level", "province")
    status, out, _ = run("problems", "--kind", "用地", "--format", "json")
    assert [(p["project"], p["description"], p["kind"], p["level"]) for p in json.loads(out)] == [
        ("YH-SPORTS", "征地补偿未到位", "land", "city")
    ]
    status, out, _ = run("problems", "--level", "省", "--format", "json")
    assert [p["description"] for p in json.loads(out)] == ["能耗指标不足"]
    status, out, _ = run("--lang", "zh", "problems", "--kind", "land")
    assert "用地" in out and "市" in out
    status, out, _ = run("problem", "list", "YH-SPORTS", "--format", "json")
    problem = next(p for p in json.loads(out) if p["description"] == "征地补偿未到位")
    assert run("problem", "set", "YH-SPORTS", str(problem["id"]), "--level", "区")[0] == 0
    status, out, _ = run("problems", "--kind", "land", "--level", "city", "--format", "json")
    assert json.loads(out) == []
    assert "--kind" in refused("problems", "--kind", "水电")
    assert "--level" in refused("problem", "add", "YH-SPORTS", "x", "--level", "国家")
    assert "--kind" in refused("problem", "set", "YH-SPORTS", str(problem["id"]), "--kind", "?")
