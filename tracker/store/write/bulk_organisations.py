"""The organisations a bulk write's projects name, recorded before the projects refer to them.

`project.unit` and `project.owner_org` refer to `organisation.name`; an imported sheet names
its units as text, so each name not recorded yet becomes an organisation (audited as created),
as `Service.create_project` does one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlmodel import SQLModel

from tracker.store.write.steering_writes import ORGANISATION_FIELDS

ORGANISATIONS: Table = SQLModel.metadata.tables["organisation"]


def named_organisations(
    new_fields: Iterable[dict[str, Any]], changed: Iterable[dict[str, tuple[Any, Any]]]
) -> dict[str, str]:
    """Each organisation name the new projects' fields and the changes name, with its kind."""
    names: dict[str, str] = {}
    for values in new_fields:
        for field, kind in ORGANISATION_FIELDS.items():
            if values.get(field):
                names.setdefault(values[field], kind)
    for changes in changed:
        for field, kind in ORGANISATION_FIELDS.items():
            if field in changes and changes[field][1]:
                names.setdefault(changes[field][1], kind)
    return names


def record_missing(conn: Connection, names: dict[str, str]) -> list[tuple[int, str]]:
    """Insert the organisations of `names` not recorded yet; their new (id, name)."""
    if not names:
        return []
    known = set(conn.execute(select(ORGANISATIONS.c.name)).scalars())
    missing = [
        {"name": name, "kind": kind, "illustrative": False, "version": 1}
        for name, kind in sorted(names.items())
        if name not in known
    ]
    if not missing:
        return []
    conn.execute(insert(ORGANISATIONS), missing)
    rows = conn.execute(
        select(ORGANISATIONS.c.id, ORGANISATIONS.c.name).where(
            ORGANISATIONS.c.name.in_([row["name"] for row in missing])
        )
    )
    return [(id_, name) for id_, name in rows]
