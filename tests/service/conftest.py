"""The ORM oracle: the answers of the hot reads, worked out the slow, obvious way in Python
from every record read through SQLModel, for the tests that hold the plain SQL to them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from tracker.alerts.approval_rules import ApprovalFact, StartFact, overdue_alert, start_alert
from tracker.alerts.enrolment import EnrolmentFact, enrolment_alert
from tracker.alerts.rules import Alert, MilestoneFact, ProblemFact, ProjectFact, ProjectRef
from tracker.config.settings_file import AlertThresholds
from tracker.core.dates import Deadline
from tracker.store.approval_model import ApprovalItem
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
from tracker.store.steering_model import EnrolmentEvidence


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


def _orm_steering_alerts(engine, today: date, limits: AlertThresholds) -> list[Alert]:
    """The approval (前期手续) and enrolment (入库纳统) alerts, from every row read through
    the ORM and filtered in Python."""
    late = today - timedelta(days=limits.approval_amber_days)
    window = today + timedelta(days=limits.approval_window_days)
    alerts: list[Alert] = []
    with Session(engine) as s:
        projects = sorted(s.exec(select(Project)).all(), key=lambda p: p.code)
        items = s.exec(select(ApprovalItem)).all()
        evidence = s.exec(select(EnrolmentEvidence)).all()
    for p in projects:
        ref = ProjectRef(p.code, p.name, p.name_en)
        open_items = sorted(
            (a for a in items if a.project_id == p.id and a.approved is None),
            key=lambda a: a.position,
        )
        for a in open_items:
            if a.planned is not None and a.planned < late:
                fact = ApprovalFact(
                    ref, a.id, a.name, a.name_en, a.department, a.planned,
                    a.planned_precision or "day", a.submitted,
                )  # fmt: skip
                alerts.append(overdue_alert(fact, today, limits, "en"))
    for p in projects:
        open_items = sorted(
            (a for a in items if a.project_id == p.id and a.approved is None),
            key=lambda a: a.position,
        )
        starting = p.baseline_start is not None and p.baseline_start <= window
        if open_items and p.actual_start is None and starting:
            start = StartFact(
                ProjectRef(p.code, p.name, p.name_en), p.id, p.baseline_start,
                p.baseline_start_precision or "day", tuple(a.name for a in open_items),
            )  # fmt: skip
            alerts.append(start_alert(start, today, limits, "en"))
    for p in projects:
        started = p.actual_start is not None and p.actual_finish is None
        if started and p.enrolled_on is None and p.stage not in ("in_use", "closed"):
            done = frozenset(e.item for e in evidence if e.project_id == p.id and e.done_on)
            fact = EnrolmentFact(ProjectRef(p.code, p.name, p.name_en), p.id, p.actual_start, done)
            found = enrolment_alert(fact, today, limits, "en")
            alerts.extend([found] if found else [])
    return alerts


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
def orm_steering_alerts() -> Callable[..., list[Alert]]:
    """`orm_steering_alerts(engine, today, limits)`: the approval and enrolment alerts, from
    the ORM."""
    return _orm_steering_alerts


@pytest.fixture
def enrich() -> Callable[..., None]:
    """`enrich(service, today)`: trip every alert rule on top of the demo portfolio."""
    return _enrich
