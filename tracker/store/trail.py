"""Whether an audit trail is whole: every entry's hash is its link in the chain."""

from __future__ import annotations

from tracker.store.chain import SELECT_CHAIN, first_broken
from tracker.store.read.plainsql import PlainConnection


def broken_entry(url: str) -> tuple[int | None, int]:
    """The id of the first entry that does not match the chain (None: whole), and how many
    entries the trail holds."""
    with PlainConnection(url) as conn:
        rows = conn.tuples(SELECT_CHAIN)
    return first_broken(rows), len(rows)
