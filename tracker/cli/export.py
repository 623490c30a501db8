"""`tracker export weekly [--week 2026-W48] --format md|csv|json|xlsx|html|pdf [-o FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracker.cli.shared import reader
from tracker.config.office_time import OFFICE_TIME_ZONE, time_zone
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.i18n.catalogue import tr

FORMATS = ("md", "csv", "json", "xlsx", "html", "pdf")
BINARY = ("xlsx", "pdf")
# A PDF this system cannot make (no Chinese font, no WeasyPrint): the line names what to install.
EXIT_UNAVAILABLE = 3


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `export weekly`."""
    parser = sub.add_parser("export", help=tr(lang, "export reports"))
    kinds = parser.add_subparsers(
        dest="report", metavar="REPORT", required=True, parser_class=type(parser)
    )
    weekly = kinds.add_parser(
        "weekly",
        help=tr(lang, "the weekly status report"),
        description=tr(
            lang,
            "The status report for this ISO week (or --week): summary, projects, changes this "
            "week, coming up. Changes fall in the week in which the audit trail recorded them "
            "(Monday to Sunday, in the office's time zone).",
        ),
    )
    weekly.add_argument("--week", help=tr(lang, "ISO week, e.g. 2026-W48"))
    weekly.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help=tr(lang, "output format (default md)"),
    )
    weekly.add_argument(
        "-o",
        "--output",
        help=tr(
            lang,
            "output file; without it (or -) text formats go to stdout, xlsx and pdf to "
            "weekly-WEEK.xlsx or .pdf",
        ),
    )
    weekly.add_argument(
        "--tz",
        help=tr(
            lang,
            "time zone that places changes in weeks (TRACKER_TZ, default {OFFICE_TIME_ZONE})",
            OFFICE_TIME_ZONE=OFFICE_TIME_ZONE,
        ),
    )
    weekly.set_defaults(run=run_weekly)
    # The steering pages (issue #16): a leader's page, the weekly report's `--by` section.
    from tracker.cli.export_steering import add_by, register_leader

    add_by(weekly, lang)
    register_leader(kinds, lang)
    # One page per project (issue #18).
    from tracker.cli.export_project import register_project_page

    register_project_page(kinds, lang)
    # From lights to action (issue #17): the supervision letter.
    from tracker.cli.export_action import register_letter

    register_letter(kinds, lang)
    # The native format (issue #16), as `import` reads it.
    from tracker.cli.export_native import register_native

    register_native(kinds, lang)


def run_weekly(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker export weekly`."""
    from tracker.config.settings_file import settings_for
    from tracker.reality.reality_settings import reality_settings
    from tracker.reports.destination import ProgressBar, no_cycle_collection
    from tracker.reports.weekly import resolve_week

    found = settings_for(settings)
    origin = "settings" if found.path is None else str(found.path)
    reality = reality_settings(found.sections, origin)
    tz = time_zone(args.tz)
    week, monday = resolve_week(args.week, settings.today)
    if args.format in BINARY and args.output == "-" and sys.stdout.isatty():
        raise InputError(
            "-o", "-", "a file name (an {format} file is not for a terminal)", format=args.format
        )
    from tracker.reports.pdf import PdfUnavailable

    progress = ProgressBar()
    # The report is built, written and freed within _write_weekly, so that the collector, when it
    # resumes, does not walk its million objects once more (about 0.1 s at 10,000 projects).
    with no_cycle_collection():
        try:
            target = _write_weekly(args, settings, week, monday, tz, found, reality, progress)
        except PdfUnavailable as error:
            progress.close()
            unavailable(error, settings.lang)
            return EXIT_UNAVAILABLE
        finally:
            progress.close()
    if target is not None:
        print(tr(settings.lang, "Weekly report {week}: {target}", week=week, target=target))
    return 0


def _write_weekly(
    args: argparse.Namespace,
    settings: Settings,
    week: str,
    monday: Any,
    tz: Any,
    found: Any,
    reality: Any,
    progress: Any,
) -> Path | None:
    """Build the report and write it; the file written, or None for stdout."""
    from tracker.reports.destination import write_text
    from tracker.reports.weekly import build_weekly

    with reader(settings) as conn:
        report = build_weekly(
            conn,
            monday,
            settings.today,
            settings.lang,
            tz,
            progress.phase(week),
            found.alerts,
            reality,
            every_milestone=args.format in ("json", "html", "pdf"),
            rate_targets=found.rates.start_targets,
        )
        # The steering section (issue #16): approvals, programme moves, problems by kind.
        from dataclasses import replace

        from tracker.reports.steering_week import LISTED_ITEMS, steering_week

        # md, html and pdf list the longest overdue items, csv none; json and xlsx every one
        listed = {"md": LISTED_ITEMS, "html": LISTED_ITEMS, "pdf": LISTED_ITEMS, "csv": 0}.get(
            args.format
        )
        steering = steering_week(
            conn, monday, settings.today, args.by, found.alerts, settings.lang, listed
        )
        report = replace(report, steering=steering)
    if args.format == "xlsx":
        return _xlsx(report, settings.lang, args.output, progress)
    if args.format in ("html", "pdf"):
        from tracker.reports.html import render_html

        text = render_html(report, settings.lang, progress.phase("html"))
        if args.format == "pdf":
            return _pdf(text, report, args.output, progress)
    else:
        text = _text(report, settings.lang, args.format)
    if args.format == "md":
        from tracker.reports.steering_week import steering_markdown

        text += steering_markdown(steering, settings.lang)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return None
    write_text(Path(args.output), text)
    return Path(args.output)


def _text(report: Any, lang: str, format_: str) -> str:
    if format_ == "csv":
        from tracker.reports.csv_writer import render_csv

        return render_csv(report, lang)
    if format_ == "json":
        from tracker.reports.json_writer import render_json

        return render_json(report, lang)
    from tracker.reports.markdown import render_markdown

    return render_markdown(report, lang)


def unavailable(error: Exception, lang: str) -> None:
    """Refuse a PDF this system cannot make, in one line naming what to install."""
    from tracker.i18n.refusal import refusal_text

    print(f"tracker: {refusal_text(error, lang)}", file=sys.stderr)


def _pdf(page: str, report: Any, output: str | None, progress: Any) -> Path | None:
    """Print the html page to PDF: to stdout with `-o -`, else to a file written whole."""
    from tracker.reports.destination import replacing
    from tracker.reports.pdf import write_pdf

    phase = progress.phase("pdf", size=len(report.projects))
    if output == "-":
        import io

        buffer = io.BytesIO()
        write_pdf(page, buffer, phase)
        sys.stdout.buffer.write(buffer.getvalue())
        return None
    target = Path(output or f"weekly-{report.week}.pdf")
    with replacing(target) as temporary:
        write_pdf(page, temporary, phase)
    return target


def _xlsx(report: Any, lang: str, output: str | None, progress: Any) -> Path | None:
    from tracker.reports.destination import replacing
    from tracker.reports.xlsx import write_xlsx

    if output == "-":
        import io

        buffer = io.BytesIO()
        write_xlsx(report, lang, buffer, progress.phase("xlsx"))
        sys.stdout.buffer.write(buffer.getvalue())
        return None
    target = Path(output or f"weekly-{report.week}.xlsx")
    with replacing(target) as temporary:
        write_xlsx(report, lang, temporary, progress.phase("xlsx"))
    return target
