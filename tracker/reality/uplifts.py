"""Optimism-bias uplifts: the published table, and the step from its upper to its lower bound.

The Green Book guidance applies the upper bound when a project starts and lets the uplift fall
towards the lower bound as its risks are managed. We tie that to the stage: an uplift is
`lower + weight × (upper − lower)`, where the weight is 1 at concept, 0.75 in design, 0.5 in
construction, 0.25 in commissioning and 0 in use or closed (configurable in `[reality_check]`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.i18n.catalogue import N_, Word

GREEN_BOOK = (
    "HM Treasury, Green Book supplementary guidance: optimism bias, Table 2 "
    "(recommended adjustment ranges)"
)
STEP_SOURCE = Word(N_("tracker's default stage step (README, Reality check)"))

DURATION = "works_duration"
CAPEX = "capital_expenditure"
MEASURES = (DURATION, CAPEX)


@dataclass(frozen=True, slots=True)
class Bound:
    """One published percentage (e.g. 51 for +51%) and the source it comes from."""

    percent: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class Range:
    """An uplift's upper and lower bound for one measure (works duration or capital expenditure)."""

    upper: Bound
    lower: Bound


def _row(duration: tuple[int, int] | None, capex: tuple[int, int]) -> dict[str, Range | None]:
    def bounds(pair: tuple[int, int]) -> Range:
        return Range(Bound(Decimal(pair[0]), GREEN_BOOK), Bound(Decimal(pair[1]), GREEN_BOOK))

    return {DURATION: None if duration is None else bounds(duration), CAPEX: bounds(capex)}


# Table 2 of the guidance: works duration and capital expenditure, upper / lower bound, in %.
# Outsourcing publishes no works-duration uplift; its 41% / 0% is for operating expenditure.
DEFAULT_UPLIFTS: dict[str, dict[str, Range | None]] = {
    "standard_building": _row((4, 1), (24, 2)),
    "non_standard_building": _row((39, 2), (51, 4)),
    "standard_civil": _row((20, 1), (44, 3)),
    "non_standard_civil": _row((25, 3), (66, 6)),
    "equipment_development": _row((54, 10), (200, 10)),
    "outsourcing": _row(None, (41, 0)),
}

DEFAULT_STAGE_WEIGHTS: dict[str, Decimal] = {
    "concept": Decimal(1),
    "design": Decimal("0.75"),
    "construction": Decimal("0.5"),
    "commissioning": Decimal("0.25"),
    "in_use": Decimal(0),
    "closed": Decimal(0),
}


@dataclass(frozen=True, slots=True)
class Uplift:
    """The uplift a project's stage gives: `low` and `high` percentages, and how they were found."""

    low: Decimal
    high: Decimal
    weight: Decimal
    range: Range


def stage_uplift(bounds: Range, weight: Decimal) -> Uplift:
    """The lower bound as `low`; `lower + weight × (upper − lower)` as `high`."""
    lower, upper = bounds.lower.percent, bounds.upper.percent
    return Uplift(lower, lower + weight * (upper - lower), weight, bounds)


def percent_text(value: Decimal) -> str:
    """A percentage as `+27.5%`, without trailing zeros."""
    text = f"{value.normalize():f}"
    return f"+{text}%" if value >= 0 else f"{text}%"
