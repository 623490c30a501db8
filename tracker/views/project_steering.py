"""A project's steering facts in the JSON contract (issue #16): its leader in charge, owner,
library, current programmes and statistics enrolment; and the filters of `tracker projects`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.core.errors import NotFoundError
from tracker.store.read.steering_reads import steering_by_project
from tracker.views.portfolio import amount_text, iso

if TYPE_CHECKING:
    from tracker.store.read.plainsql import PlainConnection


def steering_entry(facts: dict[str, Any] | None) -> dict[str, Any]:
    """The keys a project's JSON gains: leader, leader_title, library, programmes,
    enrolled_on, enrolled_amount."""
    facts = facts or {}
    return {
        "leader": facts.get("leader"),
        "leader_title": facts.get("leader_title"),
        "library": facts.get("library"),
        "programmes": list(facts.get("programmes", [])),
        "enrolled_on": iso(facts.get("enrolled_on")),
        "enrolled_amount": amount_text(facts.get("enrolled_cents")),
    }


def with_steering(conn: PlainConnection, projects: list[dict[str, Any]], ids: list[int]) -> None:
    """Add each project's steering keys (projects and their ids in the same order)."""
    facts = steering_by_project(conn)
    for project, project_id in zip(projects, ids, strict=True):
        project.update(steering_entry(facts.get(project_id)))


def recorded(conn: PlainConnection, table: str, field: str, name: str) -> str:
    """`name` as recorded in `table` (leader, organisation), or NotFoundError naming the
    nearest recorded names."""
    from difflib import get_close_matches

    names = [row["name"] for row in conn.rows(f"SELECT name FROM {table} ORDER BY name")]
    if name.strip() in names:
        return name.strip()
    nearest = get_close_matches(name.strip(), names, n=3, cutoff=0.3)
    if table == "leader":
        if nearest:
            return _missing(field, name, "a recorded leader (nearest: {nearest})", nearest)
        raise NotFoundError(field, name, "a recorded leader")
    if nearest:
        return _missing(field, name, "a recorded organisation (nearest: {nearest})", nearest)
    raise NotFoundError(field, name, "a recorded organisation")


def _missing(field: str, name: str, expected: str, nearest: list[str]) -> str:
    raise NotFoundError(field, name, expected, nearest=", ".join(nearest))


def matches(
    project: dict[str, Any],
    *,
    leader: str | None = None,
    unit: str | None = None,
    library: str | None = None,
    programme: str | None = None,
) -> bool:
    """Whether a project (in the JSON contract, with its steering keys) passes the filters."""
    if leader is not None and project["leader"] != leader:
        return False
    if unit is not None and unit not in (project["unit"], project.get("owner_org")):
        return False
    if library is not None and project["library"] != library:
        return False
    return programme is None or any(p["programme"] == programme for p in project["programmes"])
