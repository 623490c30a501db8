"""`tracker problem add|resolve|list`: a project's problems (存在问题), through the service."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg, deadline_arg
from tracker.cli.projects import due_text
from tracker.cli.record_args import examples, project_row
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.store.opening import service


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `problem add|resolve|list`."""
    parser = sub.add_parser("problem", help=tr(lang, "problems: add, resolve, list"))
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    add = actions.add_parser(
        "add",
        help=tr(lang, "record a problem"),
        **examples(
            lang,
            'tracker problem add YH-SPORTS "征地补偿未到位" --owner 区征收办 --due 2026年12月',
            'tracker problem add YH-SPORTS "Land handover late" --due +2w',
            dates=True,
        ),
    )
    add.add_argument("code", help=tr(lang, "project code"))
    add.add_argument("description", help=tr(lang, "what the problem is"))
    add.add_argument("--owner", help=tr(lang, "owner"))
    add.add_argument("--due", help=tr(lang, "resolution deadline (解决时限)"))
    kind_options(add, lang)
    add.set_defaults(run=run_add)
    typing = actions.add_parser(
        "set",
        help=tr(lang, "set a problem's kind and level"),
        **examples(lang, "tracker problem set YH-SPORTS 4 --kind 用地 --level 市"),
    )
    typing.add_argument("code", help=tr(lang, "project code"))
    typing.add_argument("id", help=tr(lang, "problem id (see problem list)"))
    kind_options(typing, lang)
    typing.set_defaults(run=run_set)
    resolve = actions.add_parser(
        "resolve",
        help=tr(lang, "mark a problem resolved"),
        **examples(
            lang,
            "tracker problem resolve YH-SPORTS 4",
            "tracker problem resolve YH-SPORTS 4 --on 2026-11-30",
            dates=True,
        ),
    )
    resolve.add_argument("code", help=tr(lang, "project code"))
    resolve.add_argument("id", help=tr(lang, "problem id (see problem list)"))
    resolve.add_argument("--on", help=tr(lang, "day (default today)"))
    resolve.set_defaults(run=run_resolve)
    listing = actions.add_parser(
        "list",
        help=tr(lang, "list a project's problems"),
        **examples(lang, "tracker problem list YH-SPORTS", "tracker problem list YH-SPORTS --all"),
    )
    listing.add_argument("code", help=tr(lang, "project code"))
    listing.add_argument("--all", action="store_true", help=tr(lang, "include resolved ones"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)


def kind_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """`--kind` (要素保障) and `--level` (区, 市, 省)."""
    parser.add_argument(
        "--kind",
        help=tr(lang, "land, forest, planning, energy, funding, demolition, approval or other"),
    )
    parser.add_argument(
        "--level", help=tr(lang, "the level that must solve it: district, city or province")
    )


def kind_and_level(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The `--kind` and `--level` given (keys or labels), or InputError naming the field."""
    from tracker.core.steering import PROBLEM_KINDS, PROBLEM_LEVELS, choose

    kind = None if args.kind is None else choose("--kind", args.kind, PROBLEM_KINDS)
    level = None if args.level is None else choose("--level", args.level, PROBLEM_LEVELS)
    return kind, level


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker problem add CODE DESCRIPTION [--owner] [--due] [--kind] [--level]`."""
    due = deadline_arg("--due", args.due, settings)
    kind, level = kind_and_level(args)
    problem = service(settings).add_problem(
        args.code, args.description, owner=args.owner, due=due, kind=kind, level=level
    )
    print(tr(settings.lang, "Added problem {id}", id=problem.id))
    return 0


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker problem set CODE ID --kind K --level L`."""
    kind, level = kind_and_level(args)
    if kind is None and level is None:
        raise InputError("problem set", args.id, "--kind or --level")
    written = service(settings).type_problem(args.code, _problem_id(args.id), kind, level)
    from tracker.cli.project_records import _print_changes

    _print_changes(written, settings.lang)
    return 0


def _problem_id(text: str) -> int:
    if not (text.strip().isascii() and text.strip().isdigit() and len(text) <= 18):
        raise InputError("id", text, "the id of a problem (see problem list)")
    return int(text)


def run_resolve(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker problem resolve CODE ID [--on DATE]`."""
    problem_id = _problem_id(args.id)
    on = day_arg("--on", args.on, settings)
    service(settings).resolve_problem(args.code, problem_id, on)
    print(tr(settings.lang, "Problem {id} resolved ({on})", id=int(args.id), on=on))
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker problem list CODE [--all]`: open problems (all with --all)."""
    from tracker.store.read import queries

    lang = settings.lang
    with reader(settings) as conn:
        project = project_row(conn, args.code)
        rows = queries.problems(conn, project["id"])
    if not args.all:
        rows = [r for r in rows if r["resolved"] is None]
    entries = [
        {
            "id": r["id"],
            "description": r["description"],
            "owner": r["owner"],
            "due": None if r["due"] is None else r["due"].isoformat(),
            "due_precision": r["due_precision"],
            "resolved": None if r["resolved"] is None else r["resolved"].isoformat(),
            "kind": r["kind"],
            "level": r["level"],
        }
        for r in rows
    ]
    if args.format == "json":
        print_json(entries)
        return 0
    if not entries:
        print(tr(lang, "No open problems"))
        return 0
    print(
        render(
            [
                "id",
                label("problem", lang),
                label("owner", lang),
                label("due", lang),
                tr(lang, "resolved"),
                label("kind", lang),
                label("level", lang),
            ],
            [
                [
                    str(e["id"]),
                    e["description"],
                    e["owner"] or "—",
                    due_text(e["due"], e["due_precision"], lang),
                    e["resolved"] or "—",
                    "—" if e["kind"] is None else label(e["kind"], lang),
                    "—" if e["level"] is None else label(e["level"], lang),
                ]
                for e in entries
            ],
        )
    )
    return 0
