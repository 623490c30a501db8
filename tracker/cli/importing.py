"""`tracker import FILE` and `tracker import --template FILE`."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_, tr
from tracker.store.opening import service

if TYPE_CHECKING:
    from tracker.importers.field_reader import BadCell
    from tracker.importers.import_plan import Summary

_REPORT_HEADER = (N_("row"), N_("column"), N_("value"), N_("reason"))
_RECORDS = {
    "project": N_("projects"),
    "milestone": N_("milestones"),
    "status_update": N_("status updates"),
}
_STEERING_RECORDS = {
    "approval_item": N_("approval items"),
    "programme_membership": N_("programme memberships"),
    "leader": N_("leaders"),
}
"""Named in the summary only when the import adds or changes one (issue #16)."""


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `import`."""
    parser = sub.add_parser(
        "import",
        help=tr(lang, "import projects and milestones from CSV/XLSX"),
        description=tr(
            lang,
            "Import a CSV or XLSX file: our own format (native), the UK GMPP annual data (gmpp) "
            "or any sheet through a TOML mapping file. All or nothing by default: any bad row "
            "and nothing is written, with a report of every bad row.",
        ),
    )
    parser.add_argument(
        "file", nargs="?", help=tr(lang, "the file to import (- reads standard input)")
    )
    parser.add_argument(
        "--mapping",
        default="native",
        help=tr(lang, "native, gmpp or MAPPING.toml"),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=tr(lang, "check and show what would change"),
    )
    parser.add_argument(
        "--on-error",
        choices=("stop", "skip"),
        default="stop",
        help=tr(lang, "stop: write nothing; skip bad rows"),
    )
    parser.add_argument("--encoding", help=tr(lang, "CSV encoding"))
    parser.add_argument("--sheet", help=tr(lang, "XLSX sheet name"))
    parser.add_argument(
        "--as-of",
        help=tr(lang, "the day the data stands at"),
    )
    parser.add_argument("--report", help=tr(lang, "write the bad rows to this CSV"))
    parser.add_argument(
        "--template",
        metavar="FILE",
        help=tr(lang, "write a blank template (.csv/.xlsx)"),
    )
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker import`."""
    if args.template:
        return _template(Path(args.template), settings.lang)
    if not args.file:
        raise InputError("FILE", None, "a file to import, or --template FILE")
    _check_report(args.report)
    if args.file == "-":
        import tempfile

        with tempfile.TemporaryDirectory(prefix="tracker-stdin-") as folder:
            data = sys.stdin.buffer.read()
            suffix = ".xlsx" if data.startswith(b"PK\x03\x04") else ".csv"
            path = Path(folder) / f"stdin{suffix}"
            path.write_bytes(data)
            return _import(args, settings, path)
    return _import(args, settings, Path(args.file))


def _check_report(report: str | None) -> None:
    """Refuse a --report path that cannot be written, before anything is read or written."""
    if report is None:
        return
    target = Path(report)
    if target.is_dir() or not target.resolve().parent.is_dir():
        raise InputError("--report", report, "the path of a CSV file in an existing folder")


def _import(args: argparse.Namespace, settings: Settings, path: Path) -> int:
    from tracker.cli.milestones import day_arg
    from tracker.config.approval_template import approval_steps
    from tracker.config.settings_file import settings_for
    from tracker.importers.pipeline import choose_mapping, validate, write
    from tracker.importers.progress import Progress

    as_of = day_arg("--as-of", args.as_of, settings) if args.as_of else None
    mapping = choose_mapping(args.mapping, path, as_of)
    steps = approval_steps(settings_for(settings).sections)
    progress = Progress(tr(settings.lang, "reading"), 1)
    validated = validate(
        path,
        mapping,
        encoding=args.encoding,
        sheet=args.sheet,
        steps=steps,
        today=settings.today,
    )
    progress.close()
    skip = args.on_error == "skip"
    if validated.bad and not skip:
        _report(validated.bad, validated.sheet, args.report, settings.lang, written=False)
        return 2

    writer = service(settings)
    total = len(validated.records) + sum(len(r.milestones) for r in validated.records)
    progress = Progress(tr(settings.lang, "writing"), total)
    outcome = write(
        validated,
        writer.engine,
        user=settings.user,
        clock=writer.clock,
        today=settings.today,
        as_of=as_of,
        dry_run=args.dry_run,
        skip_bad=skip,
        tick=progress.advance,
    )
    progress.close()
    if outcome.bad:
        _report(outcome.bad, validated.sheet, args.report, settings.lang, written=skip)
        if outcome.written is None and not args.dry_run:
            return 2
    _print_summary(outcome.summary, path, args.dry_run, settings.lang)
    return 0


def _template(path: Path, lang: str) -> int:
    from tracker.importers.native import write_native

    if path.suffix.casefold() not in (".csv", ".xlsx"):
        raise InputError("--template", str(path), "a file name ending in .csv or .xlsx")
    try:
        write_native(path, [], lang)
    except OSError as error:
        raise InputError(
            "--template", str(path), "a writable path ({strerror})", strerror=error.strerror
        ) from None
    print(tr(lang, "Template written: {path}", path=path))
    return 0


def _report(
    bad: list[BadCell], sheet: str, report: str | None, lang: str, *, written: bool
) -> None:
    rows = sorted({b.row for b in bad})
    if written:
        head = tr(lang, "{n} bad rows skipped; the good rows were imported:", n=len(rows))
    else:
        head = tr(lang, "{n} bad rows; nothing was imported:", n=len(rows))
    print(f"tracker: {head}", file=sys.stderr)
    for cell in sorted(bad, key=lambda b: b.row):
        print(f"  {cell.line(sheet, lang)}", file=sys.stderr)
    if report:
        from tracker.core.formula import neutral as guard

        with Path(report).open("w", encoding="utf-8-sig", newline="") as file:
            out = csv.writer(file)
            out.writerow([tr(lang, word) for word in _REPORT_HEADER])
            out.writerows(
                [b.row, guard(b.column), guard(b.value), guard(b.reason.text(lang))] for b in bad
            )


def _print_summary(summary: Summary, path: Path, dry_run: bool, lang: str) -> None:
    if dry_run:
        for code, record, name, old, new in summary.lines:
            print(f"  {code}  {record}.{name}: {_short(old)} -> {_short(new)}")
    parts = []
    for key, records in (*_RECORDS.items(), *_STEERING_RECORDS.items()):
        added, changed = summary.added.get(key, 0), summary.changed.get(key, 0)
        if key in _STEERING_RECORDS and not (added or changed):
            continue
        parts.append(
            tr(
                lang,
                "{records}: {added} added, {changed} changed",
                records=tr(lang, records),
                added=added,
                changed=changed,
            )
        )
    unchanged = tr(
        lang, "{unchanged_projects} unchanged", unchanged_projects=summary.unchanged_projects
    )
    verb = tr(lang, "Dry run, nothing written") if dry_run else tr(lang, "Imported")
    print(f"{verb} {path.name}: " + "; ".join(parts) + f"; {unchanged}")


def _short(value: object) -> str:
    if value is None:
        return "—"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
