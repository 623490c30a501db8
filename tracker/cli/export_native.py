"""`tracker export native FILE.csv|FILE.xlsx`: the whole portfolio in our own format.

What `tracker import FILE` reads back into an empty database: the projects with their leader in
charge, responsible unit and owner, their milestones, approval items (前期手续) and programme
memberships (issue #16).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracker.cli.record_args import examples
from tracker.cli.shared import reader
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.i18n.catalogue import tr


def register_native(kinds: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `export native`."""
    native = kinds.add_parser(
        "native",
        help=tr(lang, "every project in the native import format (CSV or XLSX)"),
        **examples(
            lang,
            "tracker export native portfolio.xlsx",
            "tracker --lang zh export native 台账.csv",
        ),
    )
    native.add_argument("file", help=tr(lang, "the file to write (.csv or .xlsx)"))
    native.set_defaults(run=run_native)


def run_native(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export native FILE`."""
    from tracker.importers.native import portfolio_rows, write_native

    path = Path(args.file)
    if path.suffix.casefold() not in (".csv", ".xlsx"):
        raise InputError("FILE", str(path), "a file name ending in .csv or .xlsx")
    with reader(settings) as conn:
        rows = portfolio_rows(conn)
    try:
        write_native(path, rows, settings.lang)
    except OSError as error:
        raise InputError(
            "FILE", str(path), "a writable path ({strerror})", strerror=error.strerror
        ) from None
    print(tr(settings.lang, "Native export of {n} projects: {path}", n=len(rows), path=path))
    return 0
