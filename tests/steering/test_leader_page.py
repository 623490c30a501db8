"""One page per leader (`tracker export leader NAME`) and the weekly report's steering
section (`export weekly --by leader|unit`): projects, lights, what is late, the week's
programme joins and exits, open problems by kind (issue #16)."""

from __future__ import annotations

import json


def _leader_with_two_projects(run) -> None:
    assert run("leader", "add", "张三", "--title", "副区长")[0] == 0
    for code in ("YH-SPORTS", "YH-ARTS"):
        assert run("assign", code, "--leader", "张三")[0] == 0


def test_a_leaders_page_lists_their_projects_lights_and_what_is_late(run, tmp_path):
    _leader_with_two_projects(run)
    run("project", "set", "YH-SPORTS", "--actual-start", "2026-09-01")
    status, out, _ = run("export", "leader", "张三", "--format", "json")
    assert status == 0
    page = json.loads(out)
    assert (page["leader"], page["title"]) == ("张三", "副区长")
    assert [p["code"] for p in page["projects"]] == ["YH-ARTS", "YH-SPORTS"]
    sports = page["projects"][1]
    assert sports["light"] == "red"
    assert any("not enrolled in the statistics" in line for line in sports["late"])
    status, out, _ = run("export", "leader", "张三", lang="zh")
    assert status == 0 and out.startswith("# 包保领导: 张三 · 副区长")
    assert "滞后事项" in out and "未入库纳统" in out and "YH-ARTS" in out
    target = tmp_path / "张三.html"
    status, out, _ = run("export", "leader", "张三", "--format", "html", "-o", str(target))
    html = target.read_text(encoding="utf-8")
    assert status == 0 and html.startswith("<!DOCTYPE html>") and "YH-SPORTS" in html


def test_an_unknown_leader_has_no_page(run, refused):
    _leader_with_two_projects(run)
    err = refused("export", "leader", "张山")
    assert "张山" in err and "张三" in err


def test_the_weekly_report_groups_by_leader_and_lists_the_weeks_moves(run):
    _leader_with_two_projects(run)
    run("programme", "join", "YH-SPORTS", "千项万亿", "--year", "2026", "--on", "2026-02-01")
    run("programme", "join", "YH-ARTS", "区重点", "--year", "2026", "--on", "2026-11-24")
    run(
        "programme",
        "leave",
        "YH-SPORTS",
        "千项万亿",
        "--year",
        "2026",
        "--reason",
        "退出: 年内无法开工",
    )
    run("problem", "add", "YH-SPORTS", "征地补偿未到位", "--kind", "用地", "--level", "市")
    status, out, _ = run("export", "weekly", "--by", "leader", "--format", "json")
    assert status == 0
    section = json.loads(out)["steering"]
    assert section["groups"][0] == {
        "name": "张三",
        "projects": ["YH-ARTS", "YH-SPORTS"],
        "lights": section["groups"][0]["lights"],
    }
    assert sum(section["groups"][0]["lights"].values()) == 2
    assert [(m["project"], m["programme"], m["on"]) for m in section["joined"]] == [
        ("YH-ARTS", "district_key", "2026-11-24")
    ]
    assert [(m["project"], m["reason"]) for m in section["left"]] == [
        ("YH-SPORTS", "退出: 年内无法开工")
    ]
    assert section["problems_by_kind"]["land"] == 1
    status, out, _ = run("export", "weekly", "--by", "unit", lang="zh")
    assert "## 按责任单位" in out and "## 本周列入和退出计划" in out and "退出: 年内无法开工" in out
    assert "## 未解决问题（按类型）" in out and "| 用地 | 1 |" in out


def test_the_demo_leaders_are_illustrative_and_its_programme_is_the_articles(run):
    _, out, _ = run("leader", "list", "--format", "json")
    leaders = json.loads(out)
    assert leaders and all(leader["illustrative"] for leader in leaders)
    _, out, _ = run("programme", "list", "--format", "json")
    assert [(m["project"], m["programme"], m["illustrative"]) for m in json.loads(out)] == [
        ("YH-SPORTS", "provincial", True)
    ]
    _status, out, _ = run("leader", "list")
    assert "* illustrative" in out
