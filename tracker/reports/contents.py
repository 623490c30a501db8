"""The weekly report as plain data: what the builder fills in and every writer reads.

Amounts are integer minor units (`*_cents`) in the project's currency; shares are exact Decimal
ratios (0.7775, not 77.75 %), rounded only when written. Deadlines keep their precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.core.dates import Deadline

if TYPE_CHECKING:
    from tracker.alerts.programme_rates import ProgrammeRates
    from tracker.reports.steering_week import SteeringWeek

LIGHT_ORDER: tuple[str | None, ...] = ("red", "amber", "green", None)
STAGE_ORDER = ("concept", "design", "construction", "commissioning", "in_use", "closed")
CHANGE_KINDS = (
    "done",
    "forecast_moved",
    "light_changed",
    "problem_opened",
    "problem_resolved",
    "status_update",
    "created",
)
COMING_UP_DAYS = 30


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    """One milestone: its baseline, forecast, done and due day, and days left when open."""

    name: str
    name_en: str | None
    baseline: Deadline | None
    forecast: Deadline | None
    done: Deadline | None
    due: Deadline | None
    days_left: int | None
    slip_days: int | None
    owner: str | None
    illustrative: bool


@dataclass(frozen=True, slots=True)
class ProblemLine:
    """One open problem (存在问题) with its owner and resolution deadline."""

    description: str
    owner: str | None
    due: Deadline | None
    days_left: int | None


@dataclass(frozen=True, slots=True)
class Investment:
    """A project's money: total, this year's plan and completion (1–N月), since start."""

    currency: str
    total_cents: int | None
    plan_cents: int | None
    year_to_date_cents: int | None
    share_of_plan: Decimal | None
    since_start_cents: int | None
    share_of_total: Decimal | None
    funds_in_place_cents: int | None
    months: tuple[int | None, ...]
    progress_target: str | None


@dataclass(frozen=True, slots=True)
class P80:
    """The reality check's P80 (#9): the cost (minor units of the project's currency) and the
    finish day that 80% of the category's past projects stayed within; None = unknown, and
    `*_basis` says why (or cites the reference class)."""

    cost_cents: int | None
    finish: date | None
    cost_basis: str
    finish_basis: str


@dataclass(frozen=True, slots=True)
class ProjectLine:
    """One project as the report shows it."""

    code: str
    name: str
    name_en: str | None
    category: str
    stage: str
    unit: str | None
    officer: str | None
    light: str | None
    light_reasons: tuple[str, ...]
    next_milestone: MilestoneLine | None
    investment: Investment
    p80: P80
    status_on: date | None
    narrative: str | None
    open_problems: tuple[ProblemLine, ...]
    week_milestones: tuple[MilestoneLine, ...]
    """The milestones that matter this week (tracker.reports.week_milestones), in their order."""
    milestones: tuple[MilestoneLine, ...]
    """Every milestone, when the report was built with every_milestone (json, html); else ()."""
    forecast_finish: Deadline | None = None
    """The project's forecast finish: its completion milestone's, unless set by an officer."""


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One change of the week, found in the audit trail; `at` is in the office's time zone."""

    project: str
    project_name: str
    project_name_en: str | None
    kind: str
    item: str | None
    item_en: str | None
    old: str | None
    new: str | None
    at: datetime
    days: int | None = None
    old_precision: str | None = None
    new_precision: str | None = None
    milestones: int | None = None
    """For a project added this week: how many milestones were added with it."""


@dataclass(frozen=True, slots=True)
class DueLine:
    """Something that falls due soon: an open milestone or an open problem."""

    kind: str
    project: str
    project_name: str
    project_name_en: str | None
    item: str
    item_en: str | None
    due: Deadline
    days_left: int


@dataclass(frozen=True, slots=True)
class MoneyTotals:
    """The portfolio's money in one currency (amounts in different currencies never add up).

    Each share is taken over the projects that have its denominator: 占年计划 over projects
    with a plan this year, 占总投资 over projects whose total investment is known. Each total
    counts the projects it covers (`projects_with_*`), so a sum over few is not read as all.
    """

    currency: str
    projects: int
    total_cents: int | None
    projects_with_total: int
    plan_cents: int | None
    year_to_date_cents: int | None
    share_of_plan: Decimal | None
    since_start_cents: int | None
    share_of_total: Decimal | None
    projects_with_plan: int = 0
    projects_with_year_to_date: int = 0
    projects_with_since_start: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """Projects by light and by stage; money by currency; the year's reporting month N; the
    programme's four rates of every project (tracker.alerts.programme_rates)."""

    projects: int
    by_light: tuple[tuple[str | None, int], ...]
    by_stage: tuple[tuple[str, int], ...]
    year: int
    through_month: int | None
    time_elapsed: Decimal | None
    money: tuple[MoneyTotals, ...]
    rates: ProgrammeRates | None = None


@dataclass(frozen=True, slots=True)
class WeekLights:
    """How many projects had each recorded light at the end of one ISO week
    (tracker.reports.light_weeks)."""

    week: str
    by_light: tuple[tuple[str | None, int], ...]
    """(light, projects) in LIGHT_ORDER: red, amber, green, then no light."""


@dataclass(frozen=True, slots=True)
class SlipLine:
    """One milestone's slip at the end of each of the last weeks (tracker.reports.slip_weeks)."""

    name: str
    name_en: str | None
    completion: bool
    """Whether it marks the project's completion."""
    slips: tuple[int | None, ...]
    """Days behind its baseline (negative: ahead), oldest week first; None where the trail holds
    no milestone yet, or no baseline."""


@dataclass(frozen=True, slots=True)
class SlipWeeks:
    """The slip of a project's completion milestone and next open ones, week by week."""

    weeks: tuple[str, ...]
    """The ISO weeks, oldest first (2026-W37 …)."""
    lines: tuple[SlipLine, ...]

    @property
    def known(self) -> bool:
        """Whether any line has a slip in any week (else there is nothing to draw)."""
        return any(days is not None for line in self.lines for days in line.slips)


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    """The whole report for one ISO week, as of one day."""

    week: str
    monday: date
    sunday: date
    as_of: date
    timezone: str
    summary: Summary
    projects: tuple[ProjectLine, ...]
    changes: tuple[ChangeLine, ...]
    coming_up: tuple[DueLine, ...]
    steering: SteeringWeek | None = None
    """The steering section (issue #16), added by `export weekly`; None in the TUI preview."""
    light_weeks: tuple[WeekLights, ...] = ()
    """The portfolio's lights at the end of each of the last 12 weeks up to this one."""
