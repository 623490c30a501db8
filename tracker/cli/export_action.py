"""`tracker export letter ID --format md|html|docx` (the supervision letter of an instrument in
the escalation ledger) and `tracker export meeting ID --format md|html|docx|xlsx` (a dispatch
meeting's record): from lights to action (issue #17)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.cli.record_args import examples
from tracker.cli.shared import reader
from tracker.config.run import Settings
from tracker.i18n.catalogue import tr


def register_letter(kinds: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `export letter`."""
    page = kinds.add_parser(
        "letter",
        help=tr(lang, "the supervision letter (督办函) of an instrument in the ledger"),
        **examples(
            lang,
            "tracker --lang zh export letter 3",
            "tracker --lang zh export letter 3 --format docx -o 督办函.docx",
        ),
    )
    page.add_argument("id", metavar="ID", help=tr(lang, "the instrument's number in the list"))
    page.add_argument("--format", choices=("md", "html", "docx"), default="md")
    page.add_argument(
        "-o",
        "--output",
        help=tr(lang, "output file; without it md and html go to stdout, docx to letter-ID.docx"),
    )
    page.set_defaults(run=run_letter)

    meeting = kinds.add_parser(
        "meeting",
        help=tr(lang, "a dispatch meeting's record: its agenda and the actions decided"),
        **examples(lang, "tracker --lang zh export meeting 1 --format xlsx -o 调度会.xlsx"),
    )
    meeting.add_argument("id", metavar="ID", help=tr(lang, "the meeting's number"))
    meeting.add_argument("--format", choices=("md", "html", "docx", "xlsx"), default="md")
    meeting.add_argument(
        "-o",
        "--output",
        help=tr(
            lang,
            "output file; without it md and html go to stdout, docx and xlsx to meeting-ID.FORMAT",
        ),
    )
    meeting.set_defaults(run=run_meeting)


def run_letter(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export letter ID`."""
    from tracker.cli.escalate import instrument_id
    from tracker.config.settings_file import settings_for
    from tracker.reports.letter import (
        build_letter,
        letter_html,
        letter_markdown,
        letter_wording,
        write_letter_docx,
    )

    ident = instrument_id(args.id)
    found = settings_for(settings)
    wording = letter_wording(found.sections, settings.lang)
    with reader(settings) as conn:
        letter = build_letter(conn, ident, settings.today, settings.lang, wording, found.alerts)
    target = _write(
        args,
        f"letter-{ident}",
        lambda: (
            letter_markdown(letter) if args.format == "md" else letter_html(letter, settings.lang)
        ),
        {"docx": lambda path: write_letter_docx(letter, path)},
    )
    if target is not None:
        print(tr(settings.lang, "Letter #{id}: {target}", id=ident, target=target))
    return 0


def run_meeting(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export meeting ID`."""
    from tracker.cli.meeting import MEETING_NUMBER
    from tracker.cli.record_args import record_number
    from tracker.core.errors import NotFoundError
    from tracker.reports.meeting_agenda import meeting_html, meeting_markdown, meeting_record
    from tracker.reports.meeting_files import write_meeting_docx, write_meeting_xlsx

    ident = record_number("ID", args.id, MEETING_NUMBER)
    lang = settings.lang
    with reader(settings) as conn:
        record = meeting_record(conn, ident, settings.today, lang)
    if record is None:
        raise NotFoundError("ID", args.id, MEETING_NUMBER)
    target = _write(
        args,
        f"meeting-{ident}",
        lambda: (
            meeting_markdown(record, lang) if args.format == "md" else meeting_html(record, lang)
        ),
        {
            "docx": lambda path: write_meeting_docx(record, lang, path),
            "xlsx": lambda path: write_meeting_xlsx(record, lang, path),
        },
    )
    if target is not None:
        print(tr(lang, "Meeting #{id}: {target}", id=ident, target=target))
    return 0


def _write(
    args: argparse.Namespace,
    stem: str,
    text: Callable[[], str],
    files: dict[str, Callable[[Path], None]],
) -> Path | None:
    """Write the text formats to stdout or -o, the file formats to -o or `stem.FORMAT`; the
    file written, or None for stdout."""
    from tracker.core.errors import InputError
    from tracker.reports.destination import replacing, write_text

    if args.format in files:
        if args.output == "-":
            raise InputError(
                "-o", "-", "a file name (a {format} file is not for a terminal)", format=args.format
            )
        target = Path(args.output or f"{stem}.{args.format}")
        with replacing(target) as temporary:
            files[args.format](temporary)
        return target
    if args.output in (None, "-"):
        sys.stdout.write(text())
        return None
    write_text(Path(args.output), text())
    return Path(args.output)
