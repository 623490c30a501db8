"""Each question the code answers in one named place agrees with the slow, obvious answer worked
out in Python from every record read through the ORM, on SQLite and on PostgreSQL: the latest
status update, what is due, a project's light, this year's completed investment in its two
meanings (序时进度 and 1–N月累计), and the whole days between two dates.

The portfolio is the demo with every alert rule tripped, plus the cases where two readings of a
question part ways: two updates on one day, an update entered late for an earlier day, a month's
investment recorded ahead of time and one with no known amount, an expired and a fresh override.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from tracker.alerts.facts import project_lights, project_rows
from tracker.alerts.lights import Override, evaluate, project_light
from tracker.cli.main import main
from tracker.config.settings_file import AlertThresholds
from tracker.core.dates import Deadline
from tracker.core.stages import ACTIVE_STAGES
from tracker.reminders.due import due_items
from tracker.reports.money_rows import report_money
from tracker.reports.project_rows import report_projects
from tracker.reports.weekly import build_weekly
from tracker.store.model import InvestmentReport, Light, Milestone, Problem, Project, StatusUpdate
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.year_completed import reported_month, schedule_months
from tracker.tui.ledger import DUE_SOON_DAYS, Ledger
from tracker.views.portfolio import portfolio

TODAY = date(2026, 11, 28)
DAYS = (TODAY, date(2026, 12, 15), date(2027, 1, 5), date(2027, 4, 2))


def build(make_service: Any, enrich: Any) -> Any:
    """The demo, every rule tripped, and the cases where readings part ways."""
    from tracker.store.demo import load_demo

    service = make_service()
    load_demo(service, TODAY)
    enrich(service, date(2027, 4, 2))
    service.add_status("YH-ARTS", Light.AMBER, "上午", on=date(2026, 11, 27))
    service.add_status("YH-ARTS", Light.RED, "下午", on=date(2026, 11, 27))
    service.add_status("YH-ARTS", Light.GREEN, "补录", on=date(2026, 10, 1))
    service.set_plan("YH-ARTS", 2026, 10**10)
    service.record_investment("YH-ARTS", 2026, 3, 10**9)
    service.record_investment("YH-ARTS", 2026, 11, 2 * 10**9)
    service.record_investment("YH-ARTS", 2026, 12, 3 * 10**9)  # recorded ahead of time
    service.record_investment("YH-ROADS", 2026, 4, None, funds_in_place_cents=500)
    service.override_light("YH-SPORTS", Light.GREEN, "已协调", on=date(2026, 9, 1))
    service.add_milestone(
        "YH-ROADS",
        "跨闰日节点",
        baseline=Deadline.of(date(2028, 2, 28), "day"),
        forecast=Deadline.of(date(2028, 3, 1), "day"),
    )
    return service


def orm(engine: Any) -> dict[str, Any]:
    """Every record the answers are made of, read through the ORM."""
    with Session(engine) as s:
        return {
            "projects": s.exec(select(Project)).all(),
            "milestones": s.exec(select(Milestone)).all(),
            "problems": s.exec(select(Problem)).all(),
            "statuses": s.exec(select(StatusUpdate)).all(),
            "reports": s.exec(select(InvestmentReport)).all(),
        }


def orm_latest(records: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Each project's latest status update: the last by day, the last entered on that day."""
    return {
        p.code: max(
            (
                (u.reported_on, u.id, u.light, u.narrative)
                for u in records["statuses"]
                if u.project_id == p.id
            ),
            default=(None, None, None, None),
        )
        for p in records["projects"]
    }


def test_the_latest_status_update(make_service, enrich, db_url):
    service = build(make_service, enrich)
    latest = orm_latest(orm(service.engine))
    assert latest["YH-ARTS"][3] == "下午"  # not 上午 (same day), nor 补录 (entered last)
    with PlainConnection(db_url) as conn:
        fragment = conn.rows(
            "SELECT p.code, ls.reported_on, ls.id, ls.light, ls.narrative FROM project p "
            f"{queries.join_latest_status()}",
            dates=("reported_on",),
        )
        projects = queries.projects(conn)
        report = report_projects(conn)
        facts = project_rows(conn, TODAY)
        dashboard = queries.dashboard_rows(conn, TODAY)
    found = {r["code"]: (r["reported_on"], r["id"], r["light"], r["narrative"]) for r in fragment}
    assert found == latest
    for row in projects:
        on, _, light, narrative = latest[row["code"]]
        assert (row["status_on"], row["status_light"], row["status_narrative"]) == (
            on,
            light,
            narrative,
        )
    for row in report:
        assert (row["status_on"], row["status_narrative"]) == (
            latest[row["code"]][0],
            latest[row["code"]][3],
        )
    assert {r["code"]: r["last_status"] for r in facts} == {c: v[0] for c, v in latest.items()}
    assert {r["code"]: r["status_age_days"] for r in dashboard} == {
        c: None if v[0] is None else (TODAY - v[0]).days for c, v in latest.items()
    }


def orm_due(records: dict[str, Any], today: date, within: int, every: int) -> list[tuple]:
    """Open milestones and unresolved problems due by `today + within`, and each active
    project's weekly status update owed `every` days after its latest (at once without one)."""
    until = today + timedelta(days=within)
    codes = {p.id: p.code for p in records["projects"]}
    items = []
    for m in records["milestones"]:
        due = m.forecast or m.baseline
        if m.done is None and due is not None and due <= until:
            items.append(("milestone", codes[m.project_id], m.id, due))
    for q in records["problems"]:
        if q.resolved is None and q.due is not None and q.due <= until:
            items.append(("problem", codes[q.project_id], q.id, q.due))
    latest = orm_latest(records)
    for p in records["projects"]:
        last = latest[p.code][0]
        due = today if last is None else last + timedelta(days=every)
        if p.stage in ACTIVE_STAGES and due <= until:
            items.append(("status_update", p.code, p.id, due))
    return sorted((*item, (item[3] - today).days) for item in items)


def as_tuple(item: Any) -> tuple:
    return (item.kind, item.project, item.record_id, item.due, item.days_left)


def test_what_is_due_is_one_answer_for_both_doors(make_service, enrich, db_url, capsys):
    service = build(make_service, enrich)
    records = orm(service.engine)
    every = AlertThresholds().stale_amber_days
    for today in DAYS:
        for within in (0, DUE_SOON_DAYS, 60):
            with PlainConnection(db_url) as conn:
                items = due_items(conn, today, within, status_every_days=every)
            assert sorted(map(as_tuple, items)) == orm_due(records, today, within, every)
            assert [i.due for i in items] == sorted(i.due for i in items)
    kinds = {i.kind for i in items}
    assert kinds == {"milestone", "problem", "status_update"}
    ledger = Ledger(partial(PlainConnection, db_url), lambda: service)
    tui = [as_tuple(i) for i in ledger.dashboard(TODAY).due]
    capsys.readouterr()
    window = f"{DUE_SOON_DAYS}d"
    argv = ["--db", db_url, "--today", TODAY.isoformat(), "remind", "--within", window]
    assert main([*argv, "--format", "json"]) == 0
    cli = [
        (i["kind"], i["project"], i["record_id"], date.fromisoformat(i["due"]), i["days_left"])
        for i in json.loads(capsys.readouterr().out)
    ]
    assert tui == cli  # the same items in the same order
    assert sorted(tui) == orm_due(records, TODAY, DUE_SOON_DAYS, every)


def test_a_projects_light_is_the_rules_light_everywhere(make_service, enrich, db_url, orm_facts):
    service = build(make_service, enrich)
    projects = orm(service.engine)["projects"]
    for today in DAYS:
        limits = AlertThresholds()
        alerts = evaluate(*orm_facts(service.engine, today), today, limits)
        expected = {}
        for p in projects:
            override = None
            if p.light_override:
                reason, by, on = p.light_override_reason, p.light_override_by, p.light_override_on
                override = Override(p.light_override, reason, by, on)
            mine = [a for a in alerts if a.project == p.code]
            expected[p.code] = project_light(mine, override, today, limits).light
        with PlainConnection(db_url) as conn:
            lights = {c: pl.light for c, pl in project_lights(conn, today, limits).items()}
            listed = {p["code"]: p["light"] for p in portfolio(conn, today, limits)}
            monday = today - timedelta(days=today.weekday())
            report = build_weekly(conn, monday, today, "en", ZoneInfo("Asia/Shanghai"))
            dashboard = queries.dashboard_rows(conn, today)
        assert lights == listed == expected, today
        assert {p.code: p.light for p in report.projects} == expected, today
        assert all("light" not in row for row in dashboard)  # the TUI takes the rules' light
    # On the last day the fresh override holds and the expired one is the rules' light.
    assert expected["YH-HW-RAIL"] == "amber" and expected["YH-SPORTS"] == "red"


def year_sum(records: dict[str, Any], project_id: int, year: int, through: int) -> int | None:
    """The completed amounts of months 1 … `through` of `year`; None when none is known."""
    known = [
        r.amount_cents
        for r in records["reports"]
        if r.project_id == project_id
        and r.year == year
        and r.month <= through
        and r.amount_cents is not None
    ]
    return sum(known) if known else None


def test_this_years_completed_investment_in_its_two_meanings(make_service, enrich, db_url):
    service = build(make_service, enrich)
    records = orm(service.engine)
    for today in DAYS:
        months = [
            r.month
            for r in records["reports"]
            if r.year == today.year and r.month <= today.month and r.amount_cents is not None
        ]
        n = max(months) if months else None
        with PlainConnection(db_url) as conn:
            assert reported_month(conn, today) == n
            facts = {r["id"]: r["year_cents"] for r in project_rows(conn, today)}
            money = report_money(conn, today.year, n or 0)
            dashboard = {r["id"]: r["year_done_cents"] for r in queries.dashboard_rows(conn, today)}
        for p in records["projects"]:
            schedule = year_sum(records, p.id, today.year, today.month - 1)
            so_far = year_sum(records, p.id, today.year, n or 0)
            assert (None if facts[p.id] is None else int(facts[p.id])) == schedule, p.code
            assert money.get(p.id, {}).get("year_to_date_cents") == so_far, p.code
            assert dashboard[p.id] == so_far, p.code
    assert schedule_months(TODAY) == 10
    arts = next(p.id for p in records["projects"] if p.code == "YH-ARTS")
    # On 28 Nov the three sums part ways: 序时进度 (Jan-Oct), 1–11月累计, and every month.
    readings = {year_sum(records, arts, 2026, m) for m in (10, 11, 12)}
    assert len(readings) == 3


def test_the_whole_days_between_two_dates(make_service, enrich, db_url):
    service = build(make_service, enrich)
    milestones = orm(service.engine)["milestones"]
    for today in DAYS:
        expected = {}
        for m in milestones:
            due = m.forecast or m.baseline
            slipped = None if m.forecast is None or m.baseline is None else m.forecast - m.baseline
            expected[m.id] = (
                None if slipped is None else slipped.days,
                None if due is None else (due - today).days,
                None if due is None else (today - due).days,
            )
        with PlainConnection(db_url) as conn:
            slip = queries.days_between(conn, "m.forecast", "m.baseline")
            left = queries.days_between(conn, queries.DUE, ":today")
            ago = queries.days_between(conn, ":today", queries.DUE)
            rows = conn.rows(
                f"SELECT m.id, {slip} AS slip, {left} AS days_left, {ago} AS ago FROM milestone m",
                {"today": today},
            )
        assert {r["id"]: (r["slip"], r["days_left"], r["ago"]) for r in rows} == expected
    values = {v for triple in expected.values() for v in triple if v is not None}
    assert 2 in values and min(values) < 0 < max(values)
