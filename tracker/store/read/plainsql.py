"""Plain DB-API connections for the hot reads: the standard library's sqlite3, or psycopg.

Queries are written once with `:name` parameters and run on either database. Dates come back
as `datetime.date` from both.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tracker.config.run import sqlite_file
from tracker.core.errors import SchemaError, UnreachableDatabase

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_PARAM = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")


class PlainConnection:
    """One connection and the dialect it speaks."""

    def __init__(self, url: str) -> None:
        self.url = url
        path = sqlite_file(url)
        self.dialect = "sqlite" if path is not None else "postgresql"
        if path is not None:
            if not os.path.exists(path):
                raise SchemaError("no database at {path}: run `tracker init` first", path=path)
            self._conn: Any = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        else:
            import psycopg

            try:
                self._conn = psycopg.connect(_libpq_url(url), autocommit=True)
            except psycopg.OperationalError as error:
                reason = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
                raise UnreachableDatabase(
                    "cannot open the database {url} ({reason}): "
                    "check --db / TRACKER_DB and that the server is running",
                    url=shown_url(url),
                    reason=reason,
                ) from None

    def rows(
        self, sql: str, params: Mapping[str, Any] | None = None, dates: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        """All rows of `sql` as dicts; the columns named in `dates` become `date` objects."""
        cursor = self._conn.cursor()
        cursor.execute(*self._prepare(sql, params or {}))
        names = [column[0] for column in cursor.description]
        result = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        cursor.close()
        for name in dates:
            for row in result:
                row[name] = as_date(row[name])
        return result

    def tuples(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """All rows of `sql` as the driver's tuples (dates as the driver gives them: DayReader);
        for reads of many rows, where a dict a row would cost more than the query."""
        cursor = self._conn.cursor()
        cursor.execute(*self._prepare(sql, params or {}))
        result: list[tuple[Any, ...]] = cursor.fetchall()
        cursor.close()
        return result

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row, or None."""
        cursor = self._conn.cursor()
        cursor.execute(*self._prepare(sql, params or {}))
        row = cursor.fetchone()
        cursor.close()
        return None if row is None else row[0]

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> PlainConnection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _prepare(self, sql: str, params: Mapping[str, Any]) -> tuple[str, Any]:
        if self.dialect == "sqlite":
            return sql, {k: _sqlite_value(v) for k, v in params.items()}
        return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%")), dict(params)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def as_date(value: Any) -> date | None:
    """A date from what either driver returns for a DATE column."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


class DayReader:
    """`as_date` for many values, each distinct ISO text read once (a portfolio's tens of
    thousands of due days fall on a few thousand distinct days)."""

    def __init__(self) -> None:
        self._seen: dict[Any, date | None] = {None: None}

    def __call__(self, value: Any) -> date | None:
        """The day `value` (ISO text or a date from either driver) stands for."""
        try:
            return self._seen[value]
        except KeyError:
            found = self._seen[value] = as_date(value)
            return found


def shown_url(url: str) -> str:
    """A database URL fit to print: any password replaced by ***."""
    return re.sub(r"(://[^/:@]*):[^/@]*@", r"\1:***@", url)


def _libpq_url(url: str) -> str:
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)
