"""`tracker export letter ID --format md|html|docx [-o FILE]`: the supervision letter of an
instrument in the escalation ledger (issue #17)."""

from __future__ import annotations

import argparse
import sys
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


def run_letter(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export letter ID`."""
    from tracker.cli.escalate import instrument_id
    from tracker.config.settings_file import settings_for
    from tracker.core.errors import InputError
    from tracker.reports.destination import replacing, write_text
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
    if args.format == "docx" and args.output == "-":
        raise InputError("-o", "-", "a file name (a docx file is not for a terminal)")
    with reader(settings) as conn:
        letter = build_letter(conn, ident, settings.today, settings.lang, wording, found.alerts)
    if args.format == "docx":
        target = Path(args.output or f"letter-{ident}.docx")
        with replacing(target) as temporary:
            write_letter_docx(letter, temporary)
    else:
        text = (
            letter_markdown(letter) if args.format == "md" else letter_html(letter, settings.lang)
        )
        if args.output in (None, "-"):
            sys.stdout.write(text)
            return 0
        target = Path(args.output)
        write_text(target, text)
    print(tr(settings.lang, "Letter #{id}: {target}", id=ident, target=target))
    return 0
