"""The leaders in charge a bulk write's projects name (包保领导, issue #16).

A native sheet names a project's leader by name (and title) in the `leader` column; the project
refers to the leader by id. Each name not recorded yet becomes a leader (with the sheet's title),
audited as created when the write goes through, as `Service.add_leader` does one at a time; a
recorded leader's title is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Table, insert, select
from sqlmodel import SQLModel

if TYPE_CHECKING:
    from tracker.importers.rows import ProjectRecord

LEADERS: Table = SQLModel.metadata.tables["leader"]


def resolve_leaders(
    conn: Connection, records: Iterable[ProjectRecord]
) -> list[tuple[str, int, str]]:
    """Turn each record's `leader` (a name) into `leader_id`, recording the leaders that are
    not recorded yet; their ("leader", id, name) for the audit trail."""
    records = [r for r in records if "leader" in r.fields or "leader_title" in r.fields]
    if not records:
        return []
    wanted: dict[str, str | None] = {}
    for record in records:
        name = record.fields.get("leader")
        if name:
            wanted.setdefault(name, record.fields.get("leader_title"))
    known: dict[str, int] = {
        name: id_ for name, id_ in conn.execute(select(LEADERS.c.name, LEADERS.c.id))
    }
    missing = [
        {"name": name, "title": title, "illustrative": False, "version": 1}
        for name, title in sorted(wanted.items())
        if name not in known
    ]
    created: list[tuple[str, int, str]] = []
    if missing:
        conn.execute(insert(LEADERS), missing)
        names = [row["name"] for row in missing]
        for id_, name in conn.execute(
            select(LEADERS.c.id, LEADERS.c.name).where(LEADERS.c.name.in_(names))
        ):
            known[name] = id_
            created.append(("leader", id_, name))
    for record in records:
        record.fields.pop("leader_title", None)
        if "leader" in record.fields:
            name = record.fields.pop("leader")
            record.fields["leader_id"] = known[name] if name else None
    return sorted(created)
