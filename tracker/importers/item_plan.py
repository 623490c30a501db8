"""What an import's approval items and programme memberships would change (issue #16).

An approval item is matched by its project and step, a membership by its project, programme,
year and the day it joined. A new one is added; a matched one changes in the fields the file
gives (an item keeps its own name, so the template may change under it, and a blank
department keeps the item's). Items and memberships missing from a file are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.store.write.bulk import FieldChanges, NewChild, Plan, created_label

if TYPE_CHECKING:
    from tracker.importers.import_plan import Summary
    from tracker.importers.rows import ProjectRecord

_APPROVAL_FIELDS = (
    "department",
    "officer",
    "planned",
    "planned_precision",
    "submitted",
    "approved",
    "number",
    "note",
    "illustrative",
)
_MEMBERSHIP_FIELDS = ("left_on", "reason", "illustrative")


def _new_item(fields: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in fields.items() if k != "template_department"}
    item["department"] = fields["department"] or fields["template_department"]
    return item


def new_items(record: ProjectRecord, summary: Summary) -> dict[str, list[dict[str, Any]]]:
    """The items and memberships of a new project, as its children."""
    children: dict[str, list[dict[str, Any]]] = {}
    if record.approvals:
        children["approval_item"] = [_new_item(f) for f in record.approvals]
        summary.added["approval_item"] += len(record.approvals)
    if record.programmes:
        children["programme_membership"] = [dict(f) for f in record.programmes]
        summary.added["programme_membership"] += len(record.programmes)
    return children


def plan_items(
    plan: Plan,
    summary: Summary,
    record: ProjectRecord,
    project: dict[str, Any],
    approvals: list[dict[str, Any]],
    memberships: list[dict[str, Any]],
) -> None:
    """Add to the plan what the record's items and memberships change of an existing project."""
    steps = {row["step"]: row for row in approvals}
    for fields in record.approvals:
        wanted = {k: fields[k] for k in _APPROVAL_FIELDS if k != "department"}
        if fields["department"]:
            wanted["department"] = fields["department"]
        _one(plan, summary, "approval_item", project, steps.get(fields["step"]), wanted, fields)
    joined = {(r["programme"], r["year"], r["joined_on"]): r for r in memberships}
    for fields in record.programmes:
        found = joined.get((fields["programme"], fields["year"], fields["joined_on"]))
        wanted = {k: fields[k] for k in _MEMBERSHIP_FIELDS}
        _one(plan, summary, "programme_membership", project, found, wanted, fields)


def _one(
    plan: Plan,
    summary: Summary,
    table: str,
    project: dict[str, Any],
    found: dict[str, Any] | None,
    wanted: dict[str, Any],
    fields: dict[str, Any],
) -> None:
    code = project["code"]
    if found is None:
        new = _new_item(fields) if table == "approval_item" else dict(fields)
        plan.new_children.append(NewChild(table, project["id"], code, new))
        summary.added[table] += 1
        summary.lines.append((code, table, "created", None, created_label(table, new)))
        return
    changes = {k: (found[k], v) for k, v in wanted.items() if found[k] != v}
    if not changes:
        return
    summary.lines.extend((code, table, k, old, new) for k, (old, new) in changes.items())
    plan.updates.append(FieldChanges(table, found["id"], code, found["version"], changes))
    summary.changed[table] += 1
