"""`tracker verify` and `tracker role grant|revoke|list`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tracker.config.run import Settings
from tracker.i18n.catalogue import tr


def register_verify(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `verify`."""
    parser = sub.add_parser(
        "verify",
        help=tr(lang, "check that the audit trail is whole and unchanged"),
        description=tr(
            lang,
            "Recompute the audit trail's hash chain. Exit status 0 when every entry matches; "
            "1 naming the first entry that does not (changed, or one before it removed).",
        ),
    )
    parser.set_defaults(run=run_verify)


def register_role(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `role grant|revoke|list`."""
    parser = sub.add_parser(
        "role",
        help=tr(lang, "give logins their role on a shared database (admin)"),
        description=tr(
            lang,
            "Roles: admin, coordinator (every project), officer (the projects of their units), "
            "leader (reads only). The database itself enforces them.",
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    granting = actions.add_parser("grant", help=tr(lang, "give a login a role"))
    granting.add_argument("login", metavar="LOGIN", help=tr(lang, "the database login"))
    granting.add_argument("role", metavar="ROLE", help="admin, coordinator, officer, leader")
    granting.add_argument(
        "--unit",
        action="append",
        default=[],
        help=tr(lang, "a unit whose projects an officer writes (repeat for more)"),
    )
    granting.add_argument("--name", help=tr(lang, "the name the audit trail shows"))
    granting.set_defaults(run=run_role)
    revoking = actions.add_parser("revoke", help=tr(lang, "take a login's role away"))
    revoking.add_argument("login", metavar="LOGIN", help=tr(lang, "the database login"))
    revoking.set_defaults(run=run_role)
    listing = actions.add_parser("list", help=tr(lang, "list who has which role"))
    listing.set_defaults(run=run_role)


def run_verify(_args: argparse.Namespace, settings: Settings) -> int:
    """`tracker verify`."""
    from tracker.cli.shared import reader
    from tracker.store.trail import broken_entry

    reader(settings).close()
    broken, count = broken_entry(settings.db_url)
    if broken is not None:
        line = tr(
            settings.lang,
            "the audit trail is broken at entry {id}: it, or an entry before it, was changed "
            "or removed after it was written",
            id=broken,
        )
        print(f"tracker: {line}", file=sys.stderr)
        return 1
    print(tr(settings.lang, "The audit trail is whole: {count} entries.", count=count))
    return 0


def run_role(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker role …`."""
    from tracker.cli.shared import reader
    from tracker.store import roles

    reader(settings).close()
    lang = settings.lang
    if args.action == "grant":
        roles.grant(settings.db_url, args.login, args.role, args.unit, args.name)
        print(tr(lang, "{login} is now {role}.", login=args.login, role=args.role))
    elif args.action == "revoke":
        if roles.revoke(settings.db_url, args.login):
            print(tr(lang, "{login} has no role here any more.", login=args.login))
        else:
            print(tr(lang, "{login} had no role here.", login=args.login))
    else:
        for row in roles.listed(settings.db_url):
            units = "、".join(row["units"]) or "—"
            print(f"{row['login']}\t{row['name']}\t{row['role']}\t{units}")
    return 0
