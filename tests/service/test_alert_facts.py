"""The plain-SQL facts agree with the rules applied to every record read through the ORM,
on SQLite and on PostgreSQL; and `due_items` never misses what falls due (a property test)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from tracker.alerts.facts import load_alerts, project_lights
from tracker.alerts.lights import evaluate
from tracker.alerts.rules import MilestoneFact, ProblemFact, ProjectFact, ProjectRef
from tracker.cli.main import main
from tracker.config.settings_file import AlertThresholds
from tracker.core.dates import Deadline
from tracker.reminders.due import due_items
from tracker.store.model import (
    Change,
    InvestmentPlan,
    InvestmentReport,
    Light,
    Milestone,
    Problem,
    Project,
    StatusUpdate,
)
from tracker.store.read.plainsql import PlainConnection


def orm_facts(engine, today: date):
    """Every fact, computed in Python from every row (the slow, obvious way)."""
    with Session(engine) as s:
        projects = {p.id: p for p in s.exec(select(Project)).all()}
        refs = {i: ProjectRef(p.code, p.name, p.name_en) for i, p in projects.items()}
        changes = s.exec(select(Change).order_by(Change.id)).all()
        milestones = []
        for m in s.exec(select(Milestone)).all():
            if m.done is not None:
                continue
            moves = [
                c
                for c in changes
                if c.record == "milestone"
                and c.record_id == m.id
                and c.field == "forecast"
                and c.old is not None
                and c.new is not None
            ]
            due = m.forecast or m.baseline
            milestones.append(
                MilestoneFact(
                    refs[m.project_id],
                    m.id,
                    m.name,
                    due,
                    (m.forecast_precision if m.forecast else m.baseline_precision) or "day",
                    m.baseline,
                    m.forecast,
                    m.lead_days,
                    m.name_en,
                    len(moves),
                    date.fromisoformat(moves[0].old) if moves else None,
                )
            )
        problems = [
            ProblemFact(refs[q.project_id], q.id, q.description, q.due, q.due_precision or "day")
            for q in s.exec(select(Problem)).all()
            if q.resolved is None
        ]
        reports = s.exec(select(InvestmentReport)).all()
        plans = s.exec(select(InvestmentPlan)).all()
        statuses = s.exec(select(StatusUpdate)).all()
        facts = []
        for pid, p in projects.items():
            mine = [r for r in reports if r.project_id == pid and r.amount_cents is not None]
            year = [r.amount_cents for r in mine if r.year == today.year and r.month < today.month]
            plan = next((x for x in plans if x.project_id == pid and x.year == today.year), None)
            days = [u.reported_on for u in statuses if u.project_id == pid]
            facts.append(
                ProjectFact(
                    refs[pid],
                    pid,
                    p.stage,
                    p.currency,
                    p.baseline_start,
                    p.actual_start,
                    p.total_investment_cents,
                    sum(r.amount_cents for r in mine) if mine else None,
                    None,
                    plan.year if plan else None,
                    plan.id if plan else None,
                    plan.planned_cents if plan else None,
                    sum(year) if year else None,
                    max(days) if days else None,
                )
            )
    return milestones, problems, facts


def enrich(service, today: date) -> None:
    """Trip every rule on top of the demo: moved forecasts, a late start, an overrun, a plan."""
    service.set_forecast("YH-ARTS", "设计方案批复", Deadline.of(date(2027, 2, 28), "month"))
    service.set_forecast("YH-ARTS", "设计方案批复", Deadline.of(date(2027, 5, 31), "month"))
    service.update_project(
        "YH-ARTS", {"baseline_start": date(2026, 6, 30), "baseline_start_precision": "month"}
    )
    service.update_project("YH-HFLS", {"total_investment_cents": 10**11})
    service.set_plan("YH-SPORTS", today.year, 12 * 10**10)
    for month in range(1, today.month):
        service.record_investment("YH-SPORTS", today.year, month, 4 * 10**9)
    service.record_investment("YH-HFLS", 2025, 12, 11 * 10**10)
    service.add_problem("YH-AXIS", "征迁", due=Deadline.of(today - timedelta(days=1), "day"))
    service.override_light("YH-HW-RAIL", Light.AMBER, "验收资料未齐", on=today)


def key(alert):
    return (alert.rule, alert.severity, alert.project, alert.item, alert.evidence, alert.record_id)


def test_sql_facts_agree_with_the_rules(make_service, db_url):
    from tracker.store.demo import load_demo

    service = make_service()
    load_demo(service, date(2026, 11, 28))
    enrich(service, date(2027, 4, 2))
    for today in (date(2026, 11, 28), date(2027, 1, 5), date(2027, 4, 2), date(2027, 9, 30)):
        for limits in (AlertThresholds(), AlertThresholds(due_soon_days=60, slipped_amber_days=0)):
            expected = evaluate(*orm_facts(service.engine, today), today, limits)
            with PlainConnection(db_url) as conn:
                found = load_alerts(conn, today, limits)
            assert [key(a) for a in found] == [key(a) for a in expected], today
    rules = {a.rule for a in found}
    assert rules >= {
        "overdue",
        "slipped",
        "late_start",
        "investment_behind",
        "cost_overrun",
        "stale",
        "problem_overdue",
    }
    with PlainConnection(db_url) as conn:
        lights = project_lights(conn, date(2027, 4, 2))
        arts = load_alerts(conn, date(2027, 4, 2), project="YH-ARTS")
    assert (
        lights["YH-HW-RAIL"].light == "amber" and "验收资料未齐" in lights["YH-HW-RAIL"].reasons[0]
    )
    assert lights["YH-SPORTS"].light == "red" and lights["YH-ROADS"] == ("green", ())
    slipped = next(a for a in arts if a.rule == "slipped")
    assert "moved 2 times, by +120 days in all (2027-01-31 → 2027-05-31)" in slipped.evidence


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offsets=st.lists(st.tuples(st.integers(-400, 400), st.booleans(), st.booleans()), max_size=12),
    within=st.integers(0, 120),
    today=st.dates(date(2026, 1, 1), date(2030, 12, 31)),
)
def test_remind_within_never_misses_what_falls_due(
    make_service, db_url, capsys, offsets, within, today
):
    from sqlalchemy import delete

    service = make_service()
    if "P" not in service.codes():
        service.create_project({"code": "P", "name": "项目", "stage": "in_use"})
    with service.session() as s:
        s.execute(delete(Milestone))
        s.execute(delete(Problem))
    expected = set()
    for n, (offset, done, is_problem) in enumerate(offsets):
        due = Deadline.of(today + timedelta(days=offset), "day")
        if is_problem:
            record = service.add_problem("P", f"问题{n}", due=due)
            if done:
                service.resolve_problem("P", record.id, today)
        else:
            service.add_milestone("P", f"节点{n}", baseline=due, done=due if done else None)
        if not done and offset <= within:
            expected.add((f"问题{n}" if is_problem else f"节点{n}", offset))
    capsys.readouterr()
    argv = ["--db", db_url, "--today", today.isoformat(), "remind", "--within", f"{within}d"]
    assert main([*argv, "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {(i["item"], i["days_left"]) for i in items} == expected
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    with PlainConnection(db_url) as conn:
        assert len(due_items(conn, today, within)) == len(expected)


def test_the_forecast_moves_are_counted_off_the_audit_index_not_the_whole_trail(sqlite_url):
    import sqlite3

    from tracker.alerts.facts import FORECAST_MOVES
    from tracker.store.migrate import upgrade

    upgrade(sqlite_url)
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        plan = " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + FORECAST_MOVES))
    assert "USING INDEX ix_change_record_field (record=? AND field=?)" in plan
