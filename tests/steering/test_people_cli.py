"""Leaders and organisations as records (issue #16 item 2), from the command line: add,
assign, filter, rename; every write in the audit trail, every bad name refused with nothing
written. On SQLite and PostgreSQL."""

from __future__ import annotations

import json


def _projects(run, *filters: str) -> list[dict]:
    status, out, err = run("projects", *filters, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def test_a_leader_answers_for_projects_and_filters_them(run):
    assert run("leader", "add", "张三", "--title", "副区长")[0] == 0
    assert run("org", "add", "区体育局", "--kind", "unit")[0] == 0
    assert run("org", "add", "区城投集团", "--kind", "业主单位")[0] == 0
    status, out, _ = run(
        "assign", "YH-SPORTS", "--leader", "张三", "--unit", "区体育局", "--owner-org", "区城投集团"
    )
    assert status == 0 and "区体育局" in out
    assert run("assign", "yh-arts", "--leader", "张三")[0] == 0

    mine = _projects(run, "--leader", "张三")
    assert [p["code"] for p in mine] == ["YH-ARTS", "YH-SPORTS"]
    sports = mine[1]
    assert (sports["leader"], sports["leader_title"], sports["unit"], sports["owner_org"]) == (
        "张三",
        "副区长",
        "区体育局",
        "区城投集团",
    )
    assert [p["code"] for p in _projects(run, "--unit", "区城投集团")] == ["YH-SPORTS"]
    status, out, _ = run("leader", "list", "--format", "json")
    assert [e for e in json.loads(out) if e["name"] == "张三"] == [
        {"name": "张三", "title": "副区长", "projects": 2, "illustrative": False}
    ]
    status, out, _ = run("log", "YH-SPORTS", "--format", "json")
    fields = {(e["user"], e["field"], e["new"]) for e in json.loads(out)}
    assert ("officer-li", "unit", "区体育局") in fields


def test_renaming_an_organisation_carries_into_its_projects(run):
    run("org", "add", "区体育局")
    run("assign", "YH-SPORTS", "--unit", "区体育局")
    status, out, _ = run("org", "rename", "区体育局", "区文体旅游局")
    assert status == 0
    assert _projects(run, "--unit", "区文体旅游局")[0]["code"] == "YH-SPORTS"
    status, out, _ = run("org", "list", "--format", "json")
    assert {"name": "区文体旅游局", "kind": None, "as_unit": 1, "as_owner": 0} in json.loads(out)


def test_a_project_naming_a_new_unit_records_the_organisation(run):
    assert run("project", "set", "YH-ARTS", "--unit", "区文广旅体局")[0] == 0
    _status, out, _ = run("org", "list", "--format", "json")
    assert {"name": "区文广旅体局", "kind": "unit", "as_unit": 1, "as_owner": 0} in json.loads(out)


def test_unknown_people_and_places_are_refused_naming_the_nearest(run, refused):
    run("leader", "add", "张三")
    run("org", "add", "区体育局")
    err = refused("assign", "YH-SPORTS", "--leader", "张四")
    assert "--leader" in err and "张四" in err and "张三" in err
    err = refused("assign", "YH-SPORTS", "--unit", "区体育")
    assert "--unit" in err and "区体育局" in err
    assert "--leader" in refused("projects", "--leader", "李四")
    assert "--unit" in refused("projects", "--unit", "无此单位")
    assert "name" in refused("leader", "add", "张三")
    assert "new name" in refused("org", "rename", "区体育局", "余杭区教育局")
    err = refused("leader", "add", "张\x1b[31m三")
    assert "control characters" in err
    err = refused("assign", "YH-SPORTS", "--leader", "王五", lang="zh")
    assert "已登记的包保领导" in err


def test_a_library_is_set_filtered_and_refused_when_unknown(run, refused):
    status, out, _ = run("library", "YH-ARTS", "储备")
    assert status == 0 and "reserve" in out
    assert [p["code"] for p in _projects(run, "--library", "reserve")] == ["YH-ARTS"]
    err = refused("library", "YH-ARTS", "在建库")
    assert "library" in err and "在建库" in err and "pipeline" in err
    assert "--library" in refused("projects", "--library", "nope")
    assert run("library", "YH-ARTS", "none")[0] == 0
    assert _projects(run, "--library", "储备") == []
