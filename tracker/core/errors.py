"""Errors every front door (CLI, TUI, importer) turns into one line for the user."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: names the field, the value and what was expected (CLI exit status 2)."""

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: {value!r} is not valid: expected {expected}")


class NotFoundError(InputError):
    """A project, milestone or other record named by the user does not exist."""


class ConflictError(RuntimeError):
    """A write based on a stale version of a record (CLI exit status 1; the TUI reloads)."""


class SchemaError(RuntimeError):
    """The database's schema is not the one this version of tracker works with."""


class UnreachableDatabase(SchemaError):
    """The database named by --db / TRACKER_DB cannot be opened (CLI exit status 2)."""
