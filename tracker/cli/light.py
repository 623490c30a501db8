"""`tracker light set|clear|show CODE`: an officer's override of a project's light, and why."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.shared import reader
from tracker.config.run import Settings
from tracker.core.errors import NotFoundError
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import LIGHT_MARKS, label
from tracker.store.opening import service


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `light set|clear|show`."""
    parser = sub.add_parser(
        "light",
        help=tr(lang, "a project's light: override, clear, explain"),
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    setter = actions.add_parser("set", help=tr(lang, "override the light (expires)"))
    setter.add_argument("code", help=tr(lang, "project code"))
    setter.add_argument(
        "--light", required=True, help=tr(lang, "green | amber (yellow) | red, or 绿 | 黄 | 红")
    )
    setter.add_argument("--reason", required=True, help=tr(lang, "why"))
    setter.set_defaults(run=run_set)
    clear = actions.add_parser(
        "clear",
        help=tr(lang, "clear the override; alerts count again"),
    )
    clear.add_argument("code", help=tr(lang, "project code"))
    clear.set_defaults(run=run_clear)
    show = actions.add_parser("show", help=tr(lang, "show the light and why"))
    show.add_argument("code", help=tr(lang, "project code"))
    show.set_defaults(run=run_show)


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker light set`."""
    from tracker.core.light_words import light_of
    from tracker.store.model import Light

    light = light_of(args.light)
    service(settings).override_light(args.code, Light(light), args.reason, on=settings.today)
    print(tr(settings.lang, "Light overridden"))
    return 0


def run_clear(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker light clear`."""
    service(settings).override_light(args.code, None, None, on=settings.today)
    print(tr(settings.lang, "Override cleared"))
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker light show`."""
    from tracker.alerts.facts import project_lights
    from tracker.config.settings_file import settings_for

    thresholds = settings_for(settings).alerts
    with reader(settings) as conn:
        lights = project_lights(
            conn, settings.today, thresholds, lang=settings.lang, project=args.code
        )
    if args.code not in lights:
        raise NotFoundError("project", args.code, "the code of an existing project")
    light, reasons = lights[args.code]
    print(f"{LIGHT_MARKS[light]}  {args.code}  {label(light, settings.lang)}")
    for reason in reasons:
        print(f"  - {reason}")
    return 0
