"""One import from start to end: read, validate every row, then write all of it or none of it.

`validate` touches no database: a file with a bad row is refused before anything is opened for
writing. `write` compares the records with the database and writes the difference through the
bulk door in one transaction (or, for a dry run, rolls it back).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from tracker.config.approval_template import DEFAULT_STEPS, Step
from tracker.core.errors import InputError
from tracker.importers.field_reader import BadCell
from tracker.importers.gmpp import gmpp_mapping
from tracker.importers.import_plan import StatusRule, Summary, build_plan
from tracker.importers.mapping import Mapping, bind, load_mapping
from tracker.importers.native import MILESTONE_SHEETS, PROJECT_SHEETS, native_mapping
from tracker.importers.native_items import (
    APPROVAL_COLUMNS,
    APPROVAL_SHEETS,
    PROGRAMME_COLUMNS,
    PROGRAMME_SHEETS,
    has_columns,
    read_items,
)
from tracker.importers.reading import Sheet, read_sheets
from tracker.importers.rows import ProjectRecord, read_rows, status_day
from tracker.store.write.bulk import BulkWriter, Written
from tracker.store.write.bulk_leaders import resolve_leaders


@dataclass
class Validated:
    """A file's records and the report of its bad rows."""

    path: Path
    sheet: str
    mapping: Mapping
    records: list[ProjectRecord]
    bad: list[BadCell] = field(default_factory=list)


@dataclass
class Outcome:
    """What an import did (or, for a dry run, would do)."""

    summary: Summary
    written: Written | None
    bad: list[BadCell]


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Pause Python's cycle collector while a file's rows are read and written.

    A 200,000-row file makes millions of small lists, dicts and tuples that all live to the end;
    the collector would walk them again and again for garbage they do not hold (reference
    counting still frees everything else at once). Its setting is restored afterwards.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def choose_mapping(name: str, path: Path, as_of: date | None) -> Mapping:
    """`native`, `gmpp`, or a TOML mapping file."""
    if name == "native":
        return native_mapping()
    if name == "gmpp":
        return gmpp_mapping(path, as_of)
    if name.endswith(".toml") or Path(name).is_file():
        return load_mapping(Path(name))
    raise InputError("--mapping", name, "native, gmpp or a MAPPING.toml file")


def _pick(sheets: list[Sheet], mapping: Mapping) -> tuple[Sheet, Sheet | None]:
    if mapping.sheet is not None:
        chosen = [s for s in sheets if s.name == mapping.sheet]
        if not chosen:
            names = ", ".join(s.name for s in sheets)
            raise InputError(
                "sheet", mapping.sheet, "one of the workbook's sheets: {names}", names=names
            )
        return chosen[0], None
    if mapping.name == "native" and len(sheets) > 1:
        projects = next((s for s in sheets if s.name.casefold() in PROJECT_SHEETS), sheets[0])
        milestones = next((s for s in sheets if s.name.casefold() in MILESTONE_SHEETS), None)
        return projects, milestones
    return sheets[0], None


def _check_rows(sheet: Sheet, path: Path) -> None:
    where = path.name if sheet.name == path.name else f"{path.name}, sheet {sheet.name}"
    if not any(cell.strip() for cell in sheet.header):
        raise InputError("FILE", where, "a sheet with a header row (this one is empty)")
    if not sheet.rows:
        raise InputError("FILE", where, "rows under the header (this sheet has no data rows)")


def validate(
    path: Path,
    mapping: Mapping,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    tick: Callable[[int], None] | None = None,
    steps: tuple[Step, ...] = DEFAULT_STEPS,
    today: date = date.max,
) -> Validated:
    """Read and validate every row of the file; raises InputError for a file that cannot be
    read as a sheet at all (empty, binary, no such sheet, wrong columns). A native file's
    approval items are read against the template's `steps`; their days may not be after
    `today`."""
    with _without_cycle_collector():
        validated, sheets = _validate(path, mapping, encoding, sheet, tick)
        if mapping.name == "native":
            _items(validated, sheets, steps, today)
        return validated


def _items(validated: Validated, sheets: list[Sheet], steps: tuple[Step, ...], today: date) -> None:
    """Read the approval items and memberships (their own sheets, or the long rows of a
    CSV) and give each to its project's record."""
    main = next(s for s in sheets if s.name == validated.sheet)

    def source(names: tuple[str, ...], columns: tuple[tuple[str, str, str], ...]) -> Sheet | None:
        own = next((s for s in sheets if s.name.casefold() in names), None)
        if own is not None:
            return own
        return main if has_columns(main, columns) else None

    items = read_items(
        source(APPROVAL_SHEETS, APPROVAL_COLUMNS),
        source(PROGRAMME_SHEETS, PROGRAMME_COLUMNS),
        steps,
        today,
    )
    validated.bad += items.bad
    by_code = {r.code: r for r in validated.records}
    for kind, found in (("approvals", items.approvals), ("programmes", items.programmes)):
        for code, fields in found.items():
            record = by_code.get(code)
            if record is None:
                record = by_code[code] = ProjectRecord(items.rows[code], code, {})
                validated.records.append(record)
            getattr(record, kind).extend(fields)


def _validate(
    path: Path,
    mapping: Mapping,
    encoding: str | None,
    sheet: str | None,
    tick: Callable[[int], None] | None,
) -> tuple[Validated, list[Sheet]]:
    sheets = read_sheets(path, encoding=encoding, sheet=sheet)
    if mapping.sources:
        mapping = replace(mapping, sources=mapping.sources.replace("{file}", path.name))
    main, milestones = _pick(sheets, mapping)
    _check_rows(main, path)
    bound, notes = bind(mapping, main.header, main.name)
    long = mapping.name == "native" and any(
        has_columns(main, columns) for columns in (APPROVAL_COLUMNS, PROGRAMME_COLUMNS)
    )
    records, bad = read_rows(main, bound, notes, mapping, long=long)
    if tick:
        tick(len(main.rows))
    if milestones is not None and milestones.rows:
        rules = tuple(
            r for r in mapping.rules if r.field == "code" or r.field.startswith("milestone")
        )
        milestone_mapping = replace(mapping, rules=rules, sources=None)
        m_bound, _ = bind(milestone_mapping, milestones.header, milestones.name)
        m_records, m_bad = read_rows(milestones, m_bound, [], milestone_mapping)
        bad += m_bad
        _attach(records, m_records)
        if tick:
            tick(len(milestones.rows))
    return Validated(path, main.name, mapping, records, bad), sheets


def _attach(records: list[ProjectRecord], milestone_records: list[ProjectRecord]) -> None:
    by_code = {r.code: r for r in records}
    for extra in milestone_records:
        owner = by_code.get(extra.code)
        if owner is None:
            extra.fields = {}
            records.append(extra)
            by_code[extra.code] = extra
        else:
            owner.milestones.extend(extra.milestones)


def write(
    validated: Validated,
    engine: Engine,
    *,
    user: str,
    clock: Callable[[], datetime],
    today: date,
    as_of: date | None,
    dry_run: bool,
    skip_bad: bool,
    tick: Callable[[int], None] | None = None,
) -> Outcome:
    """Compare with the database and write the difference in one transaction: nothing on a
    dry run, nor (unless `skip_bad`) when a row names a project neither file nor database has."""
    day, given = status_day(validated.mapping, as_of, today)
    rule = StatusRule(day, given, user)
    with _without_cycle_collector(), engine.connect() as conn, conn.begin() as transaction:
        leaders = resolve_leaders(conn, validated.records)
        plan, summary, orphans = build_plan(
            conn, validated.records, match_by_name=validated.mapping.match_by_name, status=rule
        )
        plan.recorded += leaders
        if leaders:
            summary.added["leader"] += len(leaders)
            summary.lines.extend(("", "leader", "created", None, name) for _, _, name in leaders)
        if dry_run or (orphans and not skip_bad):
            transaction.rollback()
            return Outcome(summary, None, validated.bad + orphans)
        written = BulkWriter(engine, user=user, clock=clock).write_in(conn, plan, tick)
    return Outcome(summary, written, validated.bad + orphans)
