"""The native format's approval items (前期手续) and programme memberships (issue #16).

An XLSX has an `Approvals` (前期手续) and a `Programmes` (所属计划) sheet, each row naming its
project by the code; a CSV carries the same columns on its long rows, beside the milestone
cells (a row holds at most one milestone, one item and one membership). A row whose step (or
programme) cell is blank holds none. The cells are read strictly: a day, a step, a programme, a
year or a flag that does not parse is a bad cell naming the sheet, row, column, value and what
was expected, and nothing is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from tracker.config.approval_template import Step
from tracker.config.run import has_control
from tracker.core.errors import InputError
from tracker.core.steering import PROGRAMMES, choose
from tracker.i18n.catalogue import N_, Word
from tracker.importers.cells import CellError, Reason, clean, parse_count, parse_date, parse_flag
from tracker.importers.field_reader import BadCell
from tracker.importers.mapping import normal
from tracker.importers.reading import Sheet

APPROVAL_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("approval_step", "审批事项", "approval step"),
    ("approval_department", "审批部门", "approving department"),
    ("approval_officer", "经办人", "approval officer"),
    ("approval_planned", "计划办结", "approval planned"),
    ("approval_submitted", "报送日期", "approval submitted"),
    ("approval_approved", "批复日期", "approval approved"),
    ("approval_number", "批复文号", "approval number"),
    ("approval_note", "手续备注", "approval note"),
    ("approval_illustrative", "手续示意数据", "approval illustrative"),
)
PROGRAMME_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("programme", "所属计划", "programme"),
    ("programme_year", "计划年度", "programme year"),
    ("programme_joined", "纳入日期", "programme joined"),
    ("programme_left", "退出日期", "programme left"),
    ("programme_reason", "退出原因", "programme reason"),
    ("programme_illustrative", "计划示意数据", "programme illustrative"),
)
APPROVAL_SHEETS = ("approvals", "前期手续")
PROGRAMME_SHEETS = ("programmes", "所属计划")
_CODE = ("code", "项目代码", "project code")
_MAX_TEXT = 500


@dataclass
class Items:
    """The approval items and memberships of a file, by project code, as the tables store
    them; an approval item's department is None when its cell was blank (the template's)."""

    approvals: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    programmes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    bad: list[BadCell] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    """The first row that names each code."""


def has_columns(sheet: Sheet, columns: tuple[tuple[str, str, str], ...]) -> bool:
    """True when the sheet's header names the first of `columns` (the step, the programme)."""
    return columns[0][0] in _indexes(sheet.header, columns)


def read_items(
    approvals: Sheet | None, programmes: Sheet | None, steps: tuple[Step, ...], today: date
) -> Items:
    """The items of the sheets that hold them (either may be None, or the same sheet)."""
    items = Items()
    if approvals is not None:
        _read(approvals, APPROVAL_COLUMNS, _Approval(steps, today), items.approvals, items)
    if programmes is not None:
        _read(programmes, PROGRAMME_COLUMNS, _Programme(today), items.programmes, items)
    return items


def _indexes(header: list[str], columns: tuple[tuple[str, str, str], ...]) -> dict[str, int]:
    normals = [normal(h) for h in header]
    found: dict[str, int] = {}
    for key, *names in columns:
        for name in (key, *names):
            if normal(name) in normals:
                found[key] = normals.index(normal(name))
                break
    return found


class _Row:
    """The cells of one row by column key, and its bad cells."""

    def __init__(self, sheet: Sheet, number: int, cells: list[str], at: dict[str, int]) -> None:
        self.sheet, self.number, self.cells, self.at = sheet, number, cells, at
        self.bad: list[BadCell] = []

    def text(self, key: str) -> str:
        index = self.at.get(key)
        if index is None or index >= len(self.cells):
            return ""
        return clean(self.cells[index] or "")

    def refuse(self, key: str, reason: Reason) -> None:
        index = self.at.get(key, 0)
        column = self.sheet.header[index].strip() if index < len(self.sheet.header) else key
        self.bad.append(BadCell(self.number, column, self.text(key), reason, self.sheet.name))

    def value(self, key: str, read: Callable[[str], Any]) -> Any:
        """The cell's value (None when blank); a bad cell is noted and gives None."""
        text = self.text(key)
        if not text:
            return None
        try:
            return read(text)
        except CellError as error:
            self.refuse(key, error.reason)
            return None


def _read(
    sheet: Sheet,
    columns: tuple[tuple[str, str, str], ...],
    reader: _Approval | _Programme,
    into: dict[str, list[dict[str, Any]]],
    items: Items,
) -> None:
    at = {**_indexes(sheet.header, (_CODE,)), **_indexes(sheet.header, columns)}
    keys = [key for key, _, _ in columns]
    indexes = [at[key] for key in keys if key in at]
    if not indexes:
        return
    pick, reach = itemgetter(*indexes, indexes[0]), max(indexes)
    seen: dict[tuple[str, Any], int] = {}
    for number, cells in sheet.rows:
        # most rows of a long CSV hold a milestone only: their item cells joined are blank
        if len(cells) > reach:
            if not "".join(pick(cells)).strip():
                continue
        elif not any(cells[i].strip() for i in indexes if i < len(cells)):
            continue
        row = _Row(sheet, number, cells, at)
        code = row.text("code")
        if not code:
            row.refuse("code", Reason(N_("is blank"), N_("the project code")))
        fields = reader.read(row)
        if fields is not None and code and not row.bad:
            key = (code, reader.key(fields))
            if key in seen:
                row.refuse(
                    keys[0], Reason(N_("repeats the item of row {row}"), "", {"row": seen[key]})
                )
            seen.setdefault(key, number)
        if row.bad:
            items.bad.extend(row.bad)
        elif fields is not None:
            into.setdefault(code, []).append(fields)
            items.rows.setdefault(code, number)


def _text(text: str) -> str:
    if len(text) > _MAX_TEXT or has_control(text.replace("\n", " ")):
        raise CellError(
            N_("is too long or has control characters"),
            N_("a text of 1 to 500 characters on one line"),
        )
    return text


def _day(today: date) -> Callable[[str], date]:
    def read(text: str) -> date:
        deadline = parse_date(text)
        if deadline.precision.value != "day":
            raise CellError(
                N_("is a {precision}, not a day"),
                N_("a single day such as 2026-03-31"),
                precision=Word(deadline.precision.value),
            )
        if deadline.due > today:
            raise CellError(
                N_("is after today"), N_("a day not after today, {today}"), today=today.isoformat()
            )
        return deadline.due

    return read


class _Approval:
    """One approval item from a row: its step is the template's, by key or name."""

    def __init__(self, steps: tuple[Step, ...], today: date) -> None:
        self.steps = steps
        self.day = _day(today)

    def _step(self, text: str) -> Step:
        typed = text.casefold()
        for step in self.steps:
            if typed in (step.key, step.name.casefold(), step.name_en.casefold()):
                return step
        raise CellError(
            N_("is not a step of the template"),
            N_("one of {choices}"),
            choices=", ".join(s.key for s in self.steps),
        )

    @staticmethod
    def key(fields: dict[str, Any]) -> Any:
        return fields["step"]

    def read(self, row: _Row) -> dict[str, Any] | None:
        if not row.text("approval_step"):
            row.refuse("approval_step", Reason(N_("is blank"), N_("the approval step")))
            return None
        step = row.value("approval_step", self._step)
        planned = row.value("approval_planned", parse_date)
        submitted = row.value("approval_submitted", self.day)
        approved = row.value("approval_approved", self.day)
        fields = {
            "department": row.value("approval_department", _text),
            "officer": row.value("approval_officer", _text),
            "number": row.value("approval_number", _text),
            "note": row.value("approval_note", _text),
            "illustrative": bool(row.value("approval_illustrative", parse_flag)),
            "planned": planned.due if planned else None,
            "planned_precision": planned.precision.value if planned else None,
            "submitted": submitted,
            "approved": approved,
        }
        if approved and submitted and approved < submitted:
            row.refuse(
                "approval_approved",
                Reason(
                    N_("is before the submission"),
                    N_("a day not before the submission, {submitted}"),
                    {"submitted": submitted.isoformat()},
                ),
            )
        if step is None or row.bad:
            return None
        position = [s.key for s in self.steps].index(step.key)
        return {
            "step": step.key,
            "name": step.name,
            "name_en": step.name_en,
            "position": position,
            "template_department": step.department,
            **fields,
        }


class _Programme:
    """One programme membership from a row: the programme by key or label, its year, the day
    it joined and (when it left) the day and reason."""

    def __init__(self, today: date) -> None:
        self.day = _day(today)

    @staticmethod
    def key(fields: dict[str, Any]) -> Any:
        return (fields["programme"], fields["year"], fields["joined_on"])

    @staticmethod
    def _programme(text: str) -> str:
        try:
            return choose("programme", text, PROGRAMMES)
        except InputError:
            raise CellError(
                N_("is not a programme"), N_("one of {choices}"), choices=", ".join(PROGRAMMES)
            ) from None

    def read(self, row: _Row) -> dict[str, Any] | None:
        programme = row.value("programme", self._programme)
        if not row.text("programme"):
            row.refuse("programme", Reason(N_("is blank"), N_("the programme")))
        year = row.value("programme_year", lambda text: parse_count(text, 2000, 2100))
        if not row.text("programme_year"):
            row.refuse("programme_year", Reason(N_("is blank"), N_("the programme's year")))
        joined = row.value("programme_joined", self.day)
        if not row.text("programme_joined"):
            row.refuse("programme_joined", Reason(N_("is blank"), N_("the day it joined")))
        left = row.value("programme_left", self.day)
        reason = row.value("programme_reason", _text)
        if left is not None and not reason:
            row.refuse(
                "programme_reason",
                Reason(N_("is blank"), N_("why the project leaves the programme")),
            )
        if left is not None and joined is not None and left < joined:
            row.refuse(
                "programme_left",
                Reason(
                    N_("is before the day it joined"),
                    N_("a day not before it joined, {joined}"),
                    {"joined": joined.isoformat()},
                ),
            )
        if row.bad:
            return None
        return {
            "programme": programme,
            "year": year,
            "joined_on": joined,
            "left_on": left,
            "reason": reason,
            "illustrative": bool(row.value("programme_illustrative", parse_flag)),
        }
