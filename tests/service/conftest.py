"""The ORM oracle: the answers of the hot reads, worked out the slow, obvious way in Python
from every record read through SQLModel, for the tests that hold the plain SQL to them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from tracker.alerts.rules import MilestoneFact, ProblemFact, ProjectFact, ProjectRef
from tracker.core.dates import Deadline
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


def _orm_facts(engine, today: date):
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


def _enrich(service, today: date) -> None:
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


@pytest.fixture
def orm_facts() -> Callable[..., Any]:
    """`orm_facts(engine, today)`: the milestone, problem and project facts, from the ORM."""
    return _orm_facts


@pytest.fixture
def enrich() -> Callable[..., None]:
    """`enrich(service, today)`: trip every alert rule on top of the demo portfolio."""
    return _enrich
