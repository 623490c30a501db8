"""Errors every front door (CLI, TUI, importer) turns into one line for the user.

An error carries English message ids and their values, not finished text in one language:
`str(error)` is the English line, and a front door shows it in the user's language with
`tracker.i18n.refusal.refusal_text(error, lang)`; a value that is itself a message id is a
`tracker.i18n.catalogue.Word`. The core never needs to know the language.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: names the field, the value and what was expected (CLI exit status 2).

    `expected` is an English message id; `{named}` places in it are filled from `values`.
    """

    def __init__(self, field: str, value: object, expected: str, /, **values: object) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.values = values
        shown = expected.format(**values) if values else expected
        super().__init__(f"{field}: {value!r} is not valid: expected {shown}")


class NotFoundError(InputError):
    """A project, milestone or other record named by the user does not exist."""


class WordedError(RuntimeError):
    """An error whose text is an English message id with `{named}` places filled from `values`."""

    def __init__(self, message: str, /, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(message.format(**values) if values else message)


class ConflictError(WordedError):
    """A write based on a stale version of a record (CLI exit status 1; the TUI reloads)."""


class SchemaError(WordedError):
    """The database's schema is not the one this version of tracker works with."""


class UnreachableDatabase(SchemaError):
    """The database named by --db / TRACKER_DB cannot be opened (CLI exit status 2)."""


class PermissionRefused(WordedError):
    """A write the login's role may not make (CLI exit status 1): names who, what and which
    role may."""
