"""`tracker export project CODE [--format md|html|pdf] [-o FILE]`: one page per project
(项目一页纸), for a leader's visit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracker.cli.record_args import examples
from tracker.cli.shared import reader
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.i18n.catalogue import tr


def register_project_page(kinds: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `export project`."""
    page = kinds.add_parser(
        "project",
        help=tr(lang, "one page per project: facts, light and why, milestones, money, problems"),
        **examples(
            lang,
            "tracker export project YH-SPORTS",
            "tracker --lang zh export project YH-SPORTS --format pdf -o 体育中心.pdf",
        ),
    )
    page.add_argument("code", help=tr(lang, "project code"))
    page.add_argument("--format", choices=("md", "html", "pdf"), default="md")
    page.add_argument(
        "-o",
        "--output",
        help=tr(lang, "output file; without it md and html go to stdout, pdf to CODE.pdf"),
    )
    page.set_defaults(run=run_project_page)


def run_project_page(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export project CODE`."""
    from tracker.cli.export import EXIT_UNAVAILABLE, unavailable
    from tracker.cli.record_args import project_row
    from tracker.config.office_time import time_zone
    from tracker.config.settings_file import settings_for
    from tracker.reality.reality_settings import reality_settings
    from tracker.reports.pdf import PdfUnavailable
    from tracker.reports.project_page import project_page
    from tracker.reports.project_writers import project_html, project_markdown

    if args.format == "pdf" and args.output == "-" and sys.stdout.isatty():
        raise InputError(
            "-o", "-", "a file name (an {format} file is not for a terminal)", format="pdf"
        )
    found = settings_for(settings)
    origin = "settings" if found.path is None else str(found.path)
    reality = reality_settings(found.sections, origin)
    with reader(settings) as conn:
        row = project_row(conn, args.code)
        page = project_page(
            conn, row, settings.today, settings.lang, time_zone(None), found.alerts, reality
        )
    if args.format == "md":
        return _text(project_markdown(page, settings.lang), args.output, settings, row["code"])
    html = project_html(page, settings.lang)
    if args.format == "html":
        return _text(html, args.output, settings, row["code"])
    try:
        target = _pdf(html, args.output, row["code"])
    except PdfUnavailable as error:
        unavailable(error, settings.lang)
        return EXIT_UNAVAILABLE
    if target is not None:
        print(tr(settings.lang, "Project page {code}: {target}", code=row["code"], target=target))
    return 0


def _text(text: str, output: str | None, settings: Settings, code: str) -> int:
    if output in (None, "-"):
        sys.stdout.write(text)
        return 0
    from tracker.reports.destination import write_text

    write_text(Path(output), text)
    print(tr(settings.lang, "Project page {code}: {target}", code=code, target=output))
    return 0


def _pdf(html: str, output: str | None, code: str) -> Path | None:
    from tracker.reports.destination import replacing
    from tracker.reports.pdf import write_pdf

    if output == "-":
        import io

        buffer = io.BytesIO()
        write_pdf(html, buffer, one_page=True)
        sys.stdout.buffer.write(buffer.getvalue())
        return None
    target = Path(output or f"{code}.pdf")
    with replacing(target) as temporary:
        write_pdf(html, temporary, one_page=True)
    return target
