"""`tracker import FILE` and `tracker import --template FILE`."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.shared import say
from tracker.config.run import Settings
from tracker.core.errors import InputError
from tracker.store.opening import service

if TYPE_CHECKING:
    from tracker.importers.field_reader import BadCell
    from tracker.importers.import_plan import Summary

_RECORDS = {
    "project": ("项目", "projects"),
    "milestone": ("节点", "milestones"),
    "status_update": ("状态更新", "status updates"),
}


def register(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `import`."""
    parser = sub.add_parser(
        "import",
        help=say(
            lang, "从 CSV/XLSX 导入项目和节点", "import projects and milestones from CSV/XLSX"
        ),
        description=say(
            lang,
            "导入 CSV 或 XLSX：本系统格式（native）、英国 GMPP 年度数据（gmpp）或 TOML 映射文件。"
            "默认全部成功才写入；任何一行有错则什么都不写，并列出每一个错误。",
            "Import a CSV or XLSX file: our own format (native), the UK GMPP annual data (gmpp) "
            "or any sheet through a TOML mapping file. All or nothing by default: any bad row "
            "and nothing is written, with a report of every bad row.",
        ),
    )
    parser.add_argument("file", nargs="?", help=say(lang, "要导入的文件", "the file to import"))
    parser.add_argument(
        "--mapping",
        default="native",
        help=say(lang, "native、gmpp 或映射文件.toml", "native, gmpp or MAPPING.toml"),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=say(lang, "只检查并列出将要发生的变更", "check and show what would change"),
    )
    parser.add_argument(
        "--on-error",
        choices=("stop", "skip"),
        default="stop",
        help=say(lang, "stop：有错全不写；skip：跳过错行", "stop: write nothing; skip bad rows"),
    )
    parser.add_argument("--encoding", help=say(lang, "CSV 编码（默认自动识别）", "CSV encoding"))
    parser.add_argument("--sheet", help=say(lang, "XLSX 工作表名", "XLSX sheet name"))
    parser.add_argument(
        "--as-of",
        help=say(lang, "数据截止日（状态更新的日期）", "the day the data stands at"),
    )
    parser.add_argument(
        "--report", help=say(lang, "把错误行写入此 CSV", "write the bad rows to this CSV")
    )
    parser.add_argument(
        "--template",
        metavar="FILE",
        help=say(lang, "写出空白导入模板（.csv 或 .xlsx）", "write a blank template (.csv/.xlsx)"),
    )
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker import`."""
    if args.template:
        return _template(Path(args.template), settings.lang)
    if not args.file:
        raise InputError("FILE", None, "a file to import, or --template FILE")
    from tracker.cli.milestones import day_arg
    from tracker.importers.pipeline import choose_mapping, validate, write
    from tracker.importers.progress import Progress

    path = Path(args.file)
    as_of = day_arg("--as-of", args.as_of, settings) if args.as_of else None
    mapping = choose_mapping(args.mapping, path, as_of)
    progress = Progress(say(settings.lang, "读取", "reading"), 1)
    validated = validate(path, mapping, encoding=args.encoding, sheet=args.sheet)
    progress.close()
    skip = args.on_error == "skip"
    if validated.bad and not skip:
        _report(validated.bad, validated.sheet, args.report, settings.lang, written=False)
        return 2

    writer = service(settings)
    total = len(validated.records) + sum(len(r.milestones) for r in validated.records)
    progress = Progress(say(settings.lang, "写入", "writing"), total)
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
        raise InputError("--template", str(path), f"a writable path ({error.strerror})") from None
    print(say(lang, f"已写出导入模板：{path}", f"Template written: {path}"))
    return 0


def _report(
    bad: list[BadCell], sheet: str, report: str | None, lang: str, *, written: bool
) -> None:
    rows = sorted({b.row for b in bad})
    if written:
        head = say(
            lang,
            f"{len(rows)} 行有错，已跳过，其余已导入：",
            f"{len(rows)} bad rows skipped; the good rows were imported:",
        )
    else:
        head = say(
            lang,
            f"{len(rows)} 行有错，未导入任何数据：",
            f"{len(rows)} bad rows; nothing was imported:",
        )
    print(f"tracker: {head}", file=sys.stderr)
    for cell in sorted(bad, key=lambda b: b.row):
        print(f"  {cell.line(sheet)}", file=sys.stderr)
    if report:
        with Path(report).open("w", encoding="utf-8-sig", newline="") as file:
            out = csv.writer(file)
            out.writerow(["row", "column", "value", "reason"])
            out.writerows([b.row, b.column, b.value, b.reason] for b in bad)


def _print_summary(summary: Summary, path: Path, dry_run: bool, lang: str) -> None:
    if dry_run:
        for code, record, name, old, new in summary.lines:
            print(f"  {code}  {record}.{name}: {_short(old)} -> {_short(new)}")
    parts = []
    for key, (zh, en) in _RECORDS.items():
        added, changed = summary.added.get(key, 0), summary.changed.get(key, 0)
        parts.append(
            say(
                lang,
                f"{zh} 新增 {added}、变更 {changed}",
                f"{en}: {added} added, {changed} changed",
            )
        )
    unchanged = say(
        lang, f"未变项目 {summary.unchanged_projects}", f"{summary.unchanged_projects} unchanged"
    )
    verb = (
        say(lang, "试导入（未写入）", "Dry run, nothing written")
        if dry_run
        else say(lang, "已导入", "Imported")
    )
    print(f"{verb} {path.name}: " + "; ".join(parts) + f"; {unchanged}")


def _short(value: object) -> str:
    if value is None:
        return "—"
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
