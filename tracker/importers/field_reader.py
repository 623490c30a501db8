"""Reading one row's fields through the sheet's bound rules: each cell blank, unknown, a value,
or a BadCell (row, column, value, reason) that leaves its row out.

rows.py assembles the fields read here into project and milestone records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.config.run import has_control
from tracker.i18n.catalogue import N_, Word, tr
from tracker.importers.cells import (
    CellError,
    Reason,
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
    STAGE_VALUES,
    Bound,
    category_values,
    library_values,
    normal,
    short_label,
)

_PRECISIONS = ("day", "month", "quarter", "year")
_NOT_A = {
    "light": N_("is not a light"),
    "stage": N_("is not a stage"),
    "category": N_("is not a category"),
    "library": N_("is not a library"),
}
_CATEGORIES = category_values()
_LIBRARIES = library_values()


@dataclass(frozen=True)
class BadCell:
    """One reason a row could not be imported."""

    row: int
    column: str
    value: str
    reason: Reason
    sheet: str | None = None
    """The sheet, when it is not the file's main one (the approvals of an XLSX)."""

    def line(self, sheet: str, lang: str) -> str:
        """The report line: sheet, row, column, value and what was expected, in `lang`."""
        return tr(
            lang,
            "{sheet} row {row}, column {column!r}: {value!r} {reason}",
            sheet=self.sheet or sheet,
            row=self.row,
            column=self.column,
            value=self.value,
            reason=self.reason.text(lang),
        )


class RowReading:
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

    def error(self, index: int, text: str, reason: Reason) -> None:
        self.bad.append(BadCell(self.number, self.column(index), text, reason))


def _value(kind: str, text: str, bound: Bound) -> Any:
    """The value of one non-blank cell, or CellError."""
    rule = bound.rule
    if kind in ("text", "notes"):
        return text
    if kind == "code":
        if len(text) > 64:
            raise CellError(N_("is longer than 64 characters"), N_("a short project code"))
        if has_control(text):
            raise CellError(
                N_("has control characters"), N_("a project code without control characters")
            )
        return text
    if kind == "name":  # a leader's name or title (issue #16): it shows in `tracker log`
        if has_control(text) or len(text) > 200:
            raise CellError(N_("has control characters"), N_("a name without control characters"))
        return text
    if kind == "money":
        return parse_money(text, bound.unit)
    if kind in ("deadline", "day"):
        deadline = parse_date(text, rule.formats)
        if kind == "day" and deadline.precision.value != "day":
            raise CellError(
                N_("is a {precision}, not a day"),
                N_("a single day such as 2026-03-31"),
                precision=Word(deadline.precision.value),
            )
        return deadline
    if kind == "count":
        return parse_count(text, 0, 3650)
    if kind == "flag":
        return parse_flag(text)
    if kind == "precision":
        if text.casefold() not in _PRECISIONS:
            raise CellError(N_("is not a precision"), N_("day, month, quarter or year"))
        return text.casefold()
    if kind == "currency":
        upper = {"人民币": "CNY", "元": "CNY", "英镑": "GBP", "£": "GBP"}.get(text, text.upper())
        if len(upper) != 3 or not upper.isalpha():
            raise CellError(N_("is not a currency"), N_("a currency code such as CNY or GBP"))
        return upper
    choices = {
        "light": LIGHT_VALUES,
        "stage": STAGE_VALUES,
        "category": _CATEGORIES,
        "library": _LIBRARIES,
    }[kind]
    key = normal(text)
    found = rule.values.get(key) or choices.get(rule.values.get(key, key))
    if found is None or found not in choices.values():
        allowed = sorted({*choices.values(), *rule.values})
        raise CellError(_NOT_A[kind], N_("one of {choices}"), choices=", ".join(allowed))
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
        if kind not in ("code", "name") and not_a_value(text):
            return text, _UNKNOWN, None
        return text, _ERROR, error.reason


class FieldReader:
    """One bound rule worked out once: fills its field of a row from the first of its columns
    that holds a value, reading each distinct cell text once (dates and amounts repeat)."""

    __slots__ = ("bound", "indexes", "kind", "memo", "name")

    def __init__(self, bound: Bound) -> None:
        self.bound = bound
        self.name = bound.rule.field
        self.kind = FIELDS[self.name]
        self.indexes = bound.indexes
        self.memo: dict[str, Outcome] | None = None if self.kind == "notes" else {}

    def read(self, row: RowReading) -> None:
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
