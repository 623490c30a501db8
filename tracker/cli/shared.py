"""The commands of `tracker`, one module each, and what they share.

Each command module has a `register(subparsers, lang)` function, which adds its parser and sets
`run`, a function `(args, settings) -> exit status`. Add a new command to `_registry()` as
`"name": "module:function"`: the CLI imports only the module of the command it runs (a whole
parser only for `tracker --help` or a command it does not know), so keep each command module's
top-level imports light and import heavy modules inside its run function.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

    from tracker.config.run import Settings
    from tracker.store.read.plainsql import PlainConnection


def reader(settings: Settings) -> PlainConnection:
    """A plain-SQL connection for hot reads (use it in `with`), after checking the schema."""
    from tracker.store.migrate import ensure_current
    from tracker.store.read.plainsql import PlainConnection

    ensure_current(settings.db_url)
    return PlainConnection(settings.db_url)


def print_json(value: Any) -> None:
    """Write `value` as JSON (UTF-8, not escaped, indented by two) to stdout, in one write."""
    from tracker.core.jsontext import dumps

    sys.stdout.write(dumps(value) + "\n")


def _registry() -> dict[str, str]:
    """Each command's name and the `module:function` that registers its parser, in help order."""
    here = "tracker.cli"
    return {
        "init": f"{here}.setup:register_init",
        "demo": f"{here}.setup:register_demo",
        "projects": f"{here}.projects:register_projects",
        "show": f"{here}.projects:register_show",
        "project": f"{here}.project_records:register_project",
        "plan": f"{here}.project_records:register_plan",
        "invest": f"{here}.project_records:register_invest",
        "milestone": f"{here}.milestones:register",
        "problem": f"{here}.problems:register",
        "status": f"{here}.status:register",
        "log": f"{here}.log:register",
        "export": f"{here}.export:register",
        "import": f"{here}.importing:register",
        "remind": f"{here}.remind:register",
        "alerts": f"{here}.alert_list:register",
        "light": f"{here}.light:register",
        "forecast": f"{here}.reality_check:register",
        "reference": f"{here}.reality_check:register",
        "set-type": f"{here}.reality_check:register",
        "backup": f"{here}.backup_restore:register_backup",
        "restore": f"{here}.backup_restore:register_restore",
        # steering (issue #16): leaders, organisations, libraries, programmes, 纳统, blockers
        "leader": f"{here}.accountable:register_leader",
        "org": f"{here}.accountable:register_org",
        "assign": f"{here}.accountable:register_assign",
        "library": f"{here}.accountable:register_library",
        "programme": f"{here}.programmes:register_programme",
        "enrol": f"{here}.programmes:register_enrol",
        "problems": f"{here}.problem_kinds:register",
        # the approvals pipeline (issue #16): 前期手续
        "approvals": f"{here}.approvals:register",
        "approval": f"{here}.approval_records:register",
        # from lights to action (issue #17): the escalation ladder, meetings, the four rates
        "escalate": f"{here}.escalate:register",
        "meeting": f"{here}.meeting:register",
        "rates": f"{here}.rates:register",
        "verify": f"{here}.trust_cmds:register_verify",
        "role": f"{here}.trust_cmds:register_role",
    }


COMMANDS = _registry()


def register(sub: argparse._SubParsersAction[Any], lang: str, names: Iterable[str]) -> None:
    """Add the parsers of the commands `names` (each registering function once, in order)."""
    from importlib import import_module

    done: set[str] = set()
    for name in names:
        target = COMMANDS[name]
        if target not in done:
            done.add(target)
            module, function = target.split(":")
            getattr(import_module(module), function)(sub, lang)
