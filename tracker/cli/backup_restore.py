"""`tracker backup FILE` and `tracker restore FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.shared import say
from tracker.config.run import Settings

if TYPE_CHECKING:
    from tracker.store.backup import Progress

_RECORDS = {
    "project": ("项目", "projects"),
    "milestone": ("节点", "milestones"),
    "investment_plan": ("年度计划投资", "annual plans"),
    "investment_report": ("月度完成投资", "monthly investment reports"),
    "status_update": ("状态更新", "status updates"),
    "problem": ("存在问题", "problems"),
    "change": ("操作记录", "audit entries"),
}


def register_backup(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `backup`."""
    parser = sub.add_parser(
        "backup",
        help=say(lang, "备份整个数据库到一个文件", "copy the whole database to one file"),
        description=say(
            lang,
            "在他人继续录入时写出一致的备份（SQLite 文件，可用 `tracker --db 文件` 直接查看）；"
            "先写临时文件，完成后再改名。",
            "Write a consistent copy while others keep working: an SQLite file that tracker "
            "itself can open (`tracker --db FILE projects`). Written under a temporary name and "
            "renamed when complete.",
        ),
    )
    parser.add_argument("file", metavar="FILE", help=say(lang, "备份文件", "the backup file"))
    parser.set_defaults(run=run_backup)


def register_restore(sub: argparse._SubParsersAction[Any], lang: str) -> None:
    """Add `restore`."""
    parser = sub.add_parser(
        "restore",
        help=say(lang, "把备份恢复到空数据库", "restore a backup into an empty database"),
        description=say(
            lang,
            "把 `tracker backup` 写出的备份整体恢复到空数据库（SQLite 或 PostgreSQL），"
            "编号与操作记录完全相同；数据库已有数据则拒绝。",
            "Copy a backup written by `tracker backup` into an empty database (SQLite or "
            "PostgreSQL): identical content, ids and audit trail. A database that holds any "
            "data is refused.",
        ),
    )
    parser.add_argument("file", metavar="FILE", help=say(lang, "备份文件", "the backup file"))
    parser.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    """`tracker backup FILE`."""
    from tracker.store.backup import backup

    progress = _progress(settings.lang)
    counts = backup(settings.db_url, Path(args.file), progress)
    _end_progress(progress)
    print(
        say(
            settings.lang,
            f"备份已写入 {args.file}：{summary(counts, 'zh')}",
            f"Backup written to {args.file}: {summary(counts, 'en')}",
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
        say(
            settings.lang,
            f"已从 {args.file} 恢复：{summary(counts, 'zh')}",
            f"Restored from {args.file}: {summary(counts, 'en')}",
        )
    )
    return 0


def summary(counts: dict[str, int], lang: str) -> str:
    """How many records of each kind, in the user's words."""
    order = {table: place for place, table in enumerate(_RECORDS)}
    parts = []
    for table in sorted(counts, key=lambda name: (order.get(name, len(order)), name)):
        count = counts[table]
        zh, en = _RECORDS.get(table, (table, table))
        parts.append(f"{zh} {count}" if lang == "zh" else f"{count} {en}")
    return ("，" if lang == "zh" else ", ").join(parts)


def _progress(lang: str) -> Progress | None:
    """Rows copied so far, on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(table: str, rows: int) -> None:
        zh, en = _RECORDS.get(table, (table, table))
        print(f"\r{zh if lang == 'zh' else en}: {rows}\033[K", end="", file=sys.stderr, flush=True)

    return show


def _end_progress(progress: Progress | None) -> None:
    if progress is not None:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
