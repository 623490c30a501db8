"""The programme's four rates (issue #17) at today's date, each with the projects behind it.

- 开工率 start rate: the projects planned to start in the year (baseline start in it) that have
  started by today, over those planned. One that started before the year is a continuing
  project, not a new start; one in the new-start library (新开工) without a planned start day
  cannot be placed in a year: both are listed as not counted.
- 投资完成率 investment completion: the completed investment of months 1 … N (1–N月累计) over
  the annual plan, over the projects with a plan for the year (as the weekly report's 占年计划:
  a project with a plan and no report adds nothing completed).
- 资金到位率 funds in place: the funds in place of months 1 … N over the annual plan, over the
  projects with a plan that reported funds in place (`tracker invest … --funds`); a project
  that did not is not counted (its funds are unknown, not 0); none reported: the rate is `—`.
- 按期竣工率 on-time completion: the projects due to finish in the year (baseline finish in
  it) that finished by their due day, over those due by today (and those already finished).
  A project due later in the year and not finished is not due yet.

With a programme, a project that left it (by today) is listed as not counted wherever it would
have counted. Money is added in one currency (the one most projects with a plan use); a
project in another is not counted. The province's start-rate targets (「千项万亿」: 30 % by the
end of Q1, 60 % Q2, 85 % Q3, 100 % by the end of October) are settings `[rates]
start_targets` (tracker.config.settings_file); the target at today is the next checkpoint on
or after today (the last once all have passed), and the gap is that target less the start
rate, in points.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.config.settings_file import DEFAULT_START_TARGETS
from tracker.i18n.catalogue import N_, tr
from tracker.i18n.glossary import deadline_label

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tracker.store.read.rates_reads import RateFact

RATES = ("start_rate", "investment_rate", "funds_rate", "on_time_rate")
"""开工率, 投资完成率, 资金到位率, 按期竣工率 (labels under these keys)."""


class Counted(NamedTuple):
    """One project behind a rate: why it counts (or not), with its day and amounts."""

    code: str
    name: str
    name_en: str | None
    why: str
    day: date | None = None
    cents: int | None = None
    plan_cents: int | None = None
    note: str | None = None


class Rate(NamedTuple):
    """One rate: its value (an exact ratio; None when unknown), the projects of its numerator,
    of its denominator (which holds the numerator's) and those not counted, with why."""

    key: str
    value: Decimal | None
    numerator: tuple[Counted, ...]
    denominator: tuple[Counted, ...]
    excluded: tuple[Counted, ...]
    numerator_cents: int | None = None
    denominator_cents: int | None = None
    currency: str | None = None


class Checkpoint(NamedTuple):
    """A day of the target curve, the target (percent) and the start rate then (None: later)."""

    by: date
    target: int
    rate: Decimal | None


class ProgrammeRates(NamedTuple):
    """The four rates as of one day, the start rate's target and gap (points), the curve."""

    as_of: date
    year: int
    programme: str | None
    rates: tuple[Rate, ...]
    target: Checkpoint
    gap_points: Decimal | None
    curve: tuple[Checkpoint, ...]

    def rate(self, key: str) -> Rate:
        """The rate named `key` (one of RATES)."""
        return next(r for r in self.rates if r.key == key)


def _counted(fact: RateFact, why: str, **figures: Any) -> Counted:
    return Counted(fact.code, fact.name, fact.name_en, why, **figures)


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    return None if denominator == 0 else Decimal(numerator) / Decimal(denominator)


def _rate(key: str, placed: Iterable[tuple[str, Counted]], **money: Any) -> Rate:
    """A rate from its projects placed in "numerator", "denominator" (only) or "excluded"."""
    rows = list(placed)
    numerator = tuple(c for where, c in rows if where == "numerator")
    denominator = tuple(c for where, c in rows if where in ("numerator", "denominator"))
    excluded = tuple(c for where, c in rows if where == "excluded")
    if "numerator_cents" in money:
        value = (
            None
            if not numerator
            else _ratio(money["numerator_cents"] or 0, money["denominator_cents"] or 0)
        )
    else:
        value = _ratio(len(numerator), len(denominator))
    return Rate(key, value, numerator, denominator, excluded, **money)


def _left(fact: RateFact, where: str, counted: Counted) -> tuple[str, Counted]:
    """A project that left the programme is not counted where it would have been."""
    if fact.left_on is None or where == "excluded":
        return where, counted
    return "excluded", counted._replace(
        why="left_programme", day=fact.left_on, note=fact.left_reason
    )


def _start(fact: RateFact, year: int, today: date) -> tuple[str, Counted] | None:
    planned, started = fact.baseline_start, fact.actual_start
    if planned is None:
        if fact.library == "new_start":
            return "excluded", _counted(fact, "no_planned_start")
        return None
    if planned.year != year:
        return None
    if started is not None and started.year < year:
        return "excluded", _counted(fact, "started_before_year", day=started)
    if started is not None and started <= today:
        return "numerator", _counted(fact, "started", day=started)
    return "denominator", _counted(fact, "not_started", day=planned)


def _money(
    fact: RateFact, cents: int | None, currency: str, unreported: tuple[str, str]
) -> tuple[str, Counted] | None:
    """Where a project's figure (`cents`: completed, or funds in place) puts it in a money rate
    over its annual plan; `unreported` is where and why a plan with no figure goes."""
    if not fact.plan_cents:
        if cents:
            return "excluded", _counted(fact, "no_plan", cents=cents)
        return None
    figures = {"cents": cents, "plan_cents": fact.plan_cents}
    if fact.currency != currency:
        return "excluded", _counted(fact, "other_currency", note=fact.currency, **figures)
    if cents is None:
        return unreported[0], _counted(fact, unreported[1], **figures)
    return "numerator", _counted(fact, "reported", **figures)


def _investment(fact: RateFact, currency: str) -> tuple[str, Counted] | None:
    # Nothing completed yet counts as nothing against the plan, as the weekly report's 占年计划.
    return _money(fact, fact.completed_cents, currency, ("denominator", "nothing_reported"))


def _funds(fact: RateFact, currency: str) -> tuple[str, Counted] | None:
    # Funds never reported are unknown, not 0: the project is left out of the rate.
    return _money(fact, fact.funds_cents, currency, ("excluded", "funds_not_reported"))


def _on_time(fact: RateFact, year: int, today: date) -> tuple[str, Counted] | None:
    due, finished = fact.baseline_finish, fact.actual_finish
    if finished is not None and finished > today:
        finished = None
    if due is None:
        if finished is not None and finished.year == year:
            return "excluded", _counted(fact, "no_planned_finish", day=finished)
        return None
    if due.year != year:
        return None
    if finished is not None and finished <= due:
        return "numerator", _counted(fact, "on_time", day=finished)
    if finished is not None:
        return "denominator", _counted(fact, "late", day=finished)
    if due <= today:
        return "denominator", _counted(fact, "not_finished", day=due)
    return "excluded", _counted(fact, "not_yet_due", day=due)


def _main_currency(facts: list[RateFact]) -> str:
    counts = Counter(f.currency for f in facts if f.plan_cents)
    if not counts:
        return "CNY"
    return min(counts, key=lambda c: (-counts[c], c != "CNY", c))


def _placed(facts: list[RateFact], classify: Any) -> list[tuple[str, Counted]]:
    placed = []
    for fact in facts:
        found = classify(fact)
        if found is not None:
            placed.append(_left(fact, *found))
    return placed


def _money_rate(key: str, placed: list[tuple[str, Counted]], currency: str) -> Rate:
    counted = [c for where, c in placed if where in ("numerator", "denominator")]
    return _rate(
        key,
        placed,
        numerator_cents=sum(c.cents or 0 for c in counted) if counted else None,
        denominator_cents=sum(c.plan_cents or 0 for c in counted) if counted else None,
        currency=currency,
    )


def points(share: Decimal | None) -> Decimal | None:
    """A ratio as percentage points with one decimal, rounded half up (0.75 -> 75.0)."""
    if share is None:
        return None
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def programme_rates(
    facts: list[RateFact],
    year: int,
    today: date,
    programme: str | None = None,
    targets: tuple[tuple[int, int, int], ...] = DEFAULT_START_TARGETS,
) -> ProgrammeRates:
    """The four rates of `year` as of `today` over `facts` (tracker.store.read.rates_reads),
    with the start rate's target curve `targets` ((month, day, percent), rising)."""
    currency = _main_currency(facts)
    start = _rate("start_rate", _placed(facts, lambda f: _start(f, year, today)))
    rates = (
        start,
        _money_rate(
            "investment_rate", _placed(facts, lambda f: _investment(f, currency)), currency
        ),
        _money_rate("funds_rate", _placed(facts, lambda f: _funds(f, currency)), currency),
        _rate("on_time_rate", _placed(facts, lambda f: _on_time(f, year, today))),
    )
    curve = tuple(
        Checkpoint(by, percent, _start_rate_on(start, by) if by <= today else None)
        for by, percent in ((date(year, m, d), p) for m, d, p in targets)
    )
    target = next((c for c in curve if c.by >= today), curve[-1])
    rate = points(start.value)
    gap = None if rate is None else Decimal(target.target) - rate
    return ProgrammeRates(today, year, programme, rates, target, gap, curve)


def _start_rate_on(start: Rate, day: date) -> Decimal | None:
    """The start rate on `day`, over today's planned projects."""
    started = sum(1 for c in start.numerator if c.day is not None and c.day <= day)
    return _ratio(started, len(start.denominator))


_WHY = {
    "started": N_("started {day}"),
    "not_started": N_("not started (planned {day})"),
    "started_before_year": N_("started {day}, before {year}: a continuing project"),
    "no_planned_start": N_("in the new-start library with no planned start day"),
    "reported": N_("{amount} of {plan}"),
    "nothing_reported": N_("nothing reported of {plan}"),
    "funds_not_reported": N_("funds in place not reported (plan {plan})"),
    "no_plan": N_("{amount} with no annual plan for {year}"),
    "other_currency": N_("in {note}, not added to {currency}"),
    "on_time": N_("finished {day}, on time"),
    "late": N_("finished {day}, after its due day"),
    "not_finished": N_("not finished, due {day}"),
    "not_yet_due": N_("due {day}, not yet"),
    "no_planned_finish": N_("finished {day} with no planned finish"),
    "left_programme": N_("left the programme {day}"),
}


def why_text(counted: Counted, rate: Rate, year: int, lang: str) -> str:
    """Why a project counts or not, in `lang` (`counted.why` worded with its figures)."""
    from tracker.core.money import format_amount

    currency = rate.currency or "CNY"
    message = _WHY[counted.why]
    values: dict[str, object] = {"year": year, "currency": currency, "note": counted.note or ""}
    if "{day}" in message:
        values["day"] = "—" if counted.day is None else deadline_label(counted.day, "day", lang)
    # Only the figures the sentence shows: a rate of 10,000 projects words each of them.
    if "{amount}" in message:
        values["amount"] = format_amount(counted.cents, currency, lang)
    if "{plan}" in message:
        values["plan"] = format_amount(counted.plan_cents, currency, lang)
    text = tr(lang, message, **values)
    if counted.why == "left_programme" and counted.note:
        text += tr(lang, " ({reason})", reason=counted.note)
    return text
