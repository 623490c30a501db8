"""The commands of `tracker`, one module each, and what they share.

Each command module has `register(subparsers, lang)`, which adds its parser and sets `run`, a
function `(args, settings) -> exit status`. Add a new command to COMMANDS.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tracker.config import Settings

if TYPE_CHECKING:
    import argparse

    from tracker.plainsql import PlainConnection
    from tracker.service import Service


def say(lang: str, zh: str, en: str) -> str:
    """The Chinese or the English text, by language."""
    return zh if lang == "zh" else en


@contextmanager
def reader(settings: Settings) -> Iterator[PlainConnection]:
    """A plain-SQL connection for hot reads, after checking the schema is current."""
    from tracker.migrate import ensure_current
    from tracker.plainsql import PlainConnection

    ensure_current(settings.db_url)
    with PlainConnection(settings.db_url) as conn:
        yield conn


def service(settings: Settings) -> Service:
    """The write service on the configured database, after checking the schema is current."""
    from tracker.db import make_engine
    from tracker.migrate import ensure_current
    from tracker.service import Service

    ensure_current(settings.db_url)
    return Service(make_engine(settings.db_url), user=settings.user)


def print_json(value: Any) -> None:
    """Write `value` as JSON (UTF-8, not escaped) to stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _registry() -> list[Callable[[argparse._SubParsersAction[Any], str], None]]:
    from tracker.commands import alerts as alerts_command
    from tracker.commands import export as export_command
    from tracker.commands import importing, log, milestones, projects, reality, setup, status
    from tracker.commands import light as light_command
    from tracker.commands import remind as remind_command
    from tracker.commands.backup import register_backup, register_restore

    return [
        setup.register_init,
        setup.register_demo,
        projects.register_projects,
        projects.register_show,
        milestones.register,
        status.register,
        log.register,
        export_command.register,
        importing.register,
        remind_command.register,
        alerts_command.register,
        light_command.register,
        reality.register,
        register_backup,
        register_restore,
    ]


COMMANDS = _registry()
