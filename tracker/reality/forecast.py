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

from tracker.core.project_types import TYPE_LABELS, project_type
from tracker.i18n.catalogue import N_, Said, Word
from tracker.i18n.glossary import Labelled
from tracker.reality.history import histories, project_facts
from tracker.reality.reality_settings import RealitySettings
from tracker.reality.reference_class import ReferenceClass, decimal_of, reference_classes
from tracker.reality.uplifts import CAPEX, DURATION, Range, Uplift, percent_text, stage_uplift
from tracker.store.read.plainsql import PlainConnection

FIGURES = ("base", "low", "high", "p50", "p80")
_ACTUAL_FINISH = Said(N_("actual finish recorded for the project"))
_MEASURE_NAMES = {DURATION: Word(N_("works duration")), CAPEX: Word(N_("capital expenditure"))}
_COST_UNKNOWN = Said(N_("total investment unknown"))
_FINISH_UNKNOWN = Said(N_("finish unknown"))


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
    basis: dict[str, Said]
    """Where each figure comes from, or why it is unknown: worded here, shown in a language by
    the door (`Said.text`)."""


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
    cost_basis: Said
    finish_basis: Said


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
    how_said = (
        Said(N_("the default for category {category}"), category=Labelled(row["category"]))
        if how == "category default"
        else Said(N_("set for this project"))
    )
    basis = {
        "type": Said(N_("{type}: {how}"), type=_type_word(kind), how=how_said),
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


def _type_word(kind: str | None) -> Word:
    return Word(N_("unknown")) if kind is None else Word(TYPE_LABELS.get(kind, kind))


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
) -> tuple[Uplift, dict[str, Said]] | Said:
    """The stage's uplift and the citations of `low` and `high`, or why there is none."""
    name = _MEASURE_NAMES[measure]
    if context.kind is None:
        return Said(N_("project type unknown: set one with `tracker set-type CODE TYPE`"))
    if bounds is None:
        return Said(
            N_("no published {measure} uplift for {type}"),
            measure=name,
            type=_type_word(context.kind),
        )
    uplift = stage_uplift(bounds, context.weight)
    upper, lower = bounds.upper, bounds.lower
    sources = (
        upper.source
        if upper.source == lower.source
        else Said(N_("upper: {upper}; lower: {lower}"), upper=upper.source, lower=lower.source)
    )
    low = Said(
        N_("{percent} {measure}: lower bound for {type} ({source})"),
        percent=percent_text(uplift.low),
        measure=name,
        type=_type_word(context.kind),
        source=lower.source,
    )
    high = Said(
        N_(
            "{percent} {measure} for {type} at stage {stage}: lower {lower} + {weight} × "
            "(upper {upper} − lower {lower}) ({sources}; stage step: {step})"
        ),
        percent=percent_text(uplift.high),
        measure=name,
        type=_type_word(context.kind),
        stage=Labelled(context.stage),
        lower=percent_text(lower.percent),
        weight=f"{context.weight.normalize():f}",
        upper=percent_text(upper.percent),
        sources=sources,
        step=context.step_source,
    )
    return uplift, {"low": low, "high": high}


def _class_basis(measure: str, refs: ReferenceClass | None) -> tuple[Said, Word | None]:
    label = Word(N_("cost growth")) if measure == CAPEX else Word(N_("finish slip"))
    if refs is None:
        return Said(
            N_("no project of this category has a recorded history for its {measure}"),
            measure=label,
        ), None
    spread = refs.cost_growth if measure == CAPEX else refs.finish_slip_days
    if refs.span is None:
        where = Said(
            N_("reference class {category} (audit trail, {n} projects)"),
            category=Labelled(refs.category),
            n=spread.n,
        )
    else:
        where = Said(
            N_("reference class {category} (audit trail, {n} projects, {start} to {end})"),
            category=Labelled(refs.category),
            n=spread.n,
            start=refs.span[0].isoformat(),
            end=str(refs.span[1]),
        )
    if spread.p50 is None:
        return Said(
            N_("{where}: fewer than {n} projects, no figure"), where=where, n=refs.min_projects
        ), None
    return where, label


def _cost(
    row: dict[str, Any], context: _Context, bounds: Range | None, basis: dict[str, Said]
) -> dict[str, int | None]:
    base: int | None = row["total_investment_cents"]
    cost: dict[str, int | None] = dict.fromkeys(FIGURES)
    cost["base"] = base
    basis["cost.base"] = (
        Said(N_("total investment recorded for the project")) if base is not None else _COST_UNKNOWN
    )
    found = _uplift_basis(CAPEX, context, bounds)
    if base is None:
        basis["cost.low"] = basis["cost.high"] = _COST_UNKNOWN
    elif isinstance(found, Said):
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
) -> tuple[int | None, Said]:
    """The cost at the class's `figure` (p50, p80) of cost growth, and its basis."""
    where, label = _class_basis(CAPEX, refs)
    growth = None if refs is None else getattr(refs.cost_growth, figure)
    if growth is None or base is None:
        return None, where if label is None else _COST_UNKNOWN
    return round_half_up(base * growth), Said(
        N_("× {growth}, {figure} {measure} of {where}"),
        growth=decimal_of(growth, 4),
        figure=figure.upper(),
        measure=label,
        where=where,
    )


def _finish(
    row: dict[str, Any],
    today: date,
    context: _Context,
    bounds: Range | None,
    basis: dict[str, Said],
) -> dict[str, date | None]:
    finish: dict[str, date | None] = dict.fromkeys(FIGURES)
    if row["actual_finish"] is not None:
        for figure in FIGURES:
            finish[figure] = row["actual_finish"]
            basis[f"finish.{figure}"] = _ACTUAL_FINISH
        return finish
    base: date | None = row["forecast_finish"] or row["baseline_finish"]
    finish["base"] = base
    recorded = (
        N_("forecast finish recorded for the project")
        if row["forecast_finish"]
        else N_("baseline finish recorded for the project")
    )
    basis["finish.base"] = Said(recorded) if base else _FINISH_UNKNOWN
    if base is not None and base < today:
        basis["finish.base"] = Said(
            N_("{recorded}, already past on {today} and no actual finish"),
            recorded=Word(recorded),
            today=today.isoformat(),
        )
    start: date | None = row["actual_start"] or row["baseline_start"]
    found = _uplift_basis(DURATION, context, bounds)
    if base is None or start is None or base < start:
        why = (
            _FINISH_UNKNOWN
            if base is None
            else Said(
                N_("start unknown (no actual or baseline start): the duration cannot be uplifted")
            )
            if start is None
            else Said(N_("the finish is before the start"))
        )
        basis["finish.low"] = basis["finish.high"] = why
    elif isinstance(found, Said):
        basis["finish.low"] = basis["finish.high"] = found
    else:
        uplift, cites = found
        begun = Word(N_("actual start")) if row["actual_start"] else Word(N_("baseline start"))
        days = (base - start).days
        for figure in ("low", "high"):
            percent = Fraction(getattr(uplift, figure))
            finish[figure] = start + timedelta(days=round_half_up(days * (1 + percent / 100)))
            basis[f"finish.{figure}"] = Said(
                N_("{uplift}, applied to the {days} days from {begun} {start}"),
                uplift=cites[figure],
                days=days,
                begun=begun,
                start=start.isoformat(),
            )
    for figure in ("p50", "p80"):
        finish[figure], basis[f"finish.{figure}"] = _finish_from_class(base, context.refs, figure)
    return finish


def _finish_from_class(
    base: date | None, refs: ReferenceClass | None, figure: str
) -> tuple[date | None, Said]:
    """The finish at the class's `figure` (p50, p80) of finish slip, and its basis."""
    where, label = _class_basis(DURATION, refs)
    slip = None if refs is None else getattr(refs.finish_slip_days, figure)
    if slip is None or base is None:
        return None, where if label is None else _FINISH_UNKNOWN
    return base + timedelta(days=round_half_up(slip)), Said(
        N_("{slip} days, {figure} {measure} of {where}"),
        slip=f"{decimal_of(slip, 1):+}",
        figure=figure.upper(),
        measure=label,
        where=where,
    )
