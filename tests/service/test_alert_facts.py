"""The plain-SQL facts agree with the rules applied to every record read through the ORM,
on SQLite and on PostgreSQL; and `due_items` never misses what falls due (a property test)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.alerts.facts import load_alerts, project_lights
from tracker.alerts.lights import evaluate
from tracker.cli.main import main
from tracker.config.settings_file import AlertThresholds
from tracker.core.dates import Deadline
from tracker.reminders.due import due_items
from tracker.store.model import (
    Milestone,
    Problem,
)
from tracker.store.read.plainsql import PlainConnection


def key(alert):
    return (alert.rule, alert.severity, alert.project, alert.item, alert.evidence, alert.record_id)


def test_sql_facts_agree_with_the_rules(
    make_service, db_url, orm_facts, orm_steering_alerts, enrich
):
    from tracker.store.demo import load_demo

    service = make_service()
    load_demo(service, date(2026, 11, 28))
    enrich(service, date(2027, 4, 2))
    for today in (date(2026, 11, 28), date(2027, 1, 5), date(2027, 4, 2), date(2027, 9, 30)):
        for limits in (AlertThresholds(), AlertThresholds(due_soon_days=60, slipped_amber_days=0)):
            expected = sorted(
                evaluate(*orm_facts(service.engine, today), today, limits)
                + orm_steering_alerts(service.engine, today, limits),
                key=lambda a: a.sort_key(),
            )
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
        "approval_overdue",
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
