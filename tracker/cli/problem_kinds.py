"""`tracker problems [--kind K] [--level L]`: the portfolio's problems by kind (要素保障) and
the level that must solve them, e.g. the land problems to take to the city."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.record_args import examples
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label, name_in


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `problems`."""
    from tracker.cli.problems import kind_options

    parser = sub.add_parser(
        "problems",
        help=tr(lang, "the portfolio's problems, by kind and level"),
        **examples(
            lang,
            "tracker problems --kind 用地",
            "tracker problems --kind land --level city --format json",
        ),
    )
    kind_options(parser, lang)
    parser.add_argument("--all", action="store_true", help=tr(lang, "include resolved ones"))
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(run=run_problems)


def problem_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One problem of `problems --format json`."""
    return {
        "project": row["code"],
        "id": row["id"],
        "description": row["description"],
        "owner": row["owner"],
        "due": None if row["due"] is None else row["due"].isoformat(),
        "due_precision": row["due_precision"],
        "resolved": None if row["resolved"] is None else row["resolved"].isoformat(),
        "kind": row["kind"],
        "level": row["level"],
    }


def run_problems(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker problems [--kind] [--level] [--all]`."""
    from tracker.cli.problems import kind_and_level
    from tracker.cli.projects import due_text
    from tracker.store.read.steering_reads import problems_by_kind

    kind, level = kind_and_level(args)
    with reader(settings) as conn:
        rows = problems_by_kind(conn, kind, level, open_only=not args.all)
    if args.format == "json":
        print_json([problem_entry(r) for r in rows])
        return 0
    lang = settings.lang
    if not rows:
        print(tr(lang, "No open problems"))
        return 0
    heads = ["code", "name", "problem", "kind", "level", "owner", "due"]
    body = [
        [
            r["code"],
            name_in(lang, r["name"], r["name_en"]),
            r["description"],
            "—" if r["kind"] is None else label(r["kind"], lang),
            "—" if r["level"] is None else label(r["level"], lang),
            r["owner"] or "—",
            due_text(None if r["due"] is None else r["due"].isoformat(), r["due_precision"], lang),
        ]
        for r in rows
    ]
    print(render([label(h, lang) for h in heads], body))
    return 0
