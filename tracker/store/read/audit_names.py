"""What the audit trail's entries refer to, in plain SQL: each record's name, each project's
currency, and the precision a date had when an entry wrote it.

The audit trail stores `milestone 2` and `forecast_precision`; a reader wants the milestone's
name and the date at its precision. A record deleted since is named by its `created` entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tracker.store.read.plainsql import PlainConnection

_CHUNK = 500
# Each record's name, as `name` (and `name_en`); a plan by its year, a report by its month.
_NAMES = {
    "project": "SELECT id, name, name_en FROM project",
    "milestone": "SELECT id, name, name_en FROM milestone",
    "problem": "SELECT id, description AS name, NULL AS name_en FROM problem",
    "investment_plan": (
        "SELECT id, CAST(year AS VARCHAR(8)) AS name, NULL AS name_en FROM investment_plan"
    ),
    "investment_report": "SELECT id, year, month FROM investment_report",
    "status_update": "SELECT id, reported_on AS name, NULL AS name_en FROM status_update",
    # The steering records (issue #16).
    "leader": "SELECT id, name, NULL AS name_en FROM leader",
    "organisation": "SELECT id, name, NULL AS name_en FROM organisation",
    "programme_membership": (
        "SELECT id, programme || ' ' || CAST(year AS VARCHAR(8)) AS name, NULL AS name_en "
        "FROM programme_membership"
    ),
    "enrolment_evidence": "SELECT id, item AS name, NULL AS name_en FROM enrolment_evidence",
    # The approvals pipeline (issue #16).
    "approval_item": "SELECT id, name, name_en FROM approval_item",
}
# The precision of each dated field as the record holds it now.
PRECISIONS = {
    "project": ("baseline_start", "baseline_finish", "forecast_finish"),
    "milestone": ("baseline", "forecast", "done"),
    "problem": ("due",),
    "approval_item": ("planned",),
}


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _in(ids: list[int]) -> tuple[str, dict[str, int]]:
    params = {f"i{n}": value for n, value in enumerate(ids)}
    return ", ".join(f":{name}" for name in params), params


def record_names(
    conn: PlainConnection, keys: set[tuple[str, int]]
) -> dict[tuple[str, int], tuple[str, str | None]]:
    """(name, English name) by (record, id), for the records of `keys` that exist or ever did."""
    by_record: dict[str, list[int]] = defaultdict(list)
    for record, record_id in keys:
        by_record[record].append(record_id)
    names: dict[tuple[str, int], tuple[str, str | None]] = {}
    for record, ids in sorted(by_record.items()):
        sql = _NAMES.get(record)
        for chunk in _chunks(sorted(ids)):
            marks, params = _in(chunk)
            if sql is not None:
                for row in conn.rows(f"SELECT * FROM ({sql}) r WHERE r.id IN ({marks})", params):
                    if record == "investment_report":
                        name = f"{row['year']}-{int(row['month']):02d}"
                        names[(record, row["id"])] = (name, None)
                    else:
                        names[(record, row["id"])] = (str(row["name"]), row["name_en"])
            gone = conn.rows(
                "SELECT c.record_id, c.new FROM change c WHERE c.field = 'created' "
                f"AND c.record = :record AND c.record_id IN ({marks})",
                {"record": record, **params},
            )
            for row in gone:
                names.setdefault((record, row["record_id"]), (row["new"] or "", None))
    return names


def current_precisions(
    conn: PlainConnection, keys: set[tuple[str, int]]
) -> dict[tuple[str, int, str], str | None]:
    """The precision each dated field of the records of `keys` holds now, by (record, id, field)."""
    found: dict[tuple[str, int, str], str | None] = {}
    for record, fields in PRECISIONS.items():
        ids = sorted(i for r, i in keys if r == record)
        columns = ", ".join(f"{f}_precision" for f in fields)
        for chunk in _chunks(ids):
            marks, params = _in(chunk)
            for row in conn.rows(
                f"SELECT id, {columns} FROM {record} WHERE id IN ({marks})", params
            ):
                for f in fields:
                    found[(record, row["id"], f)] = row[f"{f}_precision"]
    return found


def precision_entries(conn: PlainConnection, keys: set[tuple[str, int]]) -> list[dict[str, Any]]:
    """Every audit entry that changed a precision of the records of `keys`, oldest first."""
    entries: list[dict[str, Any]] = []
    for record in PRECISIONS:
        ids = sorted(i for r, i in keys if r == record)
        for chunk in _chunks(ids):
            marks, params = _in(chunk)
            entries += conn.rows(
                "SELECT c.id, c.record, c.record_id, c.field, c.old, c.new FROM change c "
                f"WHERE c.record = :record AND c.record_id IN ({marks}) "
                "AND c.field LIKE '%\\_precision' ESCAPE '\\'",
                {"record": record, **params},
            )
    entries.sort(key=lambda e: e["id"])
    return entries


def project_currencies(conn: PlainConnection) -> dict[str, str]:
    """Each project's currency, by code."""
    return {r["code"]: r["currency"] for r in conn.rows("SELECT code, currency FROM project")}
