"""What an import would change: the file's records compared with the database, as a bulk Plan.

A record is matched to a project by its code; with a mapping that allows it (GMPP, whose IDs
change between years while the name stays), a record whose code is unknown is then matched by
its exact name among the projects in the same currency that no other record of the file
claims, when exactly one has that name. A project matched by name keeps its code (so its audit
trail stays in one place); the file's code is kept in its sources. Only what differs is
written, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from tracker.i18n.catalogue import N_
from tracker.importers.cells import Reason
from tracker.importers.field_reader import BadCell
from tracker.importers.item_plan import new_items, plan_items
from tracker.importers.rows import ProjectRecord
from tracker.store.write.bulk import TABLES, FieldChanges, NewChild, NewProject, Plan


@dataclass
class Summary:
    """Counts of what the import adds and changes, and each changed field."""

    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    changed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unchanged_projects: int = 0
    lines: list[tuple[str, str, str, Any, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class StatusRule:
    """The day a light becomes a status update, and whether that day was given."""

    day: date
    given: bool
    author: str


def _rows(conn: Connection, table: str, where: Any = None) -> list[dict[str, Any]]:
    statement = select(TABLES[table])
    if where is not None:
        statement = statement.where(where)
    return [dict(row._mapping) for row in conn.execute(statement)]


def _notes(record: ProjectRecord, existing: str | None) -> str | None:
    if record.owns_notes:
        return "\n\n".join(record.notes) or None
    missing = [piece for piece in record.notes if piece not in (existing or "")]
    if not missing:
        return existing
    return "\n\n".join(filter(None, [existing, *missing]))


def build_plan(
    conn: Connection,
    records: list[ProjectRecord],
    *,
    match_by_name: bool,
    status: StatusRule,
) -> tuple[Plan, Summary, list[BadCell]]:
    """The plan that brings the database to the file's records, what it does, and the records
    that refer to a project neither the file nor the database has."""
    projects = _rows(conn, "project")
    by_code = {p["code"]: p for p in projects}
    matches = _match(records, by_code, projects, match_by_name)
    matched_ids = {p["id"] for p in matches.values()}
    milestones: dict[int, list[dict[str, Any]]] = defaultdict(list)
    statuses: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if matched_ids:
        for row in _rows(conn, "milestone"):
            if row["project_id"] in matched_ids:
                milestones[row["project_id"]].append(row)
        if any(r.light for r in records):
            for row in _rows(conn, "status_update"):
                if row["project_id"] in matched_ids:
                    statuses[row["project_id"]].append(row)
    items: dict[str, dict[int, list[dict[str, Any]]]] = {
        "approval_item": defaultdict(list),
        "programme_membership": defaultdict(list),
    }
    for table, wanted in (
        ("approval_item", any(r.approvals for r in records)),
        ("programme_membership", any(r.programmes for r in records)),
    ):
        if matched_ids and wanted:
            for row in _rows(conn, table):
                if row["project_id"] in matched_ids:
                    items[table][row["project_id"]].append(row)
    plan, summary, orphans = Plan(), Summary(), []
    for record in records:
        project = matches.get(record.code)
        if project is None and "name" not in record.fields:
            orphans.append(
                BadCell(
                    record.row,
                    "code",
                    record.code,
                    Reason(N_("is not a project of the file or database")),
                )
            )
            continue
        if project is None:
            new = _new_project(record, status, summary)
            new.children.update(new_items(record, summary))
            plan.new_projects.append(new)
            continue
        before = len(summary.lines)
        _update_project(plan, summary, record, project)
        _children(plan, summary, record, project, milestones[project["id"]])
        _status(plan, summary, record, project, statuses[project["id"]], status)
        pid = project["id"]
        approvals, memberships = items["approval_item"][pid], items["programme_membership"][pid]
        plan_items(plan, summary, record, project, approvals, memberships)
        if len(summary.lines) == before:
            summary.unchanged_projects += 1
    return plan, summary, orphans


def _match(
    records: list[ProjectRecord],
    by_code: dict[str, dict[str, Any]],
    projects: list[dict[str, Any]],
    match_by_name: bool,
) -> dict[str, dict[str, Any]]:
    matches = {r.code: by_code[r.code] for r in records if r.code in by_code}
    if not match_by_name:
        return matches
    claimed = {p["id"] for p in matches.values()}
    file_codes = {r.code for r in records}
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in projects:
        if p["id"] not in claimed and p["code"] not in file_codes:
            by_name[(p["name"], p["currency"])].append(p)
    for record in records:
        if record.code in matches:
            continue
        key = (record.fields.get("name", ""), record.fields.get("currency", "CNY"))
        candidates = by_name.get(key, [])
        if len(candidates) == 1:
            matches[record.code] = candidates[0]
            by_name[key] = []
    return matches


def _new_project(record: ProjectRecord, status: StatusRule, summary: Summary) -> NewProject:
    fields = dict(record.fields)
    fields["notes"] = _notes(record, None)
    children: dict[str, list[dict[str, Any]]] = {}
    if record.milestones:
        children["milestone"] = [
            {**m.fields, "position": position} for position, m in enumerate(record.milestones)
        ]
        summary.added["milestone"] += len(record.milestones)
    if record.light:
        children["status_update"] = [_status_fields(record, status)]
        summary.added["status_update"] += 1
    summary.added["project"] += 1
    return NewProject(fields, children)


def _status_fields(record: ProjectRecord, status: StatusRule) -> dict[str, Any]:
    return {
        "reported_on": record.status_on or status.day,
        "light": record.light,
        "narrative": record.narrative,
        "author": status.author,
    }


def _diff(
    summary: Summary,
    table: str,
    code: str,
    existing: dict[str, Any],
    wanted: dict[str, Any],
) -> dict[str, tuple[Any, Any]]:
    changes = {
        key: (existing[key], value)
        for key, value in wanted.items()
        if key in existing and existing[key] != value
    }
    summary.lines.extend((code, table, key, old, new) for key, (old, new) in changes.items())
    return changes


def _update_project(
    plan: Plan, summary: Summary, record: ProjectRecord, project: dict[str, Any]
) -> None:
    wanted = {k: v for k, v in record.fields.items() if k != "code"}
    wanted["notes"] = _notes(record, project["notes"])
    changes = _diff(summary, "project", project["code"], project, wanted)
    if changes:
        plan.updates.append(
            FieldChanges("project", project["id"], project["code"], project["version"], changes)
        )
        summary.changed["project"] += 1


def _children(
    plan: Plan,
    summary: Summary,
    record: ProjectRecord,
    project: dict[str, Any],
    existing: list[dict[str, Any]],
) -> None:
    by_name = {m["name"]: m for m in existing}
    position = max((m["position"] for m in existing), default=-1) + 1
    code = project["code"]
    for milestone in record.milestones:
        found = by_name.get(milestone.fields["name"])
        if found is None:
            fields = {**milestone.fields, "position": position}
            position += 1
            plan.new_children.append(NewChild("milestone", project["id"], code, fields))
            summary.added["milestone"] += 1
            summary.lines.append((code, "milestone", "created", None, milestone.fields["name"]))
            continue
        changes = _diff(summary, "milestone", code, found, milestone.fields)
        if changes:
            plan.updates.append(
                FieldChanges("milestone", found["id"], code, found["version"], changes)
            )
            summary.changed["milestone"] += 1


def _status(
    plan: Plan,
    summary: Summary,
    record: ProjectRecord,
    project: dict[str, Any],
    existing: list[dict[str, Any]],
    status: StatusRule,
) -> None:
    if not record.light:
        return
    code = project["code"]
    if record.status_on is not None:
        status = StatusRule(record.status_on, True, status.author)
    same_day = [s for s in existing if s["reported_on"] == status.day]
    if same_day:
        found = max(same_day, key=lambda s: s["id"])
        wanted = {"light": record.light, "narrative": record.narrative}
        changes = _diff(summary, "status_update", code, found, wanted)
        if changes:
            plan.updates.append(
                FieldChanges("status_update", found["id"], code, found["version"], changes)
            )
            summary.changed["status_update"] += 1
        return
    latest = max(existing, key=lambda s: (s["reported_on"], s["id"]), default=None)
    if not status.given and latest is not None and latest["light"] == record.light:
        return
    fields = _status_fields(record, status)
    plan.new_children.append(NewChild("status_update", project["id"], code, fields))
    summary.added["status_update"] += 1
    summary.lines.append((code, "status_update", "created", None, record.light))
