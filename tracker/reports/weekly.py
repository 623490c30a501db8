"""Build the weekly status report once, from plain-SQL reads; the writers only format it.

The snapshot (lights, next milestones, money, problems, what is coming up) is the database as it
stands, counted from the as-of day (`--today`). The changes are those the audit trail recorded
during the ISO week, Monday 00:00 to Sunday 24:00 in the office's time zone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import Any

from tracker.alerts.facts import project_lights
from tracker.alerts.lights import ProjectLight
from tracker.alerts.programme_rates import ProgrammeRates
from tracker.config.office_time import start_of
from tracker.config.settings_file import AlertThresholds
from tracker.core.dates import DateInputError, Deadline, Precision, iso_week_of, parse_iso_week
from tracker.core.days import slip_days
from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_, Said, tr
from tracker.reality.forecast import P80Figures, project_p80s
from tracker.reality.reality_settings import RealitySettings
from tracker.reports.contents import (
    COMING_UP_DAYS,
    LIGHT_ORDER,
    P80,
    STAGE_ORDER,
    DueLine,
    Investment,
    MilestoneLine,
    MoneyTotals,
    ProblemLine,
    ProjectLine,
    Summary,
    WeeklyReport,
)
from tracker.reports.light_weeks import portfolio_light_weeks
from tracker.reports.money_rows import report_money
from tracker.reports.project_rows import report_projects
from tracker.reports.week_changes import week_changes
from tracker.reports.week_milestones import week_milestones
from tracker.store.read import queries
from tracker.store.read.plainsql import PlainConnection
from tracker.store.read.year_completed import reported_month
from tracker.views.rates_view import read_rates

Progress = Callable[[int, int], None]
_NOTHING_REPORTED: dict[str, Any] = dict.fromkeys(
    ["year_to_date_cents", "funds_in_place_cents", "since_start_cents"]
    + [f"m{m}" for m in range(1, 13)]
)
_WEEK_TEXT = re.compile(r"\s*(\d{4})-?[wW](\d{1,2})\s*")


def resolve_week(text: str | None, today: date) -> tuple[str, date]:
    """The ISO week named by `--week` (default: the week holding `today`) and its Monday."""
    if text is None:
        text = iso_week_of(today)
    try:
        monday, _sunday = parse_iso_week(text)
    except DateInputError as error:
        match = _WEEK_TEXT.fullmatch(text)
        if match and 1900 <= int(match[1]) <= 2199:
            year = int(match[1])
            weeks = date(year, 12, 28).isocalendar().week
            expected = N_("an ISO week such as 2026-W48 ({year} has weeks 01–{weeks})")
            raise InputError("--week", text, expected, year=year, weeks=weeks) from None
        problem = Said(error.problem_id, **error.values)
        expected = N_("an ISO week such as 2026-W48 ({value!r} {problem})")
        raise InputError("--week", text, expected, value=text, problem=problem) from None
    return iso_week_of(monday), monday


def build_weekly(
    conn: PlainConnection,
    monday: date,
    today: date,
    lang: str,
    tz: tzinfo,
    progress: Progress | None = None,
    thresholds: AlertThresholds | None = None,
    reality: RealitySettings | None = None,
    every_milestone: bool = True,
    rate_targets: tuple[tuple[int, int, int], ...] | None = None,
) -> WeeklyReport:
    """The report for the ISO week starting on `monday`, as of `today`; `lang` words the light
    reasons; `tz` is the office's time zone, which places audit entries in weeks. Lights are the
    alert rules' (tracker.alerts.facts), under `thresholds`; the P80 cost and finish are the
    reality check's (tracker.reality.forecast), under `reality`. Each project carries the
    milestones that matter this week, and every milestone only with `every_milestone` (the json
    and html writers need them; the others need not read the whole portfolio's). The summary
    carries the programme's four rates of every project, the start rate against
    `rate_targets` (settings `[rates] start_targets`; the province's curve by default)."""
    start = start_of(monday, tz)
    end = start_of(monday + timedelta(days=7), tz)
    rows = report_projects(conn)
    lights = project_lights(conn, today, thresholds, lang=lang)
    p80s = project_p80s(conn, reality)
    this_week, every = _milestone_lines(conn, today, start, end, every_milestone)
    problems = queries.all_problems(conn)
    open_problems = _by_project(p for p in problems if p["resolved"] is None)
    year = today.year
    through = reported_month(conn, today)
    money = _investments(conn, rows, year, through)
    lines: list[ProjectLine] = []
    for done, row in enumerate(rows, 1):
        lines.append(
            _project_line(
                row,
                this_week.get(row["id"], []),
                every.get(row["id"], []),
                [_problem_line(p, today) for p in open_problems.get(row["id"], [])],
                money.get(row["id"]) or _no_money(row),
                lights.get(row["code"]),
                _p80(p80s.get(row["code"]), lang),
            )
        )
        if progress is not None:
            progress(done, len(rows))
    lines.sort(key=lambda p: (LIGHT_ORDER.index(p.light), p.code))
    return WeeklyReport(
        week=iso_week_of(monday),
        monday=monday,
        sunday=monday + timedelta(days=6),
        as_of=today,
        timezone=str(tz),
        summary=_summary(lines, year, through, read_rates(conn, year, today, None, rate_targets)),
        projects=tuple(lines),
        changes=week_changes(conn, start, end, rows, problems),
        coming_up=_coming_up(lines),
        light_weeks=portfolio_light_weeks(conn, rows, min(monday + timedelta(days=6), today), tz),
    )


def _milestone_lines(
    conn: PlainConnection, today: date, start: datetime, end: datetime, every_milestone: bool
) -> tuple[dict[int, list[MilestoneLine]], dict[int, list[MilestoneLine]]]:
    """By project: the milestones that matter this week, and every milestone (or none)."""
    if not every_milestone:
        return _lines_by_project(week_milestones(conn, today, start, end), today), {}
    every = queries.all_milestones(conn)
    lines = {row["id"]: _milestone_line(row, today) for row in every}
    picked = {row["id"] for row in week_milestones(conn, today, start, end)}
    this_week: dict[int, list[MilestoneLine]] = defaultdict(list)
    everything: dict[int, list[MilestoneLine]] = defaultdict(list)
    for row in every:
        everything[row["project_id"]].append(lines[row["id"]])
        if row["id"] in picked:
            this_week[row["project_id"]].append(lines[row["id"]])
    return this_week, everything


def _lines_by_project(rows: list[dict[str, Any]], today: date) -> dict[int, list[MilestoneLine]]:
    grouped: dict[int, list[MilestoneLine]] = defaultdict(list)
    for row in rows:
        grouped[row["project_id"]].append(_milestone_line(row, today))
    return grouped


def _by_project(rows: Iterable[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["project_id"]].append(row)
    return grouped


def deadline(day: date | None, precision: str | None) -> Deadline | None:
    """A stored day and precision as a Deadline (a day when the precision is missing)."""
    return None if day is None else _deadline(day, precision or "day")


@lru_cache(maxsize=65536)
def _deadline(day: date, precision: str) -> Deadline:
    # Many milestones share a month's or a quarter's end: build each deadline once.
    return Deadline(day, Precision(precision))


def _milestone_line(row: dict[str, Any], today: date) -> MilestoneLine:
    due: date | None = row["due"]
    baseline, forecast = row["baseline"], row["forecast"]
    return MilestoneLine(
        name=row["name"],
        name_en=row["name_en"],
        baseline=deadline(baseline, row["baseline_precision"]),
        forecast=deadline(forecast, row["forecast_precision"]),
        done=deadline(row["done"], row["done_precision"]),
        due=deadline(due, row["due_precision"]),
        days_left=None if due is None or row["done"] else (due - today).days,
        slip_days=slip_days(baseline, forecast, row["done"], row["baseline_precision"]),
        owner=row["owner"],
        illustrative=bool(row["illustrative"]),
    )


def _problem_line(row: dict[str, Any], today: date) -> ProblemLine:
    due: date | None = row["due"]
    return ProblemLine(
        description=row["description"],
        owner=row["owner"],
        due=deadline(due, row["due_precision"]),
        days_left=None if due is None else (due - today).days,
    )


def _next_milestone(milestones: list[MilestoneLine]) -> MilestoneLine | None:
    open_ones = [(m.days_left, i) for i, m in enumerate(milestones) if m.days_left is not None]
    return milestones[min(open_ones)[1]] if open_ones else None


def _project_line(
    row: dict[str, Any],
    this_week: list[MilestoneLine],
    milestones: list[MilestoneLine],
    problems: list[ProblemLine],
    investment: Investment,
    light: ProjectLight | None,
    p80: P80,
) -> ProjectLine:
    problems.sort(key=lambda p: (p.due is None, p.due.due if p.due else date.min))
    return ProjectLine(
        code=row["code"],
        name=row["name"],
        name_en=row["name_en"],
        category=row["category"],
        stage=row["stage"],
        unit=row["unit"],
        officer=row["officer"],
        light=None if light is None else light.light,
        light_reasons=() if light is None else light.reasons,
        next_milestone=_next_milestone(this_week),
        investment=investment,
        p80=p80,
        status_on=row["status_on"],
        narrative=row["status_narrative"],
        open_problems=tuple(problems),
        week_milestones=tuple(this_week),
        milestones=tuple(milestones),
        forecast_finish=deadline(row["forecast_finish"], row["forecast_finish_precision"]),
    )


def _p80(figures: P80Figures | None, lang: str) -> P80:
    if figures is None:  # a project added between the two reads
        missing = tr(lang, "not in the reality check")
        return P80(None, None, missing, missing)
    cost, finish = figures.cost_basis.text(lang), figures.finish_basis.text(lang)
    return P80(figures.cost_cents, figures.finish, cost, finish)


def ratio(part: int | None, whole: int | None) -> Decimal | None:
    """part / whole as an exact Decimal, or None when either is unknown or whole is not > 0."""
    if part is None or whole is None or whole <= 0:
        return None
    return Decimal(part) / Decimal(whole)


def _known_sum(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _no_money(row: dict[str, Any]) -> Investment:
    return Investment(
        currency=row["currency"] or "CNY",
        total_cents=row["total_investment_cents"],
        plan_cents=None,
        year_to_date_cents=None,
        share_of_plan=None,
        since_start_cents=None,
        share_of_total=None,
        funds_in_place_cents=None,
        months=(None,) * 12,
        progress_target=None,
    )


def _investments(
    conn: PlainConnection, rows: list[dict[str, Any]], year: int, through: int | None
) -> dict[int, Investment]:
    plans = {r["project_id"]: r for r in queries.annual_plans(conn, year)}
    money = report_money(conn, year, through or 0)
    result: dict[int, Investment] = {}
    for row in rows:
        pid = row["id"]
        plan = plans.get(pid, {})
        reported = money.get(pid, _NOTHING_REPORTED)
        planned, ytd = plan.get("planned_cents"), reported["year_to_date_cents"]
        total, since_start = row["total_investment_cents"], reported["since_start_cents"]
        result[pid] = Investment(
            currency=row["currency"] or "CNY",
            total_cents=total,
            plan_cents=planned,
            year_to_date_cents=ytd,
            share_of_plan=ratio(ytd, planned),
            since_start_cents=since_start,
            share_of_total=ratio(since_start, total),
            funds_in_place_cents=reported["funds_in_place_cents"],
            months=tuple(reported[f"m{m}"] for m in range(1, 13)),
            progress_target=plan.get("progress_target"),
        )
    return result


def _money_totals(currency: str, projects: list[ProjectLine]) -> MoneyTotals:
    money = [p.investment for p in projects]
    with_plan = [m for m in money if m.plan_cents]
    with_total = [m for m in money if m.total_cents]
    return MoneyTotals(
        currency=currency,
        projects=len(projects),
        total_cents=_known_sum(m.total_cents for m in money),
        projects_with_total=sum(1 for m in money if m.total_cents is not None),
        plan_cents=_known_sum(m.plan_cents for m in money),
        year_to_date_cents=_known_sum(m.year_to_date_cents for m in money),
        share_of_plan=ratio(
            sum(m.year_to_date_cents or 0 for m in with_plan),
            sum(m.plan_cents or 0 for m in with_plan) if with_plan else None,
        ),
        since_start_cents=_known_sum(m.since_start_cents for m in money),
        share_of_total=ratio(
            sum(m.since_start_cents or 0 for m in with_total),
            sum(m.total_cents or 0 for m in with_total) if with_total else None,
        ),
        projects_with_plan=sum(1 for m in money if m.plan_cents is not None),
        projects_with_year_to_date=sum(1 for m in money if m.year_to_date_cents is not None),
        projects_with_since_start=sum(1 for m in money if m.since_start_cents is not None),
    )


def _summary(
    projects: list[ProjectLine], year: int, through: int | None, rates: ProgrammeRates
) -> Summary:
    by_currency: dict[str, list[ProjectLine]] = defaultdict(list)
    for p in projects:
        by_currency[p.investment.currency].append(p)
    currencies = sorted(by_currency, key=lambda c: (c != "CNY", c))
    stages = [s for s in STAGE_ORDER if any(p.stage == s for p in projects)]
    stages += sorted({p.stage for p in projects} - set(STAGE_ORDER))
    return Summary(
        projects=len(projects),
        by_light=tuple(
            (light, count)
            for light in LIGHT_ORDER
            if (count := sum(p.light == light for p in projects)) or light is not None
        ),
        by_stage=tuple((s, sum(p.stage == s for p in projects)) for s in stages),
        year=year,
        through_month=through,
        time_elapsed=None if through is None else Decimal(through) / Decimal(12),
        money=tuple(_money_totals(c, by_currency[c]) for c in currencies),
        rates=rates,
    )


def _coming_up(projects: list[ProjectLine]) -> tuple[DueLine, ...]:
    """Open milestones and problems falling due from today to 30 days on, soonest first (as
    `tracker remind` finds them; the overdue are in the projects' lights instead). The milestones
    are among those that matter this week, which hold every one due within 90 days."""
    lines = [
        DueLine(
            kind="milestone",
            project=p.code,
            project_name=p.name,
            project_name_en=p.name_en,
            item=m.name,
            item_en=m.name_en,
            due=m.due,
            days_left=m.days_left,
        )
        for p in projects
        for m in p.week_milestones
        if m.due is not None and m.days_left is not None and 0 <= m.days_left <= COMING_UP_DAYS
    ]
    lines += [
        DueLine(
            kind="problem",
            project=p.code,
            project_name=p.name,
            project_name_en=p.name_en,
            item=q.description,
            item_en=None,
            due=q.due,
            days_left=q.days_left,
        )
        for p in projects
        for q in p.open_problems
        if q.due is not None and q.days_left is not None and 0 <= q.days_left <= COMING_UP_DAYS
    ]
    lines.sort(key=lambda d: (d.due.due, d.kind != "milestone", d.project, d.item))
    return tuple(lines)
