"""Issue 14, bug 5: the week's changes list every edit that stands at the week's end, whatever
happened to the record before (added, undone and added again) and however new its project is."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from tracker.core.dates import Deadline


def _changes(run_export, db_url, week="2026-W48"):
    status, out, err = run_export(db_url, "en", "--week", week, "--format", "json")
    assert (status, err) == (0, "")
    return json.loads(out)["changes"]


def test_a_problem_added_undone_and_added_again_is_listed(
    make_service, clock, edited_week, run_export
):
    service = make_service("officer-li")
    clock.now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # Thursday, W48
    with service.recording() as ids:
        service.add_problem("YH-SPORTS", "看台钢构件供货延迟")
    service.revert(ids)
    service.add_problem("YH-SPORTS", "看台钢构件供货延迟")
    opened = [
        c["item"]
        for c in _changes(run_export, edited_week)
        if c["kind"] == "problem_opened" and c["project"] == "YH-SPORTS"
    ]
    assert opened == ["看台钢构件供货延迟"]


def test_a_problem_added_and_undone_is_not_listed(make_service, clock, edited_week, run_export):
    service = make_service("officer-li")
    clock.now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    with service.recording() as ids:
        service.add_problem("YH-SPORTS", "看台钢构件供货延迟")
    service.revert(ids)
    assert not [c for c in _changes(run_export, edited_week) if c["item"] == "看台钢构件供货延迟"]


def test_a_forecast_moved_on_a_project_created_the_same_week_is_listed(
    make_service, clock, edited_week, run_export
):
    service = make_service("officer-li")
    clock.now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    service.create_project({"code": "YH-NEW", "name": "新项目", "category": "education"})
    for name in ("立项", "开工"):
        service.add_milestone("YH-NEW", name, baseline=Deadline.of(date(2027, 6, 30), "month"))
    service.set_forecast("YH-NEW", "开工", Deadline.of(date(2027, 8, 31), "month"))
    service.mark_done("YH-NEW", "立项", date(2026, 11, 26))
    mine = {
        (c["kind"], c["item"], c.get("new"))
        for c in _changes(run_export, edited_week)
        if c["project"] == "YH-NEW"
    }
    assert ("done", "立项", "2026-11-26") in mine
    assert ("forecast_moved", "开工", "2027-08-31") in mine


def test_a_milestone_removed_and_restored_is_no_change(
    make_service, clock, edited_week, run_export
):
    service = make_service("officer-li")
    clock.now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    with service.recording() as ids:
        service.remove_milestone("YH-SPORTS", "竣工验收")
    service.revert(ids)
    changes = _changes(run_export, edited_week)
    assert not [c for c in changes if (c["project"], c["item"]) == ("YH-SPORTS", "竣工验收")]
