"""`tracker leader|org add|rename|list`, `tracker assign` and `tracker library`: who answers
for a project (包保领导, 责任单位, 业主单位) and which library it is in, every write through the
service."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.record_args import examples
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label


def _actions(sub: argparse._SubParsersAction[Any], name: str, words: str) -> Any:
    parser = sub.add_parser(name, help=words)
    return parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )


def register_leader(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `leader add|rename|list`."""
    actions = _actions(sub, "leader", tr(lang, "leaders in charge (包保领导): add, rename, list"))
    add = actions.add_parser(
        "add",
        help=tr(lang, "record a leader in charge"),
        **examples(lang, "tracker leader add 张三 --title 副区长"),
    )
    add.add_argument("name", help=tr(lang, "name"))
    add.add_argument("--title", help=tr(lang, "title, e.g. 副区长"))
    add.set_defaults(run=run_leader_add)
    rename = actions.add_parser(
        "rename",
        help=tr(lang, "rename a leader or change their title"),
        **examples(
            lang, "tracker leader rename 张三 --to 张叁", "tracker leader rename 张三 --title 区长"
        ),
    )
    rename.add_argument("name", help=tr(lang, "name"))
    rename.add_argument("--to", help=tr(lang, "the new name"))
    rename.add_argument("--title", help=tr(lang, "title, e.g. 副区长"))
    rename.set_defaults(run=run_leader_rename)
    listing = actions.add_parser("list", help=tr(lang, "list the leaders in charge"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_leader_list)


def register_org(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `org add|rename|list`."""
    actions = _actions(
        sub, "org", tr(lang, "organisations (责任单位, 业主单位, 审批部门): add, rename, list")
    )
    add = actions.add_parser(
        "add",
        help=tr(lang, "record an organisation"),
        **examples(
            lang, "tracker org add 区体育局 --kind unit", "tracker org add 区城投集团 --kind owner"
        ),
    )
    add.add_argument("name", help=tr(lang, "name"))
    add.add_argument("--kind", help=tr(lang, "unit, owner or department"))
    add.set_defaults(run=run_org_add)
    rename = actions.add_parser(
        "rename",
        help=tr(lang, "rename an organisation (its projects follow)"),
        **examples(lang, "tracker org rename 区体育局 区文体局"),
    )
    rename.add_argument("name", help=tr(lang, "name"))
    rename.add_argument("new_name", help=tr(lang, "the new name"))
    rename.set_defaults(run=run_org_rename)
    listing = actions.add_parser("list", help=tr(lang, "list the organisations"))
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_org_list)


def register_assign(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `assign`."""
    parser = sub.add_parser(
        "assign",
        help=tr(lang, "make a leader, unit or owner answer for a project"),
        **examples(
            lang,
            "tracker assign YH-SPORTS --leader 张三 --unit 区体育局 --owner-org 区城投集团",
            'tracker assign YH-SPORTS --leader ""',
        ),
    )
    parser.add_argument("code", help=tr(lang, "project code"))
    parser.add_argument("--leader", help=tr(lang, 'a recorded leader in charge ("" clears)'))
    parser.add_argument("--unit", help=tr(lang, 'a recorded responsible unit ("" clears)'))
    parser.add_argument("--owner-org", help=tr(lang, 'a recorded owner organisation ("" clears)'))
    parser.set_defaults(run=run_assign)


def register_library(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `library`."""
    parser = sub.add_parser(
        "library",
        help=tr(lang, "move a project to a library (谋划, 储备, 新开工, 续建, 竣工)"),
        **examples(lang, "tracker library YH-ARTS 储备", "tracker library YH-ARTS none"),
    )
    parser.add_argument("code", help=tr(lang, "project code"))
    parser.add_argument(
        "library", help=tr(lang, "pipeline, reserve, new_start, continuing, completed or none")
    )
    parser.set_defaults(run=run_library)


def _print_written(written: list[Any], lang: str) -> None:
    from tracker.cli.project_records import _print_changes

    _print_changes(written, lang)


def run_leader_add(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker leader add NAME [--title]`."""
    from tracker.store.opening import service

    leader = service(settings).add_leader(args.name, args.title)
    print(tr(settings.lang, "Added leader {name}", name=leader.name))
    return 0


def run_leader_rename(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker leader rename NAME [--to NEW] [--title TITLE]`."""
    from tracker.core.errors import InputError
    from tracker.store.opening import service

    if args.to is None and args.title is None:
        raise InputError("leader rename", args.name, "--to NEW or --title TITLE")
    _print_written(service(settings).rename_leader(args.name, args.to, args.title), settings.lang)
    return 0


def run_org_add(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker org add NAME [--kind]`."""
    from tracker.core.steering import ORGANISATION_KINDS, choose
    from tracker.store.opening import service

    kind = (
        None
        if args.kind is None
        else choose("--kind", args.kind, ORGANISATION_KINDS, suffix="_kind")
    )
    organisation = service(settings).add_organisation(args.name, kind)
    print(tr(settings.lang, "Added organisation {name}", name=organisation.name))
    return 0


def run_org_rename(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker org rename NAME NEW`."""
    from tracker.store.opening import service

    _print_written(service(settings).rename_organisation(args.name, args.new_name), settings.lang)
    return 0


def run_assign(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker assign CODE [--leader] [--unit] [--owner-org]`."""
    from tracker.store.opening import service

    written = service(settings).assign(
        args.code, leader=args.leader, unit=args.unit, owner_org=args.owner_org
    )
    lang = settings.lang
    for change in written:  # the leader is recorded by id, and named here
        if change.field == "leader_id":
            shown = (args.leader or "").strip() or "—"
            print(
                tr(lang, "{field}: {old} → {new}", field=label("leader", lang), old="…", new=shown)
            )
    others = [c for c in written if c.field != "leader_id"]
    if others or not written:
        _print_written(others, lang)
    return 0


def run_library(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker library CODE LIBRARY`."""
    from tracker.core.steering import LIBRARIES, choose
    from tracker.store.opening import service

    none = args.library.strip().casefold() in ("none", "-", "无")
    library = None if none else choose("library", args.library, LIBRARIES)
    _print_written(service(settings).set_library(args.code, library), settings.lang)
    return 0


def run_leader_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker leader list`."""
    from tracker.store.read.steering_reads import leaders

    with reader(settings) as conn:
        rows = leaders(conn)
    entries = [
        {
            **{k: r[k] for k in ("name", "title", "projects")},
            "illustrative": bool(r["illustrative"]),
        }
        for r in rows
    ]
    if args.format == "json":
        print_json(entries)
        return 0
    lang = settings.lang
    heads = [tr(lang, "name"), label("title", lang), tr(lang, "projects")]
    body = [
        [e["name"] + (" *" if e["illustrative"] else ""), e["title"] or "—", str(e["projects"])]
        for e in entries
    ]
    print(render(heads, body, right=(2,)))
    if any(e["illustrative"] for e in entries):
        print(tr(lang, "* illustrative (a demo assumption, not from the source)"))
    return 0


def run_org_list(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker org list`."""
    from tracker.store.read.steering_reads import organisations

    with reader(settings) as conn:
        rows = organisations(conn)
    entries = [{k: r[k] for k in ("name", "kind", "as_unit", "as_owner")} for r in rows]
    if args.format == "json":
        print_json(entries)
        return 0
    lang = settings.lang
    heads = [tr(lang, "name"), label("kind", lang), label("unit", lang), label("owner_org", lang)]
    body = [
        [
            e["name"],
            "—" if e["kind"] is None else label(f"{e['kind']}_kind", lang),
            str(e["as_unit"]),
            str(e["as_owner"]),
        ]
        for e in entries
    ]
    print(render(heads, body, right=(2, 3)))
    return 0
