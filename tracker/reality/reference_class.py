"""The portfolio's own reference class: how far past projects' cost and finish moved.

A project belongs to it once it has been recorded at two moments or more (created, then changed,
e.g. by importing a later year of GMPP data; setting its type or overriding its light do not
count). Per category, and for `all`: how many projects; the span of days they were reported on
(status updates; with none, the days of their audit trail); and the 50th and 80th percentiles of
cost growth (latest ÷ first recorded total investment) and of finish slip (latest − first
recorded finish, in days). A class with fewer projects than the minimum (default 5) gives no
figure and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from tracker.reality.history import ProjectHistory
from tracker.reality.percentiles import percentile

ALL = "all"


@dataclass(frozen=True, slots=True)
class Spread:
    """P50 and P80 of one measure over `n` projects; None when `n` is below the minimum."""

    n: int
    p50: Fraction | None
    p80: Fraction | None


@dataclass(frozen=True, slots=True)
class ReferenceClass:
    """One category's reference class (or `all`)."""

    category: str
    n: int
    span: tuple[date, date] | None
    cost_growth: Spread
    finish_slip_days: Spread
    min_projects: int


def decimal_of(value: Fraction, places: int) -> Decimal:
    """An exact fraction as a decimal rounded half up to `places` decimals."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cost_growth(history: ProjectHistory) -> Fraction | None:
    """Latest ÷ first recorded total investment; None when either is unknown or the first is 0."""
    first, latest = history.first_cost_cents, history.latest_cost_cents
    if first is None or latest is None or first <= 0:
        return None
    return Fraction(latest, first)


def finish_slip(history: ProjectHistory) -> int | None:
    """Latest − first recorded finish in days; None when either is unknown."""
    if history.first_finish is None or history.latest_finish is None:
        return None
    return (history.latest_finish - history.first_finish).days


def has_history(history: ProjectHistory) -> bool:
    """Whether the project was recorded at two moments or more."""
    return history.recordings >= 2


def _spread(values: list[Fraction], min_projects: int) -> Spread:
    if len(values) < min_projects:
        return Spread(len(values), None, None)
    return Spread(len(values), percentile(values, 50), percentile(values, 80))


def reference_class(
    category: str, members: list[ProjectHistory], min_projects: int
) -> ReferenceClass:
    """The reference class of these projects (all of them already in `category`)."""
    growths = [g for g in map(cost_growth, members) if g is not None]
    slips = [Fraction(s) for s in map(finish_slip, members) if s is not None]
    return ReferenceClass(
        category=category,
        n=len(members),
        span=_span(members),
        cost_growth=_spread(growths, min_projects),
        finish_slip_days=_spread(slips, min_projects),
        min_projects=min_projects,
    )


def _span(members: list[ProjectHistory]) -> tuple[date, date] | None:
    """The days the members were reported on (status updates), else their audit-trail days."""
    for first, last in (("first_reported", "last_reported"), ("first_recorded", "last_recorded")):
        starts = [getattr(m, first) for m in members if getattr(m, first) is not None]
        ends = [getattr(m, last) for m in members if getattr(m, last) is not None]
        if starts and ends:
            return min(starts), max(ends)
    return None


def reference_classes(
    histories: Iterable[ProjectHistory], min_projects: int
) -> dict[str, ReferenceClass]:
    """Every category's reference class, by category name, and `all` last."""
    members = [h for h in histories if has_history(h)]
    categories = sorted({m.category for m in members})
    classes = {
        c: reference_class(c, [m for m in members if m.category == c], min_projects)
        for c in categories
    }
    classes[ALL] = reference_class(ALL, members, min_projects)
    return classes
