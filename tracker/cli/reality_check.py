"""`tracker forecast`, `tracker reference` and `tracker set-type`: the reality check."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.errors import NotFoundError
from tracker.core.project_types import PROJECT_TYPES, check_type
from tracker.i18n.catalogue import tr
from tracker.reality.reality_settings import RealitySettings, reality_settings
from tracker.store.opening import service

DEFAULT_TYPE = "default"


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `forecast`, `reference` and `set-type`."""
    forecast = sub.add_parser(
        "forecast",
        help=tr(lang, "reality check: cost and finish corrected for optimism"),
    )
    forecast.add_argument("code", nargs="?", help=tr(lang, "project code"))
    forecast.add_argument("--format", choices=("text", "json"), default="text")
    forecast.set_defaults(run=run_forecast)

    reference = sub.add_parser(
        "reference",
        help=tr(lang, "reference class: P50/P80 cost growth and finish slip per category"),
    )
    reference.add_argument("--category", help=tr(lang, "one category only"))
    reference.add_argument("--format", choices=("text", "json"), default="text")
    reference.set_defaults(run=run_reference)

    set_type = sub.add_parser(
        "set-type",
        help=tr(lang, "set a project's type (Green Book class)"),
    )
    set_type.add_argument("code", help=tr(lang, "project code"))
    set_type.add_argument("type", help=" | ".join((*PROJECT_TYPES, DEFAULT_TYPE)))
    set_type.set_defaults(run=run_set_type)


def reality_settings_for(settings: Settings) -> RealitySettings:
    """The `[uplifts]` and `[reality_check]` sections of this run's settings file."""
    from tracker.config.settings_file import settings_for

    found = settings_for(settings)
    return reality_settings(found.sections, "settings" if found.path is None else str(found.path))


def run_forecast(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker forecast`."""
    from tracker.reality.forecast import project_forecasts
    from tracker.reality.presentation import forecast_entry, forecast_text

    reality = reality_settings_for(settings)
    with reader(settings) as conn:
        forecasts = project_forecasts(conn, settings.today, reality, args.code)
    if args.code is not None and not forecasts:
        raise NotFoundError("project", args.code, "the code of an existing project")
    if args.format == "json":
        print_json([forecast_entry(f, settings.lang) for f in forecasts.values()])
    else:
        print("\n\n".join(forecast_text(f, settings.lang) for f in forecasts.values()))
    return 0


def run_reference(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker reference`."""
    from tracker.reality.history import histories
    from tracker.reality.presentation import reference_entry, reference_text
    from tracker.reality.reference_class import has_history, reference_class, reference_classes

    reality = reality_settings_for(settings)
    with reader(settings) as conn:
        projects = histories(conn)
    if args.category is None:
        classes = list(reference_classes(projects, reality.min_projects).values())
    else:
        members = [p for p in projects if p.category == args.category and has_history(p)]
        classes = [reference_class(args.category, members, reality.min_projects)]
    if args.format == "json":
        print_json([reference_entry(c) for c in classes])
    else:
        print(reference_text(classes, settings.lang))
    return 0


def run_set_type(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker set-type CODE TYPE` (`default`: back to the category's default)."""
    kind = None if args.type == DEFAULT_TYPE else check_type(args.type, "type")
    service(settings).set_project_type(args.code, kind)
    shown = args.type if kind else tr(settings.lang, "the category's default")
    print(tr(settings.lang, "{code}: type {shown}", code=args.code, shown=shown))
    return 0
