"""Which column of a sheet feeds which field: rules, their binding to a header, TOML mappings.

A rule names a field and the column(s) that feed it (the first with a value wins), with a money
unit, date formats (strptime) and a value map where the field needs them. Columns are found by
their header, ignoring case, spacing and full-width forms; a header may carry more after the
name (`TOTAL Baseline Whole Life Costs (£m) (including …)` answers to `TOTAL Baseline Whole Life
Costs`), and a money column may carry its unit (`总投资（万元）`).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from tracker.core.errors import InputError
from tracker.i18n.glossary import LABELS
from tracker.importers.cells import UNITS
from tracker.store.model import CATEGORIES, Light, Stage

PROJECT_FIELDS: dict[str, str] = {
    "code": "code",
    "name": "text",
    "name_en": "text",
    "category": "category",
    "project_type": "text",
    "stage": "stage",
    "unit": "text",
    "officer": "text",
    "owner_org": "text",
    "location": "text",
    "scale": "text",
    "total_investment": "money",
    "currency": "currency",
    "baseline_start": "deadline",
    "baseline_finish": "deadline",
    "forecast_finish": "deadline",
    "actual_start": "day",
    "actual_finish": "day",
    "sources": "text",
    "notes": "notes",
    "light": "light",
    "status_narrative": "text",
    "status_on": "day",
    "baseline_start_precision": "precision",
    "baseline_finish_precision": "precision",
    "forecast_finish_precision": "precision",
    # steering (issue #16)
    "library": "library",
    "enrolled_on": "day",
    "enrolled_amount": "money",
    "leader": "name",
    "leader_title": "name",
    "approvals_parallel": "flag",
}
MILESTONE_FIELDS: dict[str, str] = {
    "milestone": "text",
    "milestone_name_en": "text",
    "milestone_baseline": "deadline",
    "milestone_forecast": "deadline",
    "milestone_done": "deadline",
    "milestone_owner": "text",
    "milestone_lead_days": "count",
    "milestone_note": "text",
    "milestone_illustrative": "flag",
}
FIELDS = {**PROJECT_FIELDS, **MILESTONE_FIELDS}
LIGHT_VALUES = {
    **{light.value: light.value for light in Light},
    **{"r": "red", "a": "amber", "g": "green"},
    **{"红": "red", "黄": "amber", "绿": "green"},
    **{"红灯": "red", "黄灯": "amber", "绿灯": "green"},
}
STAGE_VALUES = {
    **{stage.value: stage.value for stage in Stage},
    "in use": "in_use",
    **{"前期": "concept", "设计": "design", "在建": "construction", "试运行": "commissioning"},
    **{"投用": "in_use", "关闭": "closed"},
}
_UNIT_SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")


def normal(header: str) -> str:
    """A header as compared: full-width forms folded, case ignored, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", header).casefold().split())


def short_label(header: str) -> str:
    """A header's first line, as the notes name a column."""
    return header.strip().split("\n", 1)[0].strip()


@dataclass(frozen=True)
class Rule:
    """One field and the columns that feed it."""

    field: str
    columns: tuple[str, ...]
    unit: str | None = None
    formats: tuple[str, ...] = ()
    values: dict[str, str] = dataclasses.field(default_factory=dict)
    required: bool = False


@dataclass(frozen=True)
class Mapping:
    """How one kind of sheet maps onto projects (and milestones)."""

    name: str
    rules: tuple[Rule, ...]
    note_columns: tuple[str, ...] = ()
    defaults: dict[str, Any] = dataclasses.field(default_factory=dict)
    match_by_name: bool = False
    status_on: date | None = None
    sources: str | None = None
    sheet: str | None = None
    strict_columns: bool = True


@dataclass(frozen=True)
class Bound:
    """A rule bound to a sheet: the indexes of its columns and the unit a header gave."""

    rule: Rule
    indexes: tuple[int, ...]
    unit: str | None


def _find(header_normals: list[str], column: str) -> tuple[int, str | None] | None:
    wanted = normal(column)
    for i, name in enumerate(header_normals):
        if name == wanted:
            return i, None
    for i, name in enumerate(header_normals):
        match = _UNIT_SUFFIX.search(name)
        if match and name[: match.start()] == wanted and match[1] in UNITS:
            return i, match[1]
    for i, name in enumerate(header_normals):
        if name.startswith(wanted) and name[len(wanted) : len(wanted) + 1] in (" ", "("):
            return i, None
    return None


def bind(mapping: Mapping, header: list[str], sheet: str) -> tuple[list[Bound], list[int]]:
    """The mapping's rules bound to this header, and the indexes of its note columns.

    A required column that is missing, or (for strict mappings) any named column that is
    missing, is refused with the columns the sheet does have.
    """
    normals = [normal(h) for h in header]
    bound: list[Bound] = []
    for rule in mapping.rules:
        found = [hit for column in rule.columns if (hit := _find(normals, column)) is not None]
        if not found:
            if rule.required or mapping.strict_columns:
                raise InputError(
                    "columns",
                    f"{sheet}: {', '.join(short_label(h) for h in header if h.strip())}",
                    f"a column {' or '.join(repr(c) for c in rule.columns)} "
                    f"for {rule.field} ({mapping.name} mapping)",
                )
            continue
        unit = rule.unit or next((u for _, u in found if u), None)
        bound.append(Bound(rule, tuple(i for i, _ in found), unit))
    notes = [hit[0] for column in mapping.note_columns if (hit := _find(normals, column))]
    return bound, notes


def load_mapping(path: Path) -> Mapping:
    """A mapping from a TOML file (see the README's "Importing spreadsheets")."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(
            "--mapping", str(path), "a readable TOML file ({strerror})", strerror=error.strerror
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(
            "--mapping", str(path), "a TOML mapping file ({error})", error=error
        ) from None
    return mapping_from(data, path.name)


def mapping_from(data: dict[str, Any], name: str) -> Mapping:
    """A mapping from parsed TOML: `[columns]`, `[defaults]`, `[notes]` and a few options."""
    known = {"name", "sheet", "match_by_name", "status_on", "sources", "columns", "defaults"}
    for key in data:
        if key not in known | {"notes"}:
            raise InputError(f"mapping key {key!r}", data[key], ", ".join(sorted(known)))
    columns = data.get("columns")
    if not isinstance(columns, dict) or "code" not in columns:
        raise InputError("[columns]", columns, "a table naming at least the code column")
    rules = tuple(_rule(field_name, spec) for field_name, spec in columns.items())
    notes = data.get("notes", {})
    note_columns = notes.get("columns", []) if isinstance(notes, dict) else notes
    if not isinstance(note_columns, list) or not all(isinstance(c, str) for c in note_columns):
        raise InputError("[notes] columns", note_columns, "a list of column names")
    status_on = data.get("status_on")
    if status_on is not None and not isinstance(status_on, date):
        raise InputError("status_on", status_on, "a TOML date such as 2026-11-30")
    defaults = data.get("defaults", {})
    for key, value in defaults.items():
        if key not in PROJECT_FIELDS:
            raise InputError(f"[defaults] {key}", value, "a project field")
    return Mapping(
        name=str(data.get("name", name)),
        rules=tuple(replace(r, required=r.field in ("code", "name")) for r in rules),
        note_columns=tuple(note_columns),
        defaults=dict(defaults),
        match_by_name=bool(data.get("match_by_name", False)),
        status_on=status_on,
        sources=data.get("sources"),
        sheet=data.get("sheet"),
    )


def _rule(field_name: str, spec: Any) -> Rule:
    if field_name not in FIELDS:
        raise InputError(
            f"[columns] {field_name}", spec, "a field: {choices}", choices=", ".join(FIELDS)
        )
    if isinstance(spec, str):
        return Rule(field_name, (spec,))
    if not isinstance(spec, dict):
        raise InputError(f"[columns] {field_name}", spec, "a column name or a table")
    allowed = {"column", "columns", "unit", "formats", "values"}
    for key in spec:
        if key not in allowed:
            raise InputError(f"[columns] {field_name}.{key}", spec[key], ", ".join(sorted(allowed)))
    names = spec.get("columns") or [spec.get("column")]
    if not all(isinstance(n, str) and n for n in names):
        raise InputError(f"[columns] {field_name}", spec, "column = NAME or columns = [NAMES]")
    unit = spec.get("unit")
    if unit is not None and unit.casefold() not in UNITS:
        raise InputError(f"[columns] {field_name}.unit", unit, ", ".join(UNITS))
    values = {normal(k): str(v) for k, v in spec.get("values", {}).items()}
    return Rule(field_name, tuple(names), unit, tuple(spec.get("formats", ())), values)


def library_values() -> dict[str, str]:
    """Our libraries (谋划, 储备, 新开工, 续建, 竣工) by their key and their labels."""
    from tracker.core.steering import LIBRARIES
    from tracker.i18n.glossary import label

    values = {key: key for key in LIBRARIES}
    for key in LIBRARIES:
        values[label(key, "zh")] = key
        values[normal(label(key, "en"))] = key
    return values


def category_values() -> dict[str, str]:
    """Our categories by their key and their Chinese and English labels."""
    from tracker.i18n.glossary import label

    values = {key: key for key in CATEGORIES}
    for key in CATEGORIES:
        if key in LABELS:
            values[label(key, "zh")] = key
            values[normal(label(key, "en"))] = key
    return values
