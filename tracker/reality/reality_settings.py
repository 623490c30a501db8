"""The reality check's settings: the `[uplifts]` and `[reality_check]` sections of the TOML file.

```toml
[uplifts.non_standard_building]      # any of the six types; any of its keys
capex_upper = 60                     # percent: 60, 60.5 or "60%"; "none" = nothing published
capex_lower = 4
duration_upper = 39
duration_lower = 2
source = "Office study, 2026"        # cited for the values this row sets

[reality_check]
min_projects = 5                     # a reference class needs this many projects for a figure
stage_weight = { construction = 0.6 }          # 1 = upper bound, 0 = lower bound
category_types = { transport = "standard_civil" }   # a category's default type ("none": no default)
```

A value not set keeps its default and its default's citation. A bad value is refused with the key,
the value and what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.core.errors import InputError
from tracker.core.project_types import CATEGORY_TYPES, PROJECT_TYPES
from tracker.reality.uplifts import (
    CAPEX,
    DEFAULT_STAGE_WEIGHTS,
    DEFAULT_UPLIFTS,
    DURATION,
    STEP_SOURCE,
    Bound,
    Range,
)

_KEYS = {
    "duration_upper": (DURATION, "upper"),
    "duration_lower": (DURATION, "lower"),
    "capex_upper": (CAPEX, "upper"),
    "capex_lower": (CAPEX, "lower"),
}
_PERCENT = 'a percentage from 0 to 1000 (e.g. 51, 2.5 or "51%"), or "none"'
DEFAULT_MIN_PROJECTS = 5


@dataclass(frozen=True)
class RealitySettings:
    """The uplift table, the stage step, and the reference class's minimum size."""

    uplifts: dict[str, dict[str, Range | None]] = field(
        default_factory=lambda: dict(DEFAULT_UPLIFTS)
    )
    stage_weights: dict[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_STAGE_WEIGHTS))
    stage_source: str = STEP_SOURCE
    min_projects: int = DEFAULT_MIN_PROJECTS
    category_types: dict[str, str | None] = field(default_factory=lambda: dict(CATEGORY_TYPES))


def reality_settings(document: Mapping[str, Any], origin: str = "settings") -> RealitySettings:
    """Settings from a parsed TOML document (only its `[uplifts]` and `[reality_check]`).

    `origin` names the file in citations. Raises InputError naming the first bad key.
    """
    uplifts = _uplifts(_table(document, "uplifts"), origin)
    check = _table(document, "reality_check")
    unknown = set(check) - {"min_projects", "stage_weight", "category_types"}
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(
            f"reality_check.{key}", check[key], "min_projects, stage_weight or category_types"
        )
    weights = dict(DEFAULT_STAGE_WEIGHTS)
    stage_table = _table(check, "stage_weight", "reality_check.")
    for stage, value in stage_table.items():
        key = f"reality_check.stage_weight.{stage}"
        if stage not in weights:
            raise InputError(key, value, "a stage: {choices}", choices=", ".join(weights))
        weights[stage] = _number(key, value, Decimal(1), "a weight from 0 (lower) to 1 (upper)")
    return RealitySettings(
        uplifts=uplifts,
        stage_weights=weights,
        stage_source=f"{origin} [reality_check.stage_weight]" if stage_table else STEP_SOURCE,
        min_projects=_min_projects(check.get("min_projects", DEFAULT_MIN_PROJECTS)),
        category_types=_category_types(_table(check, "category_types", "reality_check.")),
    )


def _table(document: Mapping[str, Any], key: str, prefix: str = "") -> Mapping[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, Mapping):
        raise InputError(f"{prefix}{key}", value, "a table")
    return value


def _uplifts(table: Mapping[str, Any], origin: str) -> dict[str, dict[str, Range | None]]:
    uplifts = {kind: dict(row) for kind, row in DEFAULT_UPLIFTS.items()}
    for kind, row in table.items():
        if kind not in PROJECT_TYPES:
            raise InputError(
                f"uplifts.{kind}",
                row,
                "a project type: {choices}",
                choices=", ".join(PROJECT_TYPES),
            )
        if not isinstance(row, Mapping):
            raise InputError(f"uplifts.{kind}", row, "a table of percentages")
        source = row.get("source", f"{origin} [uplifts.{kind}]")
        if not isinstance(source, str) or not source.strip():
            raise InputError(f"uplifts.{kind}.source", source, "the text to cite")
        bounds: dict[str, dict[str, Bound | None]] = {}
        for measure, current in uplifts[kind].items():
            bounds[measure] = {
                "upper": None if current is None else current.upper,
                "lower": None if current is None else current.lower,
            }
        for key, value in row.items():
            if key == "source":
                continue
            if key not in _KEYS:
                raise InputError(
                    f"uplifts.{kind}.{key}", value, "one of {choices}", choices=", ".join(_KEYS)
                )
            measure, end = _KEYS[key]
            percent = _percent(f"uplifts.{kind}.{key}", value)
            bounds[measure][end] = None if percent is None else Bound(percent, source)
        for measure, ends in bounds.items():
            uplifts[kind][measure] = _range(f"uplifts.{kind}", measure, ends)
    return uplifts


def _range(key: str, measure: str, ends: dict[str, Bound | None]) -> Range | None:
    upper, lower = ends["upper"], ends["lower"]
    name = "duration" if measure == DURATION else "capex"
    if upper is None and lower is None:
        return None
    if upper is None or lower is None:
        missing = "upper" if upper is None else "lower"
        raise InputError(f"{key}.{name}_{missing}", "none", "a percentage, as its other bound has")
    if upper.percent < lower.percent:
        raise InputError(
            f"{key}.{name}_upper",
            f"{upper.percent}%",
            "at least the lower bound, {percent}%",
            percent=lower.percent,
        )
    return Range(upper, lower)


def _percent(key: str, value: Any) -> Decimal | None:
    if isinstance(value, str) and value.strip().lower() == "none":
        return None
    text = value.strip().removesuffix("%") if isinstance(value, str) else value
    return _number(key, text, Decimal(1000), _PERCENT, shown=value)


def _number(key: str, value: Any, most: Decimal, expected: str, shown: Any = None) -> Decimal:
    shown = value if shown is None else shown
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(key, shown, expected)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InputError(key, shown, expected) from None
    if not number.is_finite() or not 0 <= number <= most:
        raise InputError(key, shown, expected)
    return number


def _min_projects(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise InputError("reality_check.min_projects", value, "a whole number from 1 to 1000")
    return value


def _category_types(table: Mapping[str, Any]) -> dict[str, str | None]:
    types = dict(CATEGORY_TYPES)
    for category, value in table.items():
        key = f"reality_check.category_types.{category}"
        if value == "none":
            types[category] = None
        elif value in PROJECT_TYPES:
            types[category] = value
        else:
            raise InputError(
                key, value, 'one of {choices} or "none"', choices=", ".join(PROJECT_TYPES)
            )
    return types
