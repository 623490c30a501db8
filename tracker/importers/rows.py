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
from tracker.i18n.catalogue import N_
from tracker.importers.cells import Reason, clean, is_no_value
from tracker.importers.field_reader import BadCell, FieldReader, RowReading
from tracker.importers.mapping import MILESTONE_FIELDS, Bound, Mapping
from tracker.importers.reading import Sheet


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
    approvals: list[dict[str, Any]] = field(default_factory=list)
    """Its approval items (native_items), as approval_item stores them."""
    programmes: list[dict[str, Any]] = field(default_factory=list)
    """Its programme memberships (native_items)."""


def read_rows(
    sheet: Sheet,
    bound: list[Bound],
    note_indexes: list[int],
    mapping: Mapping,
    *,
    long: bool = False,
) -> tuple[list[ProjectRecord], list[BadCell]]:
    """Every project of the sheet, and every bad cell (rows with one are left out). A code
    may repeat when the sheet has milestone columns, or (`long`) approval or programme ones."""
    projects: dict[str, ProjectRecord] = {}
    first_cells: dict[str, list[str]] = {}
    bad: list[BadCell] = []
    project_rules = [b for b in bound if b.rule.field not in MILESTONE_FIELDS]
    milestone_rules = [b for b in bound if b.rule.field in MILESTONE_FIELDS]
    project_columns = sorted({i for b in project_rules for i in b.indexes} | set(note_indexes))
    code_rule = next(b for b in project_rules if b.rule.field == "code")
    code_index = code_rule.indexes[0]
    readers = [FieldReader(b) for b in project_rules]
    milestones = _Milestones(milestone_rules)
    last_raw_code, code = "", ""
    for number, cells in sheet.rows:
        row = RowReading(number, cells, sheet.header)
        size = len(cells)
        raw = [cells[i] if i < size else "" for i in project_columns]
        raw_code = cells[code_index] if code_index < size else ""
        if raw_code != last_raw_code or not code:
            last_raw_code, code = raw_code, clean(raw_code)
        if not code:
            row.error(code_index, code, Reason(N_("is blank"), N_("the project code")))
            bad.extend(row.bad)
            continue
        first = projects.get(code)
        key: tuple[str, ...] = ()
        if first is None or raw != first_cells[code]:
            key = tuple(cell.strip() for cell in raw)
        if first is not None and not milestone_rules and not long:
            row.error(
                code_index,
                code,
                Reason(N_("repeats the code of row {row}"), "", {"row": first.row}),
            )
        elif first is not None and key and _differs(key, first.cells):
            index = next(
                i for i, k, f in zip(project_columns, key, first.cells, strict=True) if k and k != f
            )
            row.error(
                index,
                row.text(index),
                Reason(
                    N_("differs from row {row} of project {code}"),
                    "",
                    {"row": first.row, "code": code},
                ),
            )
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
    row: RowReading,
    code: str,
    rules: list[Bound],
    readers: list[FieldReader],
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
            row.error(index, row.text(index), Reason(N_("is blank"), N_("the project name")))
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
        elif name == "enrolled_amount":  # 入库纳统 (issue #16), in the project's currency
            fields["enrolled_cents"] = value[0]
        elif isinstance(value, Deadline):
            fields[name] = value.due
            if name not in ("actual_start", "actual_finish", "enrolled_on"):
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
    # a blank approvals_parallel leaves the project's approvals mode as it is
    untouched = ("light", "status_narrative", "status_on", "notes", "code", "name", "category")
    if name in values or name in (*untouched, "stage", "approvals_parallel"):
        return
    if name == "total_investment":
        fields["total_investment_cents"] = None
    elif name == "enrolled_amount":
        fields["enrolled_cents"] = None
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
        self.readers = [FieldReader(b) for b in rules]
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

    def read(self, row: RowReading) -> MilestoneRecord | None:
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
            row.error(index, row.text(index), Reason(N_("is blank"), N_("the milestone's name")))
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
