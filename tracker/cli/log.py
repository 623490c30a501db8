"""`tracker log [CODE]`: the audit trail, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg
from tracker.cli.shared import print_json, reader
from tracker.config.office_time import OFFICE_TIME_ZONE, start_of, time_zone
from tracker.config.run import Settings
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
    from tracker.views.audit_trail import audit_cells, audit_entries, audit_headers

    tz = time_zone(args.tz)
    since = None
    if args.since:
        since = start_of(day_arg("--since", args.since, settings), tz)
    with reader(settings) as conn:
        rows = queries.changes(conn, args.code, since, args.author)
        if args.format == "json":
            print_json([change_entry(r) for r in rows])
            return 0
        entries = audit_entries(conn, rows)
    lang = settings.lang
    if not entries:
        print(label("no_changes", lang))
        return 0
    print(render(audit_headers(lang, tz), [audit_cells(e, lang, tz) for e in entries]))
    return 0
