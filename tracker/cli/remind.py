"""`tracker remind`: what is overdue or falls due soon, as text, JSON or an iCalendar file.

Prints nothing when nothing is due (text), so `tracker remind | mail -E …` mails only when
there is something to say.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.shared import reader
from tracker.core.errors import InputError, NotFoundError
from tracker.core.textable import render
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from tracker.config.run import Settings
    from tracker.store.read.plainsql import PlainConnection

_WITHIN = re.compile(r"(\d{1,4})\s*([dw]?)")


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `remind`."""
    parser = sub.add_parser(
        "remind",
        help=tr(lang, "reminders: what is overdue or due soon"),
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--within",
        help=tr(
            lang, "look-ahead window, e.g. 14d, 30 or 2w (default from the settings file: 14 days)"
        ),
    )
    when.add_argument(
        "--ladder",
        action="store_true",
        help=tr(
            lang,
            "only what reminds today on the ladder (30, 7, 1 days before, and when overdue); "
            "for a daily cron job",
        ),
    )
    parser.add_argument("--owner", help=tr(lang, "only this owner's items"))
    parser.add_argument("--project", help=tr(lang, "only this project (code)"))
    parser.add_argument("--format", choices=("text", "json", "ics"), default="text")
    parser.add_argument("-o", "--output", help=tr(lang, "write to this file"))
    parser.add_argument(
        "--overdue",
        action="store_true",
        help=tr(
            lang,
            "with --format ics: include what is already overdue (its alarms are past; "
            "by default the calendar holds only what is still to come)",
        ),
    )
    parser.set_defaults(run=run_remind)


def within_days(text: str) -> int:
    """A window such as `14d`, `14` or `2w`, in days."""
    match = _WITHIN.fullmatch(text.strip().lower())
    if match is None:
        raise InputError("--within", text, "a number of days such as 14d, 30 or 2w")
    return int(match[1]) * (7 if match[2] == "w" else 1)


def check_project(conn: PlainConnection, code: str | None) -> None:
    """Refuse a project code that does not exist."""
    if (
        code is not None
        and conn.scalar("SELECT 1 FROM project WHERE code = :code", {"code": code}) is None
    ):
        raise NotFoundError("--project", code, "the code of an existing project")


def write_output(data: bytes, path: str | None) -> None:
    """`data` to stdout, or to `path` through a temporary file renamed into place."""
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    import tempfile

    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.")
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, target)
    except OSError as error:
        raise InputError(
            "-o", path, "a file that can be written ({strerror})", strerror=error.strerror
        ) from None


def run_remind(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker remind`."""
    from tracker.config.settings_file import settings_for
    from tracker.reminders.due import due_items, on_the_ladder, to_ics

    configured = settings_for(settings)
    ladder = configured.reminders.ladder
    if args.ladder:
        window = max(ladder)
    elif args.within is not None:
        window = within_days(args.within)
    else:
        window = configured.reminders.within_days
    with reader(settings) as conn:
        check_project(conn, args.project)
        items = due_items(
            conn,
            settings.today,
            window,
            owner=args.owner,
            project=args.project,
            status_every_days=configured.alerts.stale_amber_days,
        )
    if args.ladder:
        items = on_the_ladder(items, ladder)
    lang = settings.lang
    if args.format == "ics":
        if not args.overdue:  # every alarm of an overdue item has rung already
            items = [i for i in items if not i.overdue]
        write_output(to_ics(items, settings.today, ladder, lang), args.output)
    elif args.format == "json":
        from tracker.core.jsontext import dumps

        text = dumps([i.as_json() for i in items]) + "\n"
        write_output(text.encode(), args.output)
    elif items or args.output:
        write_output(text_table(items, lang).encode(), args.output)
    return 0


def text_table(items: list[Any], lang: str) -> str:
    """The items as an aligned table, soonest first (empty text when there are none)."""
    from tracker.core.textable import display_width
    from tracker.reminders.due import days_text, item_name

    def shorten(text: str, width: int) -> str:
        while display_width(text) > width:
            text = text[:-2] + "…"
        return text

    if not items:
        return ""
    headers = [label(k, lang) for k in ("due", "days_left", "project", "item", "kind", "owner")]
    # Thousands of rows share a few hundred due days, item names and day counts: each is worded
    # once.
    days: dict[date, str] = {}
    lefts: dict[int, str] = {}
    names: dict[str, str] = {}
    kinds = {kind: label(kind, lang) for kind in {i.kind for i in items}}
    rows = []
    for i in items:
        due = days.get(i.due) or days.setdefault(i.due, i.due.isoformat())
        left = lefts.get(i.days_left) or lefts.setdefault(i.days_left, days_text(i.days_left, lang))
        name = item_name(i, lang)
        short = names.get(name) or names.setdefault(name, shorten(name, 48))
        rows.append((due, left, i.project, short, kinds[i.kind], i.owner or "—"))
    return render(headers, rows) + "\n"
