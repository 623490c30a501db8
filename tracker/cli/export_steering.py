"""`tracker export leader NAME [--format md|html|json] [-o FILE]` and the `--by leader|unit`
option of `tracker export weekly` (issue #16); the section is tracker.reports.steering_week."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracker.cli.record_args import examples
from tracker.cli.shared import print_json, reader
from tracker.config.run import Settings
from tracker.i18n.catalogue import tr


def register_leader(kinds: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `export leader`."""
    page = kinds.add_parser(
        "leader",
        help=tr(lang, "one page per leader in charge: their projects, lights, what is late"),
        **examples(
            lang,
            "tracker export leader 张三",
            "tracker --lang zh export leader 张三 --format html -o 张三.html",
        ),
    )
    page.add_argument("name", help=tr(lang, "a recorded leader in charge"))
    page.add_argument("--format", choices=("md", "html", "json"), default="md")
    page.add_argument("-o", "--output", help=tr(lang, "output file (default stdout)"))
    page.set_defaults(run=run_leader)


def add_by(weekly: argparse.ArgumentParser, lang: str) -> None:
    """`export weekly --by leader|unit`."""
    weekly.add_argument(
        "--by",
        choices=("leader", "unit"),
        help=tr(
            lang,
            "group the projects by leader or unit in the report's steering section",
        ),
    )


def run_leader(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export leader NAME`."""
    from tracker.config.settings_file import settings_for
    from tracker.reports.steering_pages import leader_html, leader_markdown, leader_page

    with reader(settings) as conn:
        page = leader_page(
            conn, args.name, settings.today, settings.lang, settings_for(settings).alerts
        )
    if args.format == "json" and args.output in (None, "-"):
        print_json(page)
        return 0
    if args.format == "json":
        from tracker.core.jsontext import dumps

        text = dumps(page) + "\n"
    elif args.format == "html":
        text = leader_html(page, settings.lang)
    else:
        text = leader_markdown(page, settings.lang)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    from tracker.reports.destination import write_text

    write_text(Path(args.output), text)
    print(
        tr(settings.lang, "Leader page {name}: {target}", name=page["leader"], target=args.output)
    )
    return 0
