"""`tracker status set CODE --light … --note …`."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.i18n.catalogue import tr
from tracker.store.opening import service

LIGHTS = ("green", "amber", "red")


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `status set`."""
    parser = sub.add_parser("status", help=tr(lang, "status updates"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    setter = actions.add_parser("set", help=tr(lang, "add a status update"))
    setter.add_argument("code", help=tr(lang, "project code"))
    setter.add_argument("--light", required=True, help="green | amber | red")
    setter.add_argument("--note", required=True, help=tr(lang, "narrative"))
    setter.add_argument("--on", help=tr(lang, "day (default today)"))
    setter.set_defaults(run=run_set)


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker status set`."""
    from tracker.store.model import Light

    if args.light not in LIGHTS:
        raise InputError("--light", args.light, "green, amber or red")
    on = day_arg("--on", args.on, settings)
    service(settings).add_status(args.code, Light(args.light), args.note, on=on)
    print(tr(settings.lang, "Status update recorded"))
    return 0
