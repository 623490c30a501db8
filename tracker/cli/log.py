"""`tracker log [CODE]`: the audit trail, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg
from tracker.cli.shared import print_json, reader
from tracker.config.office_time import OFFICE_TIME_ZONE, start_of, time_zone
from tracker.config.run import Settings
from tracker.core.errors import NotFoundError
from tracker.core.money import format_amount
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.store.read import queries
from tracker.views.portfolio import change_entry


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `log`."""
    parser = sub.add_parser("log", help=tr(lang, "the audit trail, newest first"))
    parser.add_argument("code", nargs="?", help=tr(lang, "project code"))
    parser.add_argument(
        "--since",
        help=tr(lang, "from midnight of this day on, in the office's time zone (see --tz)"),
    )
    parser.add_argument(
        "--tz",
        help=tr(
            lang,
            "the office's time zone (TRACKER_TZ, default {OFFICE_TIME_ZONE})",
            OFFICE_TIME_ZONE=OFFICE_TIME_ZONE,
        ),
    )
    parser.add_argument("--user", dest="author", help=tr(lang, "author"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run_log)


def run_log(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker log`."""
    since = None
    office = time_zone(args.tz)
    if args.since:
        since = start_of(day_arg("--since", args.since, settings), office)
    with reader(settings) as conn:
        if args.code and not conn.scalar("SELECT 1 FROM project WHERE code = :c", {"c": args.code}):
            raise NotFoundError("project", args.code, "the code of an existing project")
        entries = [change_entry(r) for r in queries.changes(conn, args.code, since, args.author)]
        currencies = {
            r["code"]: r["currency"] for r in conn.rows("SELECT code, currency FROM project")
        }
    if args.format == "json":
        print_json(entries)
        return 0
    lang = settings.lang
    if not entries:
        print(label("no_changes", lang))
        return 0
    headers = [label(k, lang) for k in ("when", "user", "project", "record", "field", "change")]
    rows = [
        [
            e["at"].replace("T", " ")[:16],
            e["user"],
            e["project"] or "—",
            f"{e['record']} {e['record_id']}",
            e["field"].removesuffix("_cents"),
            f"{shown(e, 'old', currencies, lang)} -> {shown(e, 'new', currencies, lang)}",
        ]
        for e in entries
    ]
    print(render(headers, rows))
    return 0


def shown(entry: dict[str, Any], side: str, currencies: dict[str, str], lang: str) -> str:
    """One side of a change on one line: money in its currency (£8,309m), long text cut short."""
    value = entry[side]
    if value is None:
        return "—"
    if entry["field"].endswith("_cents") and value.lstrip("-").isdigit():
        return format_amount(int(value), currencies.get(entry["project"], "CNY"), lang)
    text = " ".join(value.split())
    return text if len(text) <= 60 else text[:59] + "…"
