"""The reality check of one project: its official cost and finish beside what history says.

For each of cost and finish: `base` (the official figure), `low` and `high` (the published uplifts
at the project's stage) and `p50` / `p80` (the reference class of its category, where it has
enough projects). `basis` cites the source of every figure, and says why a figure is unknown.
Unknown inputs give unknown outputs, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tracker.core.project_types import project_type
from tracker.reality.history import histories, project_facts
from tracker.reality.reality_settings import RealitySettings
from tracker.reality.reference_class import ReferenceClass, decimal_of, reference_classes
from tracker.reality.uplifts import CAPEX, DURATION, Range, Uplift, percent_text, stage_uplift
from tracker.store.read.plainsql import PlainConnection

FIGURES = ("base", "low", "high", "p50", "p80")
_ACTUAL_FINISH = "actual finish recorded for the project"
_MEASURE_NAMES = {DURATION: "works duration", CAPEX: "capital expenditure"}


@dataclass(frozen=True)
class Forecast:
    """One project's reality check; money in minor units of `currency`, finish as dates."""

    project: str
    name: str
    name_en: str | None
    type: str | None
    stage: str
    currency: str
    cost: dict[str, int | None]
    finish: dict[str, date | None]
    basis: dict[str, str]


def round_half_up(value: Fraction) -> int:
    """The nearest whole number, halves away from zero."""
    whole = int(abs(value) + Fraction(1, 2))
    return whole if value >= 0 else -whole


def project_forecasts(
    conn: PlainConnection,
    today: date,
    settings: RealitySettings | None = None,
    code: str | None = None,
) -> dict[str, Forecast]:
    """The reality check of every project (or the one with `code`), by code."""
    settings = settings or RealitySettings()
    classes = reference_classes(histories(conn), settings.min_projects)
    return {
        row["code"]: forecast(row, today, settings, classes.get(row["category"]))
        for row in project_facts(conn, code)
    }


@dataclass(frozen=True, slots=True)
class P80Figures:
    """A project's P80 cost (minor units) and finish, and the basis of each; None = unknown."""

    cost_cents: int | None
    finish: date | None
    cost_basis: str
    finish_basis: str


def project_p80s(
    conn: PlainConnection, settings: RealitySettings | None = None
) -> dict[str, P80Figures]:
    """Only the P80 cost and finish of every project, by code: the weekly report's figures,
    the same as `project_forecasts` gives, without working out the rest of each check."""
    settings = settings or RealitySettings()
    facts = project_facts(conn)
    classes = reference_classes(histories(conn, facts), settings.min_projects)
    return {row["code"]: p80(row, classes.get(row["category"])) for row in facts}


def p80(row: dict[str, Any], refs: ReferenceClass | None) -> P80Figures:
    """One project's P80 cost and finish from its facts and its category's class."""
    cost, cost_basis = _cost_from_class(row["total_investment_cents"], refs, "p80")
    if row["actual_finish"] is not None:
        finish, finish_basis = row["actual_finish"], _ACTUAL_FINISH
    else:
        base = row["forecast_finish"] or row["baseline_finish"]
        finish, finish_basis = _finish_from_class(base, refs, "p80")
    return P80Figures(cost, finish, cost_basis, finish_basis)


def forecast(
    row: dict[str, Any], today: date, settings: RealitySettings, refs: ReferenceClass | None
) -> Forecast:
    """One project's reality check from its facts, the settings and its category's class."""
    kind, how = project_type(row["category"], row["project_type"], settings.category_types)
    basis = {
        "type": f"{kind or 'unknown'}: "
        + (f"the default for category {row['category']}" if how == "category default" else how)
    }
    ranges = settings.uplifts.get(kind, {}) if kind else {}
    weight = settings.stage_weights[row["stage"]]
    context = _Context(kind, row["stage"], weight, settings.stage_source, refs, settings)
    cost = _cost(row, context, ranges.get(CAPEX), basis)
    finish = _finish(row, today, context, ranges.get(DURATION), basis)
    return Forecast(
        project=row["code"],
        name=row["name"],
        name_en=row["name_en"],
        type=kind,
        stage=row["stage"],
        currency=row["currency"] or "CNY",
        cost=cost,
        finish=finish,
        basis=basis,
    )


@dataclass(frozen=True)
class _Context:
    kind: str | None
    stage: str
    weight: Decimal
    step_source: str
    refs: ReferenceClass | None
    settings: RealitySettings


def _uplift_basis(
    measure: str, context: _Context, bounds: Range | None
) -> tuple[Uplift, dict[str, str]] | str:
    """The stage's uplift and the citations of `low` and `high`, or why there is none."""
    name = _MEASURE_NAMES[measure]
    if context.kind is None:
        return "project type unknown: set one with `tracker set-type CODE TYPE`"
    if bounds is None:
        return f"no published {name} uplift for {context.kind}"
    uplift = stage_uplift(bounds, context.weight)
    upper, lower = bounds.upper, bounds.lower
    sources = (
        upper.source
        if upper.source == lower.source
        else f"upper: {upper.source}; lower: {lower.source}"
    )
    low = f"{percent_text(uplift.low)} {name}: lower bound for {context.kind} ({lower.source})"
    high = (
        f"{percent_text(uplift.high)} {name} for {context.kind} at stage {context.stage}: "
        f"lower {percent_text(lower.percent)} + {context.weight.normalize():f} × "
        f"(upper {percent_text(upper.percent)} − lower {percent_text(lower.percent)}) "
        f"({sources}; stage step: {context.step_source})"
    )
    return uplift, {"low": low, "high": high}


def _class_basis(measure: str, refs: ReferenceClass | None) -> tuple[str, str | None]:
    label = "cost growth" if measure == CAPEX else "finish slip"
    if refs is None:
        return f"no project of this category has a recorded history for its {label}", None
    spread = refs.cost_growth if measure == CAPEX else refs.finish_slip_days
    span = "" if refs.span is None else f", {refs.span[0].isoformat()} to {refs.span[1]}"
    where = f"reference class {refs.category} (audit trail, {spread.n} projects{span})"
    if spread.p50 is None:
        return f"{where}: fewer than {refs.min_projects} projects, no figure", None
    return where, label


def _cost(
    row: dict[str, Any], context: _Context, bounds: Range | None, basis: dict[str, str]
) -> dict[str, int | None]:
    base: int | None = row["total_investment_cents"]
    cost: dict[str, int | None] = dict.fromkeys(FIGURES)
    cost["base"] = base
    basis["cost.base"] = (
        "total investment recorded for the project"
        if base is not None
        else "total investment unknown"
    )
    found = _uplift_basis(CAPEX, context, bounds)
    if base is None:
        basis["cost.low"] = basis["cost.high"] = "total investment unknown"
    elif isinstance(found, str):
        basis["cost.low"] = basis["cost.high"] = found
    else:
        uplift, cites = found
        for figure in ("low", "high"):
            percent = Fraction(getattr(uplift, figure))
            cost[figure] = round_half_up(base * (1 + percent / 100))
            basis[f"cost.{figure}"] = cites[figure]
    for figure in ("p50", "p80"):
        cost[figure], basis[f"cost.{figure}"] = _cost_from_class(base, context.refs, figure)
    return cost


def _cost_from_class(
    base: int | None, refs: ReferenceClass | None, figure: str
) -> tuple[int | None, str]:
    """The cost at the class's `figure` (p50, p80) of cost growth, and its basis."""
    where, label = _class_basis(CAPEX, refs)
    growth = None if refs is None else getattr(refs.cost_growth, figure)
    if growth is None or base is None:
        return None, where if label is None else "total investment unknown"
    return round_half_up(base * growth), (
        f"× {decimal_of(growth, 4)}, {figure.upper()} {label} of {where}"
    )


def _finish(
    row: dict[str, Any],
    today: date,
    context: _Context,
    bounds: Range | None,
    basis: dict[str, str],
) -> dict[str, date | None]:
    finish: dict[str, date | None] = dict.fromkeys(FIGURES)
    if row["actual_finish"] is not None:
        for figure in FIGURES:
            finish[figure] = row["actual_finish"]
            basis[f"finish.{figure}"] = _ACTUAL_FINISH
        return finish
    base: date | None = row["forecast_finish"] or row["baseline_finish"]
    finish["base"] = base
    which = "forecast finish" if row["forecast_finish"] else "baseline finish"
    basis["finish.base"] = f"{which} recorded for the project" if base else "finish unknown"
    if base is not None and base < today:
        basis["finish.base"] += f", already past on {today.isoformat()} and no actual finish"
    start: date | None = row["actual_start"] or row["baseline_start"]
    found = _uplift_basis(DURATION, context, bounds)
    if base is None or start is None or base < start:
        why = (
            "finish unknown"
            if base is None
            else "start unknown (no actual or baseline start): the duration cannot be uplifted"
            if start is None
            else "the finish is before the start"
        )
        basis["finish.low"] = basis["finish.high"] = why
    elif isinstance(found, str):
        basis["finish.low"] = basis["finish.high"] = found
    else:
        uplift, cites = found
        begun = "actual start" if row["actual_start"] else "baseline start"
        days = (base - start).days
        for figure in ("low", "high"):
            percent = Fraction(getattr(uplift, figure))
            finish[figure] = start + timedelta(days=round_half_up(days * (1 + percent / 100)))
            basis[f"finish.{figure}"] = (
                f"{cites[figure]}, applied to the {days} days from {begun} {start.isoformat()}"
            )
    for figure in ("p50", "p80"):
        finish[figure], basis[f"finish.{figure}"] = _finish_from_class(base, context.refs, figure)
    return finish


def _finish_from_class(
    base: date | None, refs: ReferenceClass | None, figure: str
) -> tuple[date | None, str]:
    """The finish at the class's `figure` (p50, p80) of finish slip, and its basis."""
    where, label = _class_basis(DURATION, refs)
    slip = None if refs is None else getattr(refs.finish_slip_days, figure)
    if slip is None or base is None:
        return None, where if label is None else "finish unknown"
    return base + timedelta(days=round_half_up(slip)), (
        f"{decimal_of(slip, 1):+} days, {figure.upper()} {label} of {where}"
    )
