"""`tracker milestone add|list|done|set|reopen|rename|remove`."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.projects import due_text
from tracker.cli.record_args import examples, project_row
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.dates import DateInputError, Deadline, parse_day, parse_deadline
from tracker.core.errors import InputError
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

    add = actions.add_parser(
        "add",
        help=tr(lang, "add a milestone"),
        **examples(
            lang,
            "tracker milestone add YH-SPORTS 竣工验收 --baseline 2027年3月 --owner 王伟",
            "tracker milestone add YH-SPORTS Handover --baseline 2027-Q2 --lead 14",
            dates=True,
        ),
    )
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

    listing = actions.add_parser(
        "list",
        help=tr(lang, "list a project's milestones"),
        **examples(
            lang,
            "tracker milestone list YH-SPORTS",
            "tracker milestone list yh-sports --format json",
        ),
    )
    listing.add_argument("code", help=tr(lang, "project code"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)

    done = actions.add_parser(
        "done",
        help=tr(lang, "mark a milestone done"),
        **examples(
            lang,
            "tracker milestone done YH-SPORTS 主体结顶",
            "tracker milestone done YH-SPORTS 主体结顶 --on 2026-11-28",
            dates=True,
        ),
    )
    done.add_argument("code", help=tr(lang, "project code"))
    done.add_argument("milestone", help=ref_help)
    done.add_argument("--on", help=tr(lang, "day it was done (default today)"))
    done.set_defaults(run=run_done)

    move = actions.add_parser(
        "set",
        help=tr(lang, "change a milestone's forecast or done day"),
        **examples(
            lang,
            "tracker milestone set YH-SPORTS 竣工验收 --forecast 2027年4月",
            "tracker milestone set YH-SPORTS 主体结顶 --done 2026-06-28",
            dates=True,
        ),
    )
    move.add_argument("code", help=tr(lang, "project code"))
    move.add_argument("milestone", help=ref_help)
    move.add_argument("--forecast", help=tr(lang, "new forecast (none clears it)"))
    move.add_argument("--done", help=tr(lang, "change the day it was done"))
    move.add_argument(
        "--version",
        type=int,
        dest="expected_version",
        help=tr(lang, "the record version this change is based on (refused if stale)"),
    )
    move.set_defaults(run=run_set)
    _register_more(actions, lang, ref_help)


def _register_more(actions: argparse._SubParsersAction[Any], lang: str, ref_help: str) -> None:
    reopen = actions.add_parser(
        "reopen",
        help=tr(lang, "take back a milestone's done day"),
        **examples(lang, "tracker milestone reopen YH-SPORTS 主体结顶"),
    )
    rename = actions.add_parser(
        "rename",
        help=tr(lang, "rename a milestone"),
        **examples(
            lang,
            "tracker milestone rename YH-SPORTS 主体结顶 主体结构封顶",
            'tracker milestone rename YH-SPORTS 主体结顶 --name-en "Topping out"',
        ),
    )
    remove = actions.add_parser(
        "remove",
        help=tr(lang, "remove a milestone (kept whole in the audit trail, so an undo restores it)"),
        **examples(lang, "tracker milestone remove YH-SPORTS 临时节点"),
    )
    for parser in (reopen, rename, remove):
        parser.add_argument("code", help=tr(lang, "project code"))
        parser.add_argument("milestone", help=ref_help)
    rename.add_argument("name", nargs="?", help=tr(lang, "new name"))
    rename.add_argument("--name-en", help=tr(lang, "English name"))
    reopen.set_defaults(run=run_reopen)
    rename.set_defaults(run=run_rename)
    remove.set_defaults(run=run_remove)


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
        project = project_row(conn, args.code)
        entries = [
            milestone_entry(m, settings.today) for m in queries.milestones(conn, project["id"])
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
    """`tracker milestone set CODE MILESTONE [--forecast DATE] [--done DAY]`."""
    if args.forecast is None and args.done is None:
        raise InputError("milestone set", args.milestone, "--forecast DATE or --done DAY")
    lang, writer = settings.lang, service(settings)
    changed = False
    if args.done is not None:
        on = day_arg("--done", args.done, settings)
        changed |= bool(
            writer.set_done(args.code, args.milestone, on, expected_version=args.expected_version)
        )
        if changed:
            print(tr(lang, "Done day now {on}", on=on))
    if args.forecast is not None:
        forecast = None
        if args.forecast.strip().lower() not in ("none", "-", "—"):
            forecast = deadline_arg("--forecast", args.forecast, settings)
        version = None if changed else args.expected_version
        if writer.set_forecast(args.code, args.milestone, forecast, expected_version=version):
            changed = True
            shown = forecast.label(lang) if forecast else "—"
            print(tr(lang, "Forecast now {shown}", shown=shown))
    if not changed:
        print(tr(lang, "No change"))
    return 0


def run_reopen(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone reopen CODE MILESTONE`."""
    changes = service(settings).reopen(args.code, args.milestone)
    print(
        tr(settings.lang, "Reopened: {milestone}", milestone=args.milestone)
        if changes
        else tr(settings.lang, "No change")
    )
    return 0


def run_rename(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone rename CODE MILESTONE [NEW] [--name-en NAME]`."""
    if args.name is None and args.name_en is None:
        raise InputError("name", "", "a new name, or --name-en")
    changes = service(settings).rename_milestone(
        args.code, args.milestone, args.name, name_en=args.name_en
    )
    print(
        tr(settings.lang, "Renamed: {milestone}", milestone=args.milestone)
        if changes
        else tr(settings.lang, "No change")
    )
    return 0


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker milestone remove CODE MILESTONE`: audited; `revert` restores it."""
    [entry] = service(settings).remove_milestone(args.code, args.milestone)
    print(
        tr(
            settings.lang,
            "Removed milestone {milestone} (audit entry {id}; it can be undone)",
            milestone=args.milestone,
            id=entry.id,
        )
    )
    return 0
