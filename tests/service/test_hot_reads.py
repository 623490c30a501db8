"""The plain-SQL project read agrees with the obvious computation over every row, on SQLite and
on PostgreSQL, ties included: the next milestone is the earliest due open one (the first by
position on the same day), the latest status the last by day (the last recorded on the same
day)."""

from __future__ import annotations

from datetime import date

from tracker.core.dates import Deadline
from tracker.store.model import Light
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection


def test_projects_read_the_next_milestone_and_latest_status_as_every_row_says(
    demo_settings, make_service
):
    service = make_service()
    tie = Deadline.of(date(2001, 1, 1), "day")
    service.add_milestone("YH-SPORTS", "同日节点甲", baseline=tie)
    service.add_milestone("YH-SPORTS", "同日节点乙", baseline=tie)
    service.add_status("YH-ARTS", Light.AMBER, "上午", on=date(2026, 11, 27))
    service.add_status("YH-ARTS", Light.RED, "下午", on=date(2026, 11, 27))
    with PlainConnection(demo_settings.db_url) as conn:
        listed = queries.projects(conn)
        ids = {r["code"]: r["id"] for r in listed}
        milestones = conn.rows(
            "SELECT project_id, name, position, forecast, baseline, done FROM milestone",
            dates=("forecast", "baseline", "done"),
        )
        statuses = conn.rows(
            "SELECT id, project_id, reported_on, light FROM status_update", dates=("reported_on",)
        )
    assert len(listed) == 14
    for row in listed:
        mine = [
            (m["forecast"] or m["baseline"], m["position"], m["name"])
            for m in milestones
            if m["project_id"] == ids[row["code"]]
            and m["done"] is None
            and (m["forecast"] or m["baseline"]) is not None
        ]
        expected = min(mine) if mine else (None, None, None)
        assert (row["next_due"], row["next_name"]) == (expected[0], expected[2]), row["code"]
        updates = [
            (s["reported_on"], s["id"], s["light"])
            for s in statuses
            if s["project_id"] == ids[row["code"]]
        ]
        latest = max(updates) if updates else (None, None, None)
        assert (row["status_on"], row["status_light"]) == (latest[0], latest[2]), row["code"]
    sports = next(r for r in listed if r["code"] == "YH-SPORTS")
    assert (sports["next_name"], sports["next_due"]) == ("同日节点甲", date(2001, 1, 1))
    arts = next(r for r in listed if r["code"] == "YH-ARTS")
    assert (arts["status_on"], arts["status_light"]) == (date(2026, 11, 27), "red")
