"""`tracker role`: give a login one of the shared database's roles (and units), take it away,
list who has which. PostgreSQL only; the login's membership of the group role is what the
database enforces (tracker.store.trust), the officer row says which units and the display name.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from tracker.core.errors import InputError, PermissionRefused
from tracker.i18n.catalogue import N_, Word
from tracker.store import trust
from tracker.store.engine import make_engine
from tracker.store.identity import ADMIN, grant_of


def grant(url: str, login: str, role: str, units: list[str], name: str | None) -> None:
    """Make `login` a `role` (of `units`), recorded under `name` (default: the login)."""
    if role not in trust.ROLES:
        raise InputError("ROLE", role, ", ".join(trust.ROLES))
    if role == "officer" and not units:
        raise InputError("--unit", "", "at least one unit whose projects the officer writes")
    with _admin(url, N_("grant")) as conn:
        if (
            conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).first()
            is None
        ):
            raise InputError(
                "LOGIN", login, "an existing login (create it first: CREATE ROLE … LOGIN)"
            )
        _leave_groups(conn, login)
        conn.exec_driver_sql(
            f"GRANT {trust.group(trust.role_prefix(conn), role)} TO {_quoted(login)}"
        )
        conn.execute(text("DELETE FROM officer WHERE login = :l"), {"l": login})
        conn.execute(
            text("INSERT INTO officer (login, display_name, units, role) VALUES (:l, :n, :u, :r)"),
            {"l": login, "n": name or login, "u": json.dumps(units, ensure_ascii=False), "r": role},
        )


def revoke(url: str, login: str) -> bool:
    """Take every role of this database from `login`; whether it had one."""
    with _admin(url, N_("revoke")) as conn:
        had = _leave_groups(conn, login)
        gone = conn.execute(text("DELETE FROM officer WHERE login = :l"), {"l": login}).rowcount
        return bool(had or gone)


def listed(url: str) -> list[dict[str, Any]]:
    """Every login with a role here: login, display name, role (as the database holds it), units."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            prefix = trust.role_prefix(conn)
            rows = conn.execute(
                text(
                    "SELECT m.rolname AS login, substr(g.rolname, :n) AS role, o.display_name, "
                    "o.units FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                    "JOIN pg_roles m ON m.oid = a.member "
                    "LEFT JOIN officer o ON o.login = m.rolname "
                    "WHERE g.rolname = ANY(:groups) AND m.rolcanlogin ORDER BY m.rolname"
                ),
                {"n": len(prefix) + 2, "groups": [f"{prefix}_{r}" for r in trust.ROLES]},
            ).mappings()
            return [
                {
                    "login": row["login"],
                    "name": row["display_name"] or row["login"],
                    "role": row["role"],
                    "units": json.loads(row["units"] or "[]"),
                }
                for row in rows
            ]
    finally:
        engine.dispose()


class _admin:
    """A transaction of a login that may manage roles (an admin), else PermissionRefused."""

    def __init__(self, url: str, what: str) -> None:
        if not url.startswith("postgresql"):
            raise InputError("--db", "sqlite", "a shared PostgreSQL database (roles live there)")
        self.engine = make_engine(url)
        self.what = what

    def __enter__(self) -> Any:
        self.transaction = self.engine.begin()
        conn = self.transaction.__enter__()
        standing = grant_of(conn)
        if not standing.owner:
            self.__exit__(None, None, None)
            raise PermissionRefused(
                "{who} may not {what} roles: only {may} may",
                who=standing.who(),
                what=Word(self.what),
                may=ADMIN,
            )
        return conn

    def __exit__(self, *exc: Any) -> None:
        try:
            self.transaction.__exit__(*exc)
        finally:
            self.engine.dispose()


def _leave_groups(conn: Any, login: str) -> int:
    prefix = trust.role_prefix(conn)
    held = (
        conn.execute(
            text(
                "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = :l AND g.rolname = ANY(:g)"
            ),
            {"l": login, "g": [f"{prefix}_{r}" for r in trust.ROLES]},
        )
        .scalars()
        .all()
    )
    for name in held:
        conn.exec_driver_sql(f"REVOKE {_quoted(name)} FROM {_quoted(login)}")
    return len(held)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
