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
from operator import itemgetter
from typing import Any

from tracker.core.dates import Deadline
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


_BLANK, _UNKNOWN, _ERROR, _VALUE = range(4)
_PLAIN = ("text", "notes", "code")
# What one cell means for one bound rule: (cleaned text, one of the four outcomes, the value or
# the reason). Dates and amounts repeat down a long sheet, so each distinct cell is read once.
Outcome = tuple[str, int, Any]


def _outcome(kind: str, raw: str, bound: Bound) -> Outcome:
    """What one cell of `bound`'s column holds: blank, unknown, an error or a value."""
    text = clean(raw) if raw else ""
    if not text:
        return text, _BLANK, None
    if kind not in _PLAIN and is_no_value(text):
        return text, _UNKNOWN, None
    try:
        return text, _VALUE, _value(kind, text, bound)
    except CellError as error:
        if kind != "code" and not_a_value(text):
            return text, _UNKNOWN, None
        return text, _ERROR, f"{error.problem}: expected {error.expected}"


class _Reader:
    """One bound rule worked out once: fills its field of a row from the first of its columns
    that holds a value, reading each distinct cell text once (dates and amounts repeat)."""

    __slots__ = ("bound", "indexes", "kind", "memo", "name")

    def __init__(self, bound: Bound) -> None:
        self.bound = bound
        self.name = bound.rule.field
        self.kind = FIELDS[self.name]
        self.indexes = bound.indexes
        self.memo: dict[str, Outcome] | None = None if self.kind == "notes" else {}

    def read(self, row: _Row) -> None:
        """Fill the field in `row.values`, or note its unknown cells, or report its bad cell."""
        cells = row.cells
        size = len(cells)
        memo = self.memo
        unknown: list[tuple[int, str]] = []
        for index in self.indexes:
            raw = cells[index] if index < size else ""
            if memo is None:
                outcome = _outcome(self.kind, raw, self.bound)
            else:
                found = memo.get(raw)
                outcome = found or memo.setdefault(raw, _outcome(self.kind, raw, self.bound))
            text, status, value = outcome
            if status == _BLANK:
                continue
            if status == _UNKNOWN:
                unknown.append((index, text))
                continue
            if status == _ERROR:
                row.error(index, text, value)
                return
            row.values[self.name] = value
            if self.name == "light":
                row.light_column = index
            break
        if unknown:
            known = self.name in row.values
            for index, text in unknown:
                if not (known and is_no_value(text)):
                    row.note(index, text)


def read_rows(
    sheet: Sheet, bound: list[Bound], note_indexes: list[int], mapping: Mapping
) -> tuple[list[ProjectRecord], list[BadCell]]:
    """Every project of the sheet, and every bad cell (rows with one are left out)."""
    projects: dict[str, ProjectRecord] = {}
    first_cells: dict[str, list[str]] = {}
    bad: list[BadCell] = []
    project_rules = [b for b in bound if b.rule.field not in MILESTONE_FIELDS]
    milestone_rules = [b for b in bound if b.rule.field in MILESTONE_FIELDS]
    project_columns = sorted({i for b in project_rules for i in b.indexes} | set(note_indexes))
    code_rule = next(b for b in project_rules if b.rule.field == "code")
    code_index = code_rule.indexes[0]
    readers = [_Reader(b) for b in project_rules]
    milestones = _Milestones(milestone_rules)
    last_raw_code, code = "", ""
    for number, cells in sheet.rows:
        row = _Row(number, cells, sheet.header)
        size = len(cells)
        raw = [cells[i] if i < size else "" for i in project_columns]
        raw_code = cells[code_index] if code_index < size else ""
        if raw_code != last_raw_code or not code:
            last_raw_code, code = raw_code, clean(raw_code)
        if not code:
            row.error(code_index, code, "is blank: expected the project code")
            bad.extend(row.bad)
            continue
        first = projects.get(code)
        key: tuple[str, ...] = ()
        if first is None or raw != first_cells[code]:
            key = tuple(cell.strip() for cell in raw)
        if first is not None and not milestone_rules:
            row.error(code_index, code, f"repeats the code of row {first.row}")
        elif first is not None and key and _differs(key, first.cells):
            index = next(
                i for i, k, f in zip(project_columns, key, first.cells, strict=True) if k and k != f
            )
            row.error(index, row.text(index), f"differs from row {first.row} of project {code}")
        milestone = milestones.read(row)
        if first is None and not row.bad:
            first = _project(row, code, project_rules, readers, note_indexes, mapping, key)
        if row.bad:
            bad.extend(row.bad)
            continue
        if first is not None:
            if code not in projects:
                projects[code] = first
                first_cells[code] = raw
            if milestone is not None:
                first.milestones.append(milestone)
    return list(projects.values()), bad


def _differs(key: tuple[str, ...], first: tuple[str, ...]) -> bool:
    """True when a repeated row's project cells disagree with its first row (blanks agree)."""
    return any(k and k != f for k, f in zip(key, first, strict=True))


def _project(
    row: _Row,
    code: str,
    rules: list[Bound],
    readers: list[_Reader],
    note_indexes: list[int],
    mapping: Mapping,
    key: tuple[str, ...],
) -> ProjectRecord | None:
    for reader in readers:
        reader.read(row)
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


class _Milestones:
    """Reads the milestone of a row through the sheet's milestone rules (worked out once)."""

    def __init__(self, rules: list[Bound]) -> None:
        self.rules = rules
        self.readers = [_Reader(b) for b in rules]
        indexes = [i for b in rules for i in b.indexes]
        self.indexes = indexes
        self.reach = max(indexes, default=-1)
        self.pick = itemgetter(*indexes) if indexes else None
        given = {b.rule.field for b in rules}
        self.plain = [
            (key, f"milestone_{key}", False if key == "illustrative" else None)
            for key in ("name_en", "owner", "lead_days", "note", "illustrative")
            if f"milestone_{key}" in given
        ]
        self.deadlines = [
            (key, f"milestone_{key}", f"{key}_precision")
            for key in ("baseline", "forecast", "done")
            if f"milestone_{key}" in given
        ]

    def read(self, row: _Row) -> MilestoneRecord | None:
        """The row's milestone, None when its milestone cells are blank (or on a bad cell)."""
        cells = row.cells
        if self.pick is None:
            return None
        if len(cells) > self.reach:
            # one cell of them holds more than blanks exactly when their text joined does
            picked = self.pick(cells)
            if not "".join(picked).strip():
                return None
        elif not any(cells[i].strip() for i in self.indexes if i < len(cells)):
            return None
        notes = row.notes
        before = len(notes)
        for reader in self.readers:
            reader.read(row)
        unknown = [text for _, text in notes[before:]]
        del notes[before:]
        values = row.values
        name = values.get("milestone")
        if not name:
            index = self.rules[0].indexes[0]
            row.error(index, row.text(index), "is blank: expected the milestone's name")
            return None
        fields: dict[str, Any] = {"name": name}
        for key, source, default in self.plain:
            fields[key] = values.get(source, default)
        for key, source, precision in self.deadlines:
            deadline = values.get(source)
            if deadline is None:
                fields[key] = None
                fields[precision] = None
            else:
                fields[key] = deadline.due
                fields[precision] = deadline.precision.value
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
