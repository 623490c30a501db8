"""Milestone slip over time (tracker.reports.slip_weeks): each followed milestone's slip at the
end of each of the last 12 weeks, rebuilt from the audit trail of its forecast, baseline (and
its precision) and done day, on both databases."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from tests.reports.conftest import day, utc
from tracker.reports.slip_weeks import slip_weeks
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.store.write.service import deadline_fields

BEIJING = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 28)  # a Saturday of 2026-W48


def test_the_slip_of_each_week_is_the_one_recorded_by_its_sunday(make_service, clock, db_url):
    service = make_service()
    clock.now = utc(2026, 10, 1, 2, 0, 0)  # Thursday of W40, 10:00 in Beijing
    service.create_project({"code": "YH-T", "name": "试验项目"})
    service.add_milestone(
        "YH-T", "主体结顶", baseline=day("2026-10-31"), forecast=day("2026-11-10")
    )
    service.add_milestone(
        "YH-T",
        "竣工",
        baseline=day("2027-03-31", "month"),
        forecast=day("2027-03-31", "month"),
        marks_completion=True,
    )
    clock.now = utc(2026, 10, 14, 2, 0, 0)  # W42
    service.set_forecast("YH-T", "主体结顶", day("2026-11-20"))
    clock.now = utc(2026, 10, 28, 2, 0, 0)  # W44: rebaselined to November as a month
    service.update_milestone(
        "YH-T", "主体结顶", deadline_fields("baseline", day("2026-11-30", "month"))
    )
    clock.now = utc(2026, 11, 3, 2, 0, 0)  # W45
    service.set_forecast("YH-T", "竣工", day("2027-05-31", "month"))
    clock.now = utc(2026, 11, 11, 2, 0, 0)  # W46: a milestone recorded only now
    service.add_milestone(
        "YH-T", "消防验收", baseline=day("2026-12-31"), forecast=day("2027-01-15")
    )
    clock.now = utc(2026, 11, 22, 15, 59, 0)  # Sunday 23:59 in Beijing: still W47
    service.mark_done("YH-T", "竣工", date(2026, 11, 20))
    clock.now = utc(2026, 11, 22, 16, 1, 0)  # Monday 00:01 in Beijing: W48
    service.set_forecast("YH-T", "消防验收", day("2027-01-05"))

    with PlainConnection(db_url) as conn:
        [project] = queries.projects(conn, "YH-T")
        slips = slip_weeks(conn, project, TODAY, BEIJING)

    assert slips.weeks == tuple(f"2026-W{n}" for n in range(37, 49))
    by_name = {line.name: line for line in slips.lines}
    assert [line.name for line in slips.lines] == ["竣工", "主体结顶", "消防验收"], (
        "the completion first, then the open ones soonest due"
    )
    assert by_name["竣工"].completion and not by_name["主体结顶"].completion
    none = (None,) * 3  # W37–W39: before the project was recorded
    # 主体结顶: 10 days late, then 20; rebaselined to November, which 20 November meets.
    topped = (10, 10, 20, 20, 0, 0, 0, 0, 0)
    assert by_name["主体结顶"].slips == (*none, *topped)
    # 竣工: on its month, then May (31 March to 31 May), then done on 20 November, before
    # March 2027 begins.
    late, early = (
        (date(2027, 5, 31) - date(2027, 3, 31)).days,
        (date(2026, 11, 20) - date(2027, 3, 1)).days,
    )
    assert by_name["竣工"].slips == (*none, 0, 0, 0, 0, 0, late, late, early, early)
    # 消防验收: recorded in W46, moved again in the first minute of W48.
    assert by_name["消防验收"].slips == (*(None,) * 9, 15, 15, 5)


def test_a_milestone_recorded_before_the_weeks_has_a_slip_in_every_one(make_service, clock, db_url):
    service = make_service()
    clock.now = utc(2026, 8, 3, 2, 0, 0)  # August: before 2026-W37, the first of the 12 weeks
    service.create_project({"code": "YH-T", "name": "试验项目"})
    service.add_milestone("YH-T", "开工", baseline=day("2026-12-31"), forecast=day("2027-01-10"))
    service.add_milestone("YH-T", "无计划", forecast=day("2027-02-01"))  # no baseline: not followed
    clock.now = utc(2026, 11, 4, 2, 0, 0)  # W45
    service.set_forecast("YH-T", "开工", None)  # cleared: the baseline counts again

    with PlainConnection(db_url) as conn:
        [project] = queries.projects(conn, "YH-T")
        slips = slip_weeks(conn, project, TODAY, BEIJING)

    [line] = slips.lines
    assert line.name == "开工"
    # Ten days late through W44; with no forecast the slip is unknown, as the report says.
    assert line.slips == (*(10,) * 8, *(None,) * 4)
