"""`tracker init [--demo]` and `tracker demo`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tracker.config.run import Settings, database_url, demo_database_path, sqlite_file
from tracker.core.errors import InputError
from tracker.i18n.catalogue import tr
from tracker.store.opening import service


def register_init(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `init`."""
    parser = sub.add_parser(
        "init",
        help=tr(lang, "create or upgrade the database"),
        description=tr(
            lang, "Create the database, or upgrade an older one to the current schema (idempotent)."
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=tr(lang, "load the demo portfolio (idempotent)"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=tr(lang, "install tracker's tables even beside another application's"),
    )
    parser.set_defaults(run=run_init)


def register_demo(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `demo`."""
    parser = sub.add_parser(
        "demo",
        help=tr(lang, "open the demo portfolio in its own database"),
    )
    parser.set_defaults(run=run_demo)


def init_database(settings: Settings, *, demo: bool) -> int:
    """Create or upgrade the schema; with `demo`, load the demo portfolio; returns how many."""
    from tracker.store.demo import load_demo
    from tracker.store.migrate import upgrade

    backup = upgrade(settings.db_url)
    if backup is not None:
        notice = tr(
            settings.lang, "upgraded the schema; the old file was kept as {backup}", backup=backup
        )
        print(f"tracker: {notice}", file=sys.stderr)
    return load_demo(service(settings), settings.today) if demo else 0


def run_init(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker init`."""
    from tracker.store.read.plainsql import shown_url

    if not args.force:
        _refuse_foreign(settings.db_url)
    added = init_database(settings, demo=args.demo)
    where = shown_url(settings.db_url)
    print(tr(settings.lang, "Database ready: {where}", where=where))
    if args.demo:
        print(tr(settings.lang, "Demo projects added: {added}", added=added))
    return 0


def _refuse_foreign(url: str) -> None:
    """Refuse to install tracker's schema into another application's database: one that has
    tables but no schema revision of tracker's."""
    import os
    import sqlite3

    from tracker.store.migrate import current_revision
    from tracker.store.read.plainsql import PlainConnection, shown_url

    if current_revision(url) is not None:
        return
    path = sqlite_file(url)
    if path is not None:
        if not os.path.isfile(path):
            return
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).fetchall()
        tables = [row[0] for row in rows]
    else:
        with PlainConnection(url) as plain:
            tables = [
                row[0]
                for row in plain.tuples(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() ORDER BY table_name"
                )
            ]
    if tables:
        raise InputError(
            "--db",
            shown_url(url),
            "a new database or one of tracker's (this one holds {tables}; "
            "--force installs tracker's tables beside them)",
            tables=", ".join(tables[:3]) + (", …" if len(tables) > 3 else ""),
        )


def run_demo(_args: argparse.Namespace, settings: Settings) -> int:
    """`tracker demo`: the demo portfolio in its own database, opened in the UI."""
    from tracker.cli.ui import open_ui

    demo = settings.replace(db_url=database_url(str(demo_database_path())))
    init_database(demo, demo=True)
    return open_ui(demo)
