"""`tracker status set CODE --light … --note …`."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg
from tracker.config.run import Settings
from tracker.i18n.catalogue import tr
from tracker.store.opening import service


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `status set`."""
    parser = sub.add_parser("status", help=tr(lang, "status updates"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    setter = actions.add_parser("set", help=tr(lang, "add a status update"))
    setter.add_argument("code", help=tr(lang, "project code"))
    setter.add_argument(
        "--light", required=True, help=tr(lang, "green | amber (yellow) | red, or 绿 | 黄 | 红")
    )
    setter.add_argument("--note", required=True, help=tr(lang, "narrative"))
    setter.add_argument("--on", help=tr(lang, "day (default today)"))
    setter.set_defaults(run=run_set)


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker status set`."""
    from tracker.core.light_words import light_of
    from tracker.store.model import Light

    light = light_of(args.light)
    on = day_arg("--on", args.on, settings)
    service(settings).add_status(args.code, Light(light), args.note, on=on)
    print(tr(settings.lang, "Status update recorded"))
    return 0
