"""`tracker backup FILE` and `tracker restore FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.config.run import Settings
from tracker.i18n.catalogue import N_, tr

if TYPE_CHECKING:
    from tracker.store.backup import Progress

_RECORDS = {
    "project": N_("projects"),
    "milestone": N_("milestones"),
    "investment_plan": N_("annual plans"),
    "investment_report": N_("monthly investment reports"),
    "status_update": N_("status updates"),
    "problem": N_("problems"),
    "change": N_("audit entries"),
    # the steering tables (issue #16)
    "approval_item": N_("approval items"),
    "leader": N_("leaders"),
    "organisation": N_("organisations"),
    "programme_membership": N_("programme memberships"),
    "enrolment_evidence": N_("enrolment evidence items"),
}


def register_backup(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `backup`."""
    parser = sub.add_parser(
        "backup",
        help=tr(lang, "copy the whole database to one file"),
        description=tr(
            lang,
            "Write a consistent copy while others keep working: an SQLite file that tracker "
            "itself can open (`tracker --db FILE projects`). Written under a temporary name and "
            "renamed when complete.",
        ),
    )
    parser.add_argument("file", metavar="FILE", help=tr(lang, "the backup file"))
    parser.set_defaults(run=run_backup)


def register_restore(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `restore`."""
    parser = sub.add_parser(
        "restore",
        help=tr(lang, "restore a backup into an empty database"),
        description=tr(
            lang,
            "Copy a backup written by `tracker backup` into an empty database (SQLite or "
            "PostgreSQL): identical content, ids and audit trail. A database that holds any "
            "data is refused.",
        ),
    )
    parser.add_argument("file", metavar="FILE", help=tr(lang, "the backup file"))
    parser.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker backup FILE`."""
    from tracker.store.backup import backup

    progress = _progress(settings.lang)
    counts = backup(settings.db_url, Path(args.file), progress)
    _end_progress(progress)
    print(
        tr(
            settings.lang,
            "Backup written to {file}: {summary}",
            file=args.file,
            summary=summary(counts, settings.lang),
        )
    )
    return 0


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker restore FILE`."""
    from tracker.store.backup import restore

    progress = _progress(settings.lang)
    counts = restore(Path(args.file), settings.db_url, progress)
    _end_progress(progress)
    print(
        tr(
            settings.lang,
            "Restored from {file}: {summary}",
            file=args.file,
            summary=summary(counts, settings.lang),
        )
    )
    return 0


def summary(counts: dict[str, int], lang: str) -> str:
    """How many records of each kind, in the user's words."""
    order = {table: place for place, table in enumerate(_RECORDS)}
    parts = []
    for table in sorted(counts, key=lambda name: (order.get(name, len(order)), name)):
        count = counts[table]
        records = tr(lang, _RECORDS.get(table, table))
        parts.append(tr(lang, "{count} {records}", count=count, records=records))
    return tr(lang, ", ").join(parts)


def _progress(lang: str) -> Progress | None:
    """Rows copied so far, on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(table: str, rows: int) -> None:
        records = tr(lang, _RECORDS.get(table, table))
        print(f"\r{records}: {rows}\033[K", end="", file=sys.stderr, flush=True)

    return show


def _end_progress(progress: Progress | None) -> None:
    if progress is not None:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
