"""The audit trail's hash chain: each entry's hash covers its fields and the previous hash.

PostgreSQL computes it in a trigger (tracker.store.trust) with its built-in sha256(); SQLite in
a trigger calling `chained_hash`, registered on every connection tracker opens. Both hash the
same text, so a backup carries its chain from one database to the other, and `verify` checks
a trail on either. Nothing here imports the ORM.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

CHAINED = (
    "id",
    "at",
    "author",
    "project_code",
    "record",
    "record_id",
    "field",
    "old",
    "new",
    "reverts",
)
"""The columns of `change` a hash covers, in the order they are hashed."""


def epoch_micros(at: Any) -> int:
    """An audit moment as microseconds since 1970 UTC (a naive moment, as SQLite keeps it, is
    UTC); integer arithmetic, so it is exactly what PostgreSQL's extract(epoch) gives."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    delta = at - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def canonical(values: Sequence[Any]) -> str:
    """The text hashed for one entry: each value (in CHAINED order) as `length:text`, `~` for
    NULL, joined by `|` (lengths in characters, as PostgreSQL's length() counts them)."""
    parts = []
    for name, value in zip(CHAINED, values, strict=True):
        if value is None:
            parts.append("~")
            continue
        text = str(epoch_micros(value)) if name == "at" else str(value)
        parts.append(f"{len(text)}:{text}")
    return "|".join(parts)


def chained_hash(previous: str | None, *values: Any) -> str:
    """sha256, as hex, of the previous entry's hash followed by this entry's canonical text."""
    return hashlib.sha256(((previous or "") + canonical(values)).encode()).hexdigest()


def first_broken(rows: Iterable[Sequence[Any]]) -> int | None:
    """The id of the first entry (rows: CHAINED values then the stored hash, in id order)
    whose stored hash is not the chain's; None when the whole trail holds."""
    previous: str | None = None
    for row in rows:
        expected = chained_hash(previous, *row[:-1])
        if row[-1] != expected:
            return int(row[0])
        previous = expected
    return None


SELECT_CHAIN = f"SELECT {', '.join(CHAINED)}, hash FROM change ORDER BY id"
"""The trail as `first_broken` reads it."""

SQLITE_TRIGGER = f"""
CREATE TRIGGER IF NOT EXISTS change_chain AFTER INSERT ON change WHEN NEW.hash IS NULL
BEGIN
  UPDATE change SET hash = chained_hash(
    (SELECT hash FROM change WHERE id < NEW.id ORDER BY id DESC LIMIT 1),
    {", ".join(f"NEW.{name}" for name in CHAINED)})
  WHERE id = NEW.id;
END
"""
"""SQLite: an entry inserted without a hash (every entry tracker writes) gets its link."""
