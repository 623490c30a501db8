"""The last line of both doors (CLI and TUI): an error that is not tracker's own refusal.

`main` catches what no command refused in words of its own (a file that is not a database, a
disk that is full, a library's own error) and hands it here: the user sees one line naming what
failed and the database or file involved, with any password masked, and exit status 3; the
traceback only under `--debug` or TRACKER_DEBUG=1. Imported only when such an error happens.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Sequence

from tracker.core.errors import PermissionRefused
from tracker.i18n.catalogue import tr

EXIT_BROKEN = 3
"""The exit status of a run that could not use its database or a file."""

_SECRET = re.compile(r"(://[^/:@\s\"']*):[^/@\s\"']*@")


def masked(text: str) -> str:
    """`text` with the password of any URL in it replaced by ***."""
    return _SECRET.sub(r"\1:***@", text)


def debugging(argv: Sequence[str]) -> bool:
    """Whether the traceback is wanted: `--debug` on the command line or TRACKER_DEBUG=1."""
    return "--debug" in argv or os.environ.get("TRACKER_DEBUG", "") not in ("", "0")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__


def _is_database(error: BaseException) -> bool:
    module = type(error).__module__ or ""
    return module.split(".")[0] in ("sqlite3", "sqlalchemy", "psycopg", "alembic")


def refused_by_database(error: BaseException) -> PermissionRefused | None:
    """PostgreSQL's refusal of a write the login's role may not make (SQLSTATE 42501: no
    grant, or a row-level security policy), as a refusal naming the login; else None."""
    cause = getattr(error, "orig", error)
    if getattr(cause, "sqlstate", None) != "42501":
        return None
    diag = getattr(cause, "diag", None)
    reason = getattr(diag, "message_primary", None) or _reason(cause)
    return PermissionRefused(
        "the database refused this to your login: {reason}; ask an admin for the role that "
        "may (`tracker role list` shows who has which)",
        reason=reason,
    )


def broken_line(error: BaseException, db_url: str | None, lang: str) -> str:
    """The one line for an error no command refused: what failed and the setting or file."""
    reason = _reason(error)
    filename = getattr(error, "filename", None)
    if isinstance(error, OSError) and filename:
        line = tr(lang, "could not use the file {file}: {reason}", file=filename, reason=reason)
    elif _is_database(error) or isinstance(error, OverflowError):
        line = tr(
            lang,
            "could not use the database {url} (--db / TRACKER_DB): {reason}",
            url=db_url or "?",
            reason=reason,
        )
    else:
        line = tr(
            lang,
            "failed with {kind}: {reason} (database {url}; run with --debug for details)",
            kind=type(error).__name__,
            reason=reason,
            url=db_url or "?",
        )
    return masked(line)


def report_broken(error: BaseException, db_url: str | None, lang: str, argv: Sequence[str]) -> int:
    """Print the one line (and, when debugging, the traceback); the exit status, 3."""
    if debugging(argv):
        traceback.print_exception(error, file=sys.stderr)
    print(f"tracker: {broken_line(error, db_url, lang)}", file=sys.stderr)
    return EXIT_BROKEN
