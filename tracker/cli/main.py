"""`tracker`: the command line. Parses arguments; each command lives in a module of tracker/cli/.

Only the module of the command being run is imported (the whole parser is built only for
`tracker --help` and for a command line the small parser cannot read), and heavy modules (the
ORM, Textual, Alembic) are imported inside the command that needs them, so headless reads such
as `remind` or `alerts` start fast and never load Textual.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from tracker import __version__
from tracker.cli.shared import COMMANDS, register
from tracker.config.run import settings_from
from tracker.core.errors import (
    ConflictError,
    InputError,
    PermissionRefused,
    SchemaError,
    WordedError,
)
from tracker.i18n.catalogue import N_, catalogue, tr

if TYPE_CHECKING:
    from collections.abc import Sequence

_VALUED = ("--db", "--today", "--lang", "--user", "--settings")
"""The global options that take a value (the command name is the first word after them)."""
_HELP = "--help"
_OFFSET = re.compile(r"-\d+(?:\.\d+)?[dwmyq]?", re.IGNORECASE)
"""A negative offset or number (-10d, -2w, -3): a value, never an option."""


class UsageError(WordedError):
    """A command line argparse could not read."""


ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)
"""The words of argparse itself a user can meet, in the catalogue with ours."""


def _argparse_speaks(lang: str) -> None:
    # argparse reads its words through its module's gettext functions, in gettext's global
    # domain; pointing them at our catalogue makes its help headings and errors follow --lang.
    words = catalogue(lang)
    argparse._ = words.gettext  # type: ignore[attr-defined]
    argparse.ngettext = words.ngettext  # type: ignore[attr-defined]


def terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, without importing shutil (and with it bz2, lzma):
    argparse asks for it each time an argument is added, so every command would pay for it."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal, found without importing shutil."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad command line in one line instead of exiting."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(**kwargs)

    def _parse_optional(self, arg_string: str) -> Any:
        # A date offset such as -10d (`--forecast -10d`) is a value, not an option.
        if _OFFSET.fullmatch(arg_string):
            return None
        return super()._parse_optional(arg_string)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError("{message} (see `{prog} --help`)", message=message, prog=self.prog)


def _prescan_lang(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    value = os.environ.get("TRACKER_LANG")
    if value:
        return value
    locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def _command_name(argv: Sequence[str]) -> str | None:
    """The command named on the command line; `--help` when help comes before any command."""
    values = iter(argv)
    for arg in values:
        if arg == "-h" or (len(arg) > 2 and _HELP.startswith(arg)):
            return _HELP
        if not arg.startswith("-"):
            return arg
        if "=" not in arg and len(arg) > 2 and any(o.startswith(arg) for o in _VALUED):
            next(values, None)
    return None


def parse(argv: Sequence[str], lang: str) -> argparse.Namespace:
    """Parse with a parser that knows only the command named (none when none is), which
    imports only that command's module; any other line, or one it cannot read, goes to the
    whole parser, so help and errors read exactly as they always have."""
    name = _command_name(argv)
    if name is None or name in COMMANDS:
        try:
            return build_parser(lang, () if name is None else (name,)).parse_args(argv)
        except UsageError:
            return build_parser(lang).parse_args(argv)
    return build_parser(lang).parse_args(argv)


def build_parser(lang: str, commands: Sequence[str] | None = None) -> Parser:
    """The command line with `commands` (every command when None), with help in `lang`."""
    _argparse_speaks(lang)
    parser = Parser(
        prog="tracker",
        description=tr(
            lang,
            "Keep a portfolio of major capital projects in hand: milestones, investment, alerts "
            "and weekly reports.",
        ),
        epilog=tr(lang, "Run without a command to open the terminal UI.")
        + "\n\n"
        + tr(
            lang,
            "Exit status: 0 done; 1 a conflict (the record changed meanwhile); 2 bad input, "
            "nothing written; 3 tracker could not use the database or a file (--debug shows "
            "why).",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tracker {__version__}",
        help=tr(lang, "show program's version number and exit"),
    )
    parser.add_argument("--db", help=tr(lang, "database file or URL (TRACKER_DB)"))
    parser.add_argument(
        "--today",
        help=tr(lang, "treat this day as today (TRACKER_TODAY)"),
    )
    parser.add_argument(
        "--lang",
        help=tr(lang, "language, zh or en (TRACKER_LANG)"),
    )
    parser.add_argument(
        "--user",
        help=tr(lang, "author recorded in the audit trail (TRACKER_USER)"),
    )
    parser.add_argument(
        "--settings",
        help=tr(lang, "settings file, TOML: alert thresholds, reminders (TRACKER_SETTINGS)"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=tr(lang, "show the traceback of an unexpected failure (TRACKER_DEBUG=1)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    register(sub, lang, COMMANDS if commands is None else commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (2 for bad input, 1 for a conflict, 3 when
    the database or a file could not be used)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    prescanned = _prescan_lang(args_list)
    lang = prescanned if prescanned in ("zh", "en") else "en"
    db_url: str | None = None
    try:
        args = parse(args_list, lang)
        db_url = args.db or os.environ.get("TRACKER_DB")
        settings = settings_from(args.db, args.today, args.lang, args.user, args.settings)
        db_url = settings.db_url
        if args.command is None:
            from tracker.cli.ui import open_ui

            return open_ui(settings, debug=args.debug or None)
        return int(args.run(args, settings) or 0)
    except (UsageError, InputError, SchemaError) as error:
        _refuse(error, lang)
        return 2
    except (ConflictError, PermissionRefused) as error:
        _refuse(error, lang)
        return 1
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the guard: anything no command refused in its own words
        from tracker.cli.guard import refused_by_database, report_broken

        refused = refused_by_database(error)
        if refused is not None:
            _refuse(refused, lang)
            return 1
        return report_broken(error, db_url, lang, args_list)


def _refuse(error: Exception, lang: str) -> None:
    """Print the one-line refusal, in the language of the command line (passwords masked)."""
    from tracker.cli.guard import masked
    from tracker.i18n.refusal import refusal_text

    line = " ".join(refusal_text(error, lang).splitlines())
    print(f"tracker: {masked(line)}", file=sys.stderr)
