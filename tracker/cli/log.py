"""`tracker log [CODE]`: the audit trail, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.milestones import day_arg
from tracker.cli.shared import print_json, reader, say
from tracker.config.office_time import OFFICE_TIME_ZONE, start_of, time_zone
from tracker.config.run import Settings
from tracker.core.money import format_amount
from tracker.core.textable import render
from tracker.i18n.glossary import label
from tracker.store.read import queries
from tracker.views.portfolio import change_entry


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `log`."""
    parser = sub.add_parser(
        "log", help=say(lang, "操作记录（最新在前）", "the audit trail, newest first")
    )
    parser.add_argument("code", nargs="?", help=say(lang, "项目代码", "project code"))
    parser.add_argument(
        "--since",
        help=say(
            lang,
            "自某日零点起（办公地时区，见 --tz）",
            "from midnight of this day on, in the office's time zone (see --tz)",
        ),
    )
    parser.add_argument(
        "--tz",
        help=say(
            lang,
            f"办公地时区（TRACKER_TZ，默认 {OFFICE_TIME_ZONE}）",
            f"the office's time zone (TRACKER_TZ, default {OFFICE_TIME_ZONE})",
        ),
    )
    parser.add_argument("--user", dest="author", help=say(lang, "操作人", "author"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run_log)


def run_log(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker log`."""
    since = None
    if args.since:
        since = start_of(day_arg("--since", args.since, settings), time_zone(args.tz))
    with reader(settings) as conn:
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
