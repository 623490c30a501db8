"""Deterministic synthetic portfolios for the benchmark: same seed and size, same portfolio.

A portfolio is plain data (lists of dicts keyed by the model's column names, money in integer
cents, deadlines as a date plus its precision), so that only the step that writes it into a
database (loaders.py) depends on the import format. Each project has 20 milestones spread over
2024–2030, about 30% of them done; annual plans, this year's monthly investment reports, status
updates and problems. `revisions` are later forecast moves, written by a second import so that
the audit trail holds some history.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

SEED = 20261128
TODAY = date(2026, 11, 28)
MILESTONES_PER_PROJECT = 20
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2030, 12, 31)
PLAN_YEARS = (2025, 2026, 2027)

STEPS = (
    ("立项批复", "Project approval"),
    ("可研批复", "Feasibility study approved"),
    ("用地预审", "Land use pre-approval"),
    ("初步设计批复", "Preliminary design approved"),
    ("施工图审查", "Construction drawings reviewed"),
    ("施工招标", "Construction tender"),
    ("施工许可", "Construction permit"),
    ("开工", "Start of construction"),
    ("桩基完成", "Piling complete"),
    ("基础完成", "Foundations complete"),
    ("主体结构过半", "Main structure half done"),
    ("主体结顶", "Main structure topped out"),
    ("幕墙完成", "Curtain wall complete"),
    ("机电安装完成", "M&E installation complete"),
    ("装饰装修完成", "Fit-out complete"),
    ("室外工程完成", "External works complete"),
    ("竣工", "Completion"),
    ("消防验收", "Fire safety acceptance"),
    ("竣工验收", "Completion acceptance"),
    ("投入使用", "Put into use"),
)
CATEGORIES = ("sports", "culture", "health", "education", "transport", "science", "urban")
STAGES = ("concept", "design", "construction", "construction", "construction", "commissioning")
UNITS = ("区发改局", "区建设局", "区交通局", "区教育局", "区卫健局", "区文旅局", "城投集团")
OFFICERS = ("王明", "李华", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽")
LIGHTS = ("green", "green", "green", "amber", "red")


@dataclass
class Portfolio:
    """Every record of one synthetic portfolio, grouped by table."""

    size: int
    seed: int
    today: date
    projects: list[dict[str, Any]] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)

    def open_due(self) -> list[tuple[str, str, date]]:
        """(project code, milestone name, due day) of every milestone not done, once the
        revisions have moved their forecasts."""
        moved = {(r["project"], r["name"]): r["forecast"] for r in self.revisions}
        result = []
        for m in self.milestones:
            if m["done"] is None:
                key = (m["project"], m["name"])
                result.append((*key, moved.get(key) or m["forecast"] or m["baseline"]))
        return result


def generate(size: int, seed: int = SEED, today: date = TODAY) -> Portfolio:
    """A portfolio of `size` projects; the same arguments always give the same portfolio."""
    rng = random.Random(f"{seed}:{size}")
    portfolio = Portfolio(size=size, seed=seed, today=today)
    for index in range(size):
        code = f"BX-{index + 1:06d}"
        portfolio.projects.append(_project(rng, code, index))
        portfolio.milestones.extend(_milestones(rng, code, today))
        portfolio.plans.extend(_plans(rng, code, portfolio.projects[-1]))
        portfolio.reports.extend(_reports(rng, code, today))
        portfolio.statuses.extend(_statuses(rng, code, today))
        portfolio.problems.extend(_problems(rng, code, today))
    portfolio.revisions = _revisions(rng, portfolio)
    return portfolio


def _project(rng: random.Random, code: str, index: int) -> dict[str, Any]:
    category = rng.choice(CATEGORIES)
    return {
        "code": code,
        "name": f"基准项目{index + 1}号（{category}）",
        "name_en": f"Benchmark project {index + 1} ({category})",
        "category": category,
        "stage": rng.choice(STAGES),
        "unit": rng.choice(UNITS),
        "officer": rng.choice(OFFICERS),
        "location": f"第{rng.randint(1, 12)}街道",
        "total_investment_cents": rng.randint(5_000, 500_000) * 1_000_000,
        "currency": "CNY",
    }


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _within(day: date) -> date:
    return min(max(day, FIRST_DAY), LAST_DAY)


def _milestones(rng: random.Random, code: str, today: date) -> list[dict[str, Any]]:
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(rng.randrange(span) for _ in range(MILESTONES_PER_PROJECT))
    result = []
    for position, ((name, name_en), offset) in enumerate(zip(STEPS, days, strict=True)):
        baseline = FIRST_DAY + timedelta(days=offset)
        precision = "month" if rng.random() < 0.25 else "day"
        if precision == "month":
            baseline = _month_end(baseline)
        forecast = None
        if rng.random() < 0.4:
            forecast = _within(baseline + timedelta(days=rng.randint(-10, 120)))
        due = forecast or baseline
        done = None
        if due < today and rng.random() < 0.75:
            done = min(_within(due + timedelta(days=rng.randint(-20, 20))), today)
        result.append(
            {
                "project": code,
                "name": name,
                "name_en": name_en,
                "position": position,
                "baseline": baseline,
                "baseline_precision": precision,
                "forecast": forecast,
                "forecast_precision": None if forecast is None else "day",
                "done": done,
                "done_precision": None if done is None else "day",
                "owner": rng.choice(OFFICERS),
                "lead_days": rng.choice((None, None, None, 7, 30)),
            }
        )
    return result


def _plans(rng: random.Random, code: str, project: dict[str, Any]) -> list[dict[str, Any]]:
    total = project["total_investment_cents"]
    return [
        {"project": code, "year": year, "planned_cents": total // rng.randint(4, 10) // 100 * 100}
        for year in PLAN_YEARS
    ]


def _reports(rng: random.Random, code: str, today: date) -> list[dict[str, Any]]:
    last_month = today.month - 1 if today.year == PLAN_YEARS[1] else 12
    return [
        {
            "project": code,
            "year": today.year,
            "month": month,
            "amount_cents": rng.randint(0, 3_000) * 1_000_000,
            "funds_in_place_cents": rng.randint(0, 3_000) * 1_000_000,
        }
        for month in range(1, last_month + 1)
    ]


def _statuses(rng: random.Random, code: str, today: date) -> list[dict[str, Any]]:
    latest = today - timedelta(days=rng.choice((1, 3, 5, 6, 9, 15, 30)))
    return [
        {
            "project": code,
            "reported_on": latest - timedelta(weeks=weeks),
            "light": rng.choice(LIGHTS),
            "narrative": f"第{weeks + 1}次周报：按计划推进，形象进度约{rng.randint(5, 95)}%",
        }
        for weeks in range(3)
    ]


def _problems(rng: random.Random, code: str, today: date) -> list[dict[str, Any]]:
    result = []
    for number in range(rng.choice((0, 0, 0, 1, 1, 2))):
        due = today + timedelta(days=rng.randint(-60, 90))
        resolved = due - timedelta(days=3) if rng.random() < 0.3 and due < today else None
        result.append(
            {
                "project": code,
                "description": f"问题{number + 1}：征迁进度滞后，需协调",
                "owner": rng.choice(UNITS),
                "due": due,
                "due_precision": "day",
                "resolved": resolved,
            }
        )
    return result


def _revisions(rng: random.Random, portfolio: Portfolio) -> list[dict[str, Any]]:
    """Forecast moves on about 5% of projects' open milestones (the audit history)."""
    open_milestones = [m for m in portfolio.milestones if m["done"] is None]
    count = min(len(open_milestones), max(1, portfolio.size // 20))
    moves = []
    for milestone in rng.sample(open_milestones, count):
        due = milestone["forecast"] or milestone["baseline"]
        moves.append(
            {
                "project": milestone["project"],
                "name": milestone["name"],
                "forecast": min(due + timedelta(days=rng.randint(15, 90)), LAST_DAY),
            }
        )
    return moves
