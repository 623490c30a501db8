"""Who writes on a shared database: the login, its role and units, read from PostgreSQL.

On PostgreSQL the author of a write is the database login (`session_user`); the name given with
`--user` / TRACKER_USER must be that login or its display name, unless the login may act as
the tables' owner (an admin recording for someone, as the owner could anyway). The database
enforces the roles (tracker.store.trust); `Grant.refuse_project` only words the refusal before
the database would refuse or silently skip the write. Nothing here imports the ORM.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.core.errors import InputError, PermissionRefused
from tracker.i18n.catalogue import N_, Word

ADMIN = Word(N_("an admin"))
"""Who may upgrade the schema and manage roles, as a refusal names them."""


class Grant:
    """One login's standing on a shared database."""

    def __init__(self, login: str, name: str, role: str, units: list[str], owner: bool) -> None:
        self.login = login
        self.name = name
        self.role = role
        self.units = units
        self.owner = owner
        """Whether the login may act as the tables' owner (it then acts as admin)."""

    def who(self) -> str:
        """The login as a refusal names it: login (role of units)."""
        units = "、".join(self.units)
        return f"{self.login} ({self.role}{' ' + units if units else ''})"

    def refuse_project(self, code: str, unit: str | None) -> None:
        """Refuse a write to the project `code` of `unit` the role may not make."""
        if self.owner or self.role in ("admin", "coordinator"):
            return
        if self.role == "officer" and unit is not None and unit in self.units:
            return
        raise PermissionRefused(
            "{who} may not change {code} (unit {unit}): only a coordinator, "
            "or an officer of {unit}, may",
            who=self.who(),
            code=code,
            unit=unit or "—",
        )

    def refuse_bureau(self, what: Word) -> None:
        """Refuse a write to the bureau's records (tracker.store.trust.BUREAU_TABLES) to a role
        that is not the bureau's."""
        if self.owner or self.role in ("admin", "coordinator"):
            return
        raise PermissionRefused(
            "{who} may not record {what}: only a coordinator may", who=self.who(), what=what
        )


def grant_of(conn: Any) -> Grant:
    """The session's login and its officer row (`conn`: a DB-API or SQLAlchemy connection)."""
    login, owner, registry = _one(
        conn,
        "SELECT session_user, pg_has_role(session_user, "
        "(SELECT relowner FROM pg_class WHERE oid = 'change'::regclass), 'MEMBER'), "
        "to_regclass('officer') IS NOT NULL",
    )
    row = None
    if registry:  # a schema older than 0008 has no officers yet
        row = _one(conn, "SELECT display_name, role, units FROM officer WHERE login = session_user")
    if row is None:
        return Grant(str(login), str(login), "admin" if owner else "none", [], bool(owner))
    name, role, units = row
    return Grant(str(login), str(name), str(role), list(json.loads(units or "[]")), bool(owner))


def author(grant: Grant, given: str | None) -> str:
    """The name the trail records: the login, or (for the owner) the name given; a different
    name given by anyone else is refused, saying why."""
    if given is None or given in (grant.login, grant.name):
        return grant.login
    if grant.owner:
        return given
    raise InputError(
        "--user",
        given,
        "{login} or nothing: on a shared database the audit trail records the database "
        "login ({login}), not a name one types",
        login=grant.login,
    )


def _one(conn: Any, sql: str) -> Any:
    if hasattr(conn, "tuples"):  # tracker.store.read.plainsql.PlainConnection
        rows = conn.tuples(sql)
        return rows[0] if rows else None
    if hasattr(conn, "exec_driver_sql"):
        return conn.exec_driver_sql(sql).first()
    cursor = conn.cursor()
    cursor.execute(sql)
    row = cursor.fetchone()
    cursor.close()
    return row
