"""Validating a sheet's rows into project records, and a report of every bad cell.

Each row is read field by field through the mapping. A cell that holds no value becomes
unknown and its text joins the project's notes; a cell that tries to be a value and fails is
a BadCell (row, column, value, reason) and its row is left out. In a long sheet a project's
code repeats on every milestone row; its project cells must then agree with its first row (or
be blank).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.dates import Deadline
from tracker.importers.cells import (
    CellError,
    clean,
    is_no_value,
    not_a_value,
    parse_count,
    parse_date,
    parse_flag,
    parse_money,
)
from tracker.importers.mapping import (
    FIELDS,
    LIGHT_VALUES,
    MILESTONE_FIELDS,
    STAGE_VALUES,
    Bound,
    Mapping,
    category_values,
    normal,
    short_label,
)
from tracker.importers.reading import Sheet

_PRECISIONS = ("day", "month", "quarter", "year")
_CATEGORIES = category_values()


@dataclass(frozen=True)
class BadCell:
    """One reason a row could not be imported."""

    row: int
    column: str
    value: str
    reason: str

    def line(self, sheet: str) -> str:
        """The report line: sheet, row, column, value and what was expected."""
        return f"{sheet} row {self.row}, column {self.column!r}: {self.value!r} {self.reason}"


@dataclass
class MilestoneRecord:
    """One milestone read from a row."""

    row: int
    fields: dict[str, Any]


@dataclass
class ProjectRecord:
    """One project read from its row(s)."""

    row: int
    code: str
    fields: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    owns_notes: bool = False
    light: str | None = None
    narrative: str = ""
    status_on: date | None = None
    milestones: list[MilestoneRecord] = field(default_factory=list)
    cells: tuple[str, ...] = ()


class _Row:
    """The reading of one row: values so far, note pieces, bad cells."""

    def __init__(self, number: int, cells: list[str], header: list[str]) -> None:
        self.number = number
        self.cells = cells
        self.header = header
        self.values: dict[str, Any] = {}
        self.notes: list[tuple[int, str]] = []
        self.bad: list[BadCell] = []
        self.light_column: int | None = None

    def text(self, index: int) -> str:
        cells = self.cells
        return clean(cells[index]) if index < len(cells) and cells[index] else ""

    def column(self, index: int) -> str:
        return short_label(self.header[index])

    def note(self, index: int, text: str) -> None:
        self.notes.append((index, f"{self.column(index)}: {text}"))

    def error(self, index: int, text: str, reason: str) -> None:
        self.bad.append(BadCell(self.number, self.column(index), text, reason))


def _value(kind: str, text: str, bound: Bound) -> Any:
    """The value of one non-blank cell, or CellError."""
    rule = bound.rule
    if kind in ("text", "notes"):
        return text
    if kind == "code":
        if len(text) > 64:
            raise CellError("is longer than 64 characters", "a short project code")
        return text
    if kind == "money":
        return parse_money(text, bound.unit)
    if kind in ("deadline", "day"):
        deadline = parse_date(text, rule.formats)
        if kind == "day" and deadline.precision.value != "day":
            raise CellError(f"is a {deadline.precision.value}", "a single day such as 2026-03-31")
        return deadline
    if kind == "count":
        return parse_count(text, 0, 3650)
    if kind == "flag":
        return parse_flag(text)
    if kind == "precision":
        if text.casefold() not in _PRECISIONS:
            raise CellError("is not a precision", "day, month, quarter or year")
        return text.casefold()
    if kind == "currency":
        upper = {"人民币": "CNY", "元": "CNY", "英镑": "GBP", "£": "GBP"}.get(text, text.upper())
        if len(upper) != 3 or not upper.isalpha():
            raise CellError("is not a currency", "a currency code such as CNY or GBP")
        return upper
    choices = {
        "light": LIGHT_VALUES,
        "stage": STAGE_VALUES,
        "category": _CATEGORIES,
    }[kind]
    key = normal(text)
    found = rule.values.get(key) or choices.get(rule.values.get(key, key))
    if found is None or found not in choices.values():
        allowed = sorted({*choices.values(), *rule.values})
        raise CellError(f"is not a {kind}", ", ".join(allowed))
    return found


def _read_rule(row: _Row, bound: Bound) -> None:
    """Fill one field from the first of its columns that holds a value."""
    kind = FIELDS[bound.rule.field]
    unknown: list[tuple[int, str]] = []
    for index in bound.indexes:
        text = row.text(index)
        if not text:
            continue
        if kind not in ("text", "notes", "code") and is_no_value(text):
            unknown.append((index, text))
            continue
        try:
            row.values[bound.rule.field] = _value(kind, text, bound)
        except CellError as error:
            if kind != "code" and not_a_value(text):
                unknown.append((index, text))
                continue
            row.error(index, text, f"{error.problem}: expected {error.expected}")
            return
        if bound.rule.field == "light":
            row.light_column = index
        break
    found = bound.rule.field in row.values
    for index, text in unknown:
        if not (found and is_no_value(text)):
            row.note(index, text)


def read_rows(
    sheet: Sheet, bound: list[Bound], note_indexes: list[int], mapping: Mapping
) -> tuple[list[ProjectRecord], list[BadCell]]:
    """Every project of the sheet, and every bad cell (rows with one are left out)."""
    projects: dict[str, ProjectRecord] = {}
    bad: list[BadCell] = []
    project_rules = [b for b in bound if b.rule.field not in MILESTONE_FIELDS]
    milestone_rules = [b for b in bound if b.rule.field in MILESTONE_FIELDS]
    project_columns = sorted({i for b in project_rules for i in b.indexes} | set(note_indexes))
    code_rule = next(b for b in project_rules if b.rule.field == "code")
    for number, cells in sheet.rows:
        row = _Row(number, cells, sheet.header)
        key = tuple(cells[i].strip() if i < len(cells) else "" for i in project_columns)
        code = row.text(code_rule.indexes[0])
        if not code:
            row.error(code_rule.indexes[0], code, "is blank: expected the project code")
            bad.extend(row.bad)
            continue
        first = projects.get(code)
        if first is not None and not milestone_rules:
            row.error(code_rule.indexes[0], code, f"repeats the code of row {first.row}")
        elif first is not None and any(k and k != f for k, f in zip(key, first.cells, strict=True)):
            index = next(
                i for i, k, f in zip(project_columns, key, first.cells, strict=True) if k and k != f
            )
            row.error(index, row.text(index), f"differs from row {first.row} of project {code}")
        milestone = _milestone(row, milestone_rules)
        if first is None and not row.bad:
            first = _project(row, code, project_rules, note_indexes, mapping, key)
        if row.bad:
            bad.extend(row.bad)
            continue
        if first is not None:
            projects.setdefault(code, first)
            if milestone is not None:
                first.milestones.append(milestone)
    return list(projects.values()), bad


def _project(
    row: _Row,
    code: str,
    rules: list[Bound],
    note_indexes: list[int],
    mapping: Mapping,
    key: tuple[str, ...],
) -> ProjectRecord | None:
    for bound in rules:
        _read_rule(row, bound)
    for index in note_indexes:
        text = row.text(index)
        if text and not is_no_value(text):
            row.note(index, text)
    values = row.values
    if not values.get("name"):
        name_rule = next((b for b in rules if b.rule.field == "name"), None)
        if name_rule is not None:
            index = name_rule.indexes[0]
            row.error(index, row.text(index), "is blank: expected the project name")
    if row.bad:
        return None
    fields: dict[str, Any] = {k: v for k, v in mapping.defaults.items()}
    for name, value in values.items():
        if name in ("light", "status_narrative", "status_on", "notes") or name.startswith(
            "milestone"
        ):
            continue
        if name == "total_investment":
            cents, currency = value
            fields["total_investment_cents"] = cents
            if currency and "currency" not in values:
                fields["currency"] = currency
        elif isinstance(value, Deadline):
            fields[name] = value.due
            if name not in ("actual_start", "actual_finish"):
                fields[f"{name}_precision"] = value.precision.value
        elif not name.endswith("_precision"):
            fields[name] = value
    for name, value in values.items():
        if name.endswith("_precision") and fields.get(name.removesuffix("_precision")):
            fields[name] = value
    for bound in rules:
        _unknown_to_none(bound.rule.field, values, fields)
    fields["code"] = code
    if mapping.sources:
        fields["sources"] = mapping.sources.format(code=code, name=fields.get("name", ""))
    narrative = values.get("status_narrative") or ""
    light_rule = next((b for b in rules if b.rule.field == "light"), None)
    if light_rule is not None and len(light_rule.indexes) > 1 and row.light_column is not None:
        source = f"{row.column(row.light_column)}: {row.text(row.light_column)}"
        narrative = f"{source}\n{narrative}".strip()
    notes = [text for _, text in sorted(row.notes)]
    if values.get("notes"):
        notes.insert(0, values["notes"])
    owns = any(b.rule.field == "notes" for b in rules) or bool(note_indexes)
    return ProjectRecord(
        row=row.number,
        code=code,
        fields=fields,
        notes=notes,
        owns_notes=owns,
        light=values.get("light"),
        narrative=narrative,
        status_on=values["status_on"].due if "status_on" in values else None,
        cells=key,
    )


def _unknown_to_none(name: str, values: dict[str, Any], fields: dict[str, Any]) -> None:
    """A mapped field whose cell held no value is unknown in the database too."""
    untouched = ("light", "status_narrative", "status_on", "notes", "code", "name", "category")
    if name in values or name in (*untouched, "stage"):
        return
    if name == "total_investment":
        fields["total_investment_cents"] = None
    elif name.endswith("_precision"):
        return
    elif name in ("baseline_start", "baseline_finish", "forecast_finish"):
        fields[name] = None
        fields[f"{name}_precision"] = None
    elif name != "currency":
        fields[name] = None


def _milestone(row: _Row, rules: list[Bound]) -> MilestoneRecord | None:
    cells = row.cells
    if not rules or not any(cells[i].strip() for b in rules for i in b.indexes if i < len(cells)):
        return None
    before = len(row.notes)
    for bound in rules:
        _read_rule(row, bound)
    unknown = [text for _, text in row.notes[before:]]
    del row.notes[before:]
    values = row.values
    name = values.get("milestone")
    if not name:
        index = next(b.indexes[0] for b in rules)
        row.error(index, row.text(index), "is blank: expected the milestone's name")
        return None
    given = {b.rule.field for b in rules}
    fields: dict[str, Any] = {"name": name}
    for key in ("name_en", "owner", "lead_days", "note", "illustrative"):
        if f"milestone_{key}" in given:
            fields[key] = values.get(f"milestone_{key}", False if key == "illustrative" else None)
    for key in ("baseline", "forecast", "done"):
        if f"milestone_{key}" not in given:
            continue
        deadline = values.get(f"milestone_{key}")
        fields[key] = None if deadline is None else deadline.due
        fields[f"{key}_precision"] = None if deadline is None else deadline.precision.value
    if unknown:
        fields["note"] = "\n".join([fields.get("note") or "", *unknown]).strip()
    return MilestoneRecord(row.number, fields)


def status_day(mapping: Mapping, as_of: date | None, today: date) -> tuple[date, bool]:
    """The day of the status updates a light column makes, and whether it was given."""
    if as_of is not None:
        return as_of, True
    if mapping.status_on is not None:
        return mapping.status_on, True
    return today, False
