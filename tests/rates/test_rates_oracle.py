"""The rates' facts in plain SQL (tracker.store.read.rates_reads) agree with the slow, obvious
answer worked out from every record read through the ORM, on SQLite and PostgreSQL: each
project's plan, completed amount and funds in place of months 1 … N, and its programme
membership as of the day, on the demo plus the cases where readings part ways (a month recorded
ahead of time, a month with funds and no amount, a project that left and joined again)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from tracker.store.model import InvestmentPlan, InvestmentReport, Project
from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.rates_reads import rate_facts
from tracker.store.steering_model import ProgrammeMembership

DAYS = (date(2026, 9, 30), date(2026, 11, 28), date(2027, 2, 1), date(2025, 6, 30))


def _known_sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _oracle(engine: Any, year: int, today: date, programme: str | None) -> list[tuple]:
    with Session(engine) as s:
        projects = s.exec(select(Project)).all()
        plans = {
            p.project_id: p.planned_cents for p in s.exec(select(InvestmentPlan)) if p.year == year
        }
        reports = [r for r in s.exec(select(InvestmentReport)) if r.year == year]
        members = s.exec(select(ProgrammeMembership)).all()
    if year < today.year:
        through = 12
    elif year > today.year:
        through = 0
    else:
        months = [r.month for r in reports if r.month <= today.month and r.amount_cents is not None]
        through = max(months, default=0)
    found = []
    for p in sorted(projects, key=lambda p: p.code):
        left = reason = None
        if programme is not None:
            joined = [
                m
                for m in members
                if m.project_id == p.id
                and (m.programme, m.year) == (programme, year)
                and m.joined_on <= today
            ]
            if not joined:
                continue
            latest = max(joined, key=lambda m: m.id or 0)
            if latest.left_on is not None and latest.left_on <= today:
                left, reason = latest.left_on, latest.reason
        mine = [r for r in reports if r.project_id == p.id and r.month <= through]
        found.append(
            (
                p.code,
                plans.get(p.id),
                _known_sum([r.amount_cents for r in mine]),
                _known_sum([r.funds_in_place_cents for r in mine]),
                p.baseline_start,
                p.actual_start,
                p.baseline_finish,
                p.actual_finish,
                left,
                reason,
            )
        )
    return found


def test_the_facts_are_the_orm_s_answer(make_service, db_url):
    from tracker.store.demo import load_demo

    service = make_service()
    load_demo(service, date(2026, 11, 28))
    service.set_plan("YH-ARTS", 2026, 10**10)
    service.record_investment("YH-ARTS", 2026, 3, 10**9)
    service.record_investment("YH-ARTS", 2026, 12, 3 * 10**9)  # recorded ahead of time
    service.record_investment("YH-ROADS", 2026, 4, None, funds_in_place_cents=500)
    service.join_programme("YH-ARTS", "provincial", 2026, on=date(2026, 2, 1))
    service.leave_programme("YH-ARTS", "provincial", 2026, on=date(2026, 10, 1), reason="调出")
    service.join_programme("YH-SPORTS", "provincial", 2026, on=date(2026, 3, 1))
    service.leave_programme("YH-SPORTS", "provincial", 2026, on=date(2026, 5, 1), reason="暂缓")
    service.join_programme("YH-SPORTS", "provincial", 2026, on=date(2026, 8, 1))
    service.join_programme("YH-HFLS", "provincial", 2026, on=date(2026, 12, 1))  # after some days
    for today in DAYS:
        for year in (2025, 2026, 2027):
            for programme in (None, "provincial"):
                with PlainConnection(db_url) as conn:
                    facts = rate_facts(conn, year, today, programme)
                read = [
                    (
                        f.code,
                        f.plan_cents,
                        f.completed_cents,
                        f.funds_cents,
                        f.baseline_start,
                        f.actual_start,
                        f.baseline_finish,
                        f.actual_finish,
                        f.left_on,
                        f.left_reason,
                    )
                    for f in facts
                ]
                assert read == _oracle(service.engine, year, today, programme), (
                    today,
                    year,
                    programme,
                )
