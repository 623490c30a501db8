"""`tracker milestone add|list|done|set`."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.projects import due_text
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.dates import DateInputError, Deadline, parse_day, parse_deadline
from tracker.core.errors import InputError, NotFoundError
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in
from tracker.store.opening import service
from tracker.store.read import queries
from tracker.views.portfolio import milestone_entry


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `milestone` and its actions."""
    parser = sub.add_parser(
        "milestone",
        help=tr(lang, "milestones: add, list, mark done, move"),
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    ref_help = tr(lang, "milestone name or id")

    add = actions.add_parser("add", help=tr(lang, "add a milestone"))
    add.add_argument("code", help=tr(lang, "project code"))
    add.add_argument("name", help=tr(lang, "milestone name"))
    add.add_argument("--baseline", help=tr(lang, "baseline, e.g. 2027-03"))
    add.add_argument("--forecast", help=tr(lang, "forecast"))
    add.add_argument("--owner", help=tr(lang, "owner"))
    add.add_argument("--lead", help=tr(lang, "reminder lead time in days"))
    add.add_argument("--note", help=tr(lang, "note"))
    add.add_argument("--name-en", help=tr(lang, "English name"))
    add.add_argument(
        "--completion",
        action="store_true",
        help=tr(lang, "it marks the project's completion: the forecast finish follows it"),
    )
    add.set_defaults(run=run_add)

    listing = actions.add_parser("list", help=tr(lang, "list a project's milestones"))
    listing.add_argument("code", help=tr(lang, "project code"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)

    done = actions.add_parser("done", help=tr(lang, "mark a milestone done"))
    done.add_argument("code", help=tr(lang, "project code"))
    done.add_argument("milestone", help=ref_help)
    done.add_argument("--on", help=tr(lang, "day it was done (default today)"))
    done.set_defaults(run=run_done)

    move = actions.add_parser("set", help=tr(lang, "change a milestone's forecast"))
    move.add_argument("code", help=tr(lang, "project code"))
    move.add_argument("milestone", help=ref_help)
    move.add_argument("--forecast", required=True, help=tr(lang, "new forecast"))
    move.add_argument(
        "--version",
        type=int,
        dest="expected_version",
        help=tr(lang, "the record version this change is based on (refused if stale)"),
    )
    move.set_defaults(run=run_set)


def deadline_arg(field: str, text: str | None, settings: Settings) -> Deadline | None:
    """A deadline from a command-line value, or InputError naming the field."""
    if text is None:
        return None
    try:
        return parse_deadline(text, settings.today)
    except DateInputError as error:
        raise InputError(field, text, error.expected) from None


def day_arg(field: str, text: str | None, settings: Settings) -> Any:
    """A day from a command-line value (default today), or InputError naming the field."""
    if text is None:
        return settings.today
    try:
        return parse_day(text, settings.today)
    except DateInputError as error:
        raise InputError(field, text, error.expected) from None


def _lead(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.removesuffix("d")
    if not digits.isdigit():
        raise InputError("--lead", text, "a number of days, e.g. 14 or 14d")
    return int(digits)


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone add`."""
    baseline = deadline_arg("--baseline", args.baseline, settings)
    forecast = deadline_arg("--forecast", args.forecast, settings)
    milestone = service(settings).add_milestone(
        args.code,
        args.name,
        baseline=baseline,
        forecast=forecast,
        owner=args.owner,
        lead_days=_lead(args.lead),
        note=args.note,
        name_en=args.name_en,
        marks_completion=args.completion,
    )
    print(tr(settings.lang, "Added milestone {id}: {name}", id=milestone.id, name=milestone.name))
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone list CODE`."""
    lang = settings.lang
    with reader(settings) as conn:
        rows = queries.projects(conn, args.code)
        if not rows:
            raise NotFoundError("project", args.code, "the code of an existing project")
        entries = [
            milestone_entry(m, settings.today) for m in queries.milestones(conn, rows[0]["id"])
        ]
    if args.format == "json":
        print_json(entries)
        return 0
    headers = [
        "id",
        label("milestone", lang),
        label("due", lang),
        label("done", lang),
        label("days_left", lang),
    ]
    print(
        render(
            headers,
            [
                [
                    str(m["id"]),
                    name_in(lang, m["name"], m["name_en"]),
                    due_text(m["due"], m["precision"], lang),
                    due_text(m["done"], m["done_precision"], lang),
                    "—" if m["days_left"] is None else str(m["days_left"]),
                ]
                for m in entries
            ],
            right=(4,),
        )
    )
    return 0


def run_done(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone done CODE MILESTONE [--on DATE]`."""
    on = day_arg("--on", args.on, settings)
    changes = service(settings).mark_done(args.code, args.milestone, on)
    print(
        tr(settings.lang, "Marked done: {milestone} ({on})", milestone=args.milestone, on=on)
        if changes
        else tr(settings.lang, "No change")
    )
    return 0


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone set CODE MILESTONE --forecast DATE`."""
    forecast = deadline_arg("--forecast", args.forecast, settings)
    changes = service(settings).set_forecast(
        args.code, args.milestone, forecast, expected_version=args.expected_version
    )
    shown = forecast.label(settings.lang) if forecast else "—"
    print(
        tr(settings.lang, "Forecast now {shown}", shown=shown)
        if changes
        else tr(settings.lang, "No change")
    )
    return 0
