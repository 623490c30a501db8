"""The reality check as plain data (the JSON contract of `forecast` and `reference`) and as text."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.core.money import format_amount
from tracker.core.project_types import type_label
from tracker.core.textable import render
from tracker.i18n.catalogue import N_, ptr, tr
from tracker.i18n.glossary import label, name_in
from tracker.reality.forecast import FIGURES, Forecast
from tracker.reality.reference_class import ReferenceClass, Spread, decimal_of
from tracker.views.portfolio import amount_text, iso

# The columns of FIGURES, by their English message ids.
_HEADERS = (N_("base"), N_("low"), N_("high"), N_("p50"), N_("p80"))


def _basis_key(key: str, lang: str) -> str:
    """`cost.high` in `lang`: the measure and the figure the basis is of."""
    measure, _, figure = key.partition(".")
    if not figure:
        return tr(lang, measure)
    return tr(lang, "{measure}.{figure}", measure=tr(lang, measure), figure=tr(lang, figure))


def forecast_entry(forecast: Forecast, lang: str) -> dict[str, Any]:
    """One project of `forecast --format json`; money as decimal strings in its currency."""
    return {
        "project": forecast.project,
        "name": forecast.name,
        "name_en": forecast.name_en,
        "type": forecast.type,
        "stage": forecast.stage,
        "currency": forecast.currency,
        "cost": {k: amount_text(v) for k, v in forecast.cost.items()},
        "finish": {k: iso(v) for k, v in forecast.finish.items()},
        "basis": {key: said.text(lang) for key, said in forecast.basis.items()},
    }


def _spread_entry(spread: Spread, places: int) -> dict[str, Any]:
    def number(value: Any) -> float | None:
        return None if value is None else float(decimal_of(value, places))

    return {"n": spread.n, "p50": number(spread.p50), "p80": number(spread.p80)}


def reference_entry(refs: ReferenceClass) -> dict[str, Any]:
    """One row of `reference --format json`; percentiles rounded (growth 4, days 1 decimal)."""
    enough = refs.cost_growth.p50 is not None or refs.finish_slip_days.p50 is not None
    return {
        "category": refs.category,
        "n": refs.n,
        "span": None
        if refs.span is None
        else {"from": refs.span[0].isoformat(), "to": refs.span[1].isoformat()},
        "cost_growth": _spread_entry(refs.cost_growth, 4),
        "finish_slip_days": _spread_entry(refs.finish_slip_days, 1),
        "min_projects": refs.min_projects,
        "note": None if enough else f"fewer than {refs.min_projects} projects: no figure",
    }


def _day(value: date | None) -> str:
    return "—" if value is None else value.isoformat()


def forecast_text(forecast: Forecast, lang: str) -> str:
    """One project's reality check: a small table of figures, then the basis of each."""
    name = name_in(lang, forecast.name, forecast.name_en)
    kind = type_label(forecast.type, lang)
    lines = [f"{forecast.project}  {name}  [{kind}, {label(forecast.stage, lang)}]"]
    cost = [format_amount(forecast.cost[k], forecast.currency, lang) for k in FIGURES]
    finish = [_day(forecast.finish[k]) for k in FIGURES]
    rows = [
        [tr(lang, "cost"), *cost],
        [tr(lang, "finish"), *finish],
    ]
    headers = ["", *(tr(lang, header) for header in _HEADERS)]
    lines.append(render(headers, rows, right=(1, 2, 3, 4, 5)))
    lines.extend(
        f"  {_basis_key(key, lang)}: {said.text(lang)}" for key, said in forecast.basis.items()
    )
    return "\n".join(lines)


def _spread_cells(spread: Spread, places: int, suffix: str, min_projects: int) -> list[str]:
    if spread.p50 is None or spread.p80 is None:
        return [f"n={spread.n} < {min_projects}", "—"]
    return [f"{decimal_of(v, places)}{suffix}" for v in (spread.p50, spread.p80)]


def reference_text(classes: list[ReferenceClass], lang: str) -> str:
    """The reference classes as an aligned table."""
    headers = [
        tr(lang, "category"),
        ptr(lang, "reference class", "n"),
        tr(lang, "span"),
        tr(lang, "cost growth P50"),
        "P80",
        tr(lang, "finish slip P50"),
        "P80",
    ]
    days = ptr(lang, "unit", " d")
    rows = [
        [
            refs.category,
            str(refs.n),
            "—" if refs.span is None else f"{refs.span[0]} – {refs.span[1]}",
            *_spread_cells(refs.cost_growth, 3, "×", refs.min_projects),
            *_spread_cells(refs.finish_slip_days, 1, days, refs.min_projects),
        ]
        for refs in classes
    ]
    return render(headers, rows, right=(1, 3, 4, 5, 6))
