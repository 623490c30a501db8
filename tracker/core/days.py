"""The years tracker accepts, and plain ISO days read without the full date parser.

Kept apart from tracker.core.dates (which builds its parsing patterns and the Deadline class on
import) so that `--today 2026-11-28` or TRACKER_TODAY, given on every cron run, costs nothing.
"""

from __future__ import annotations

from datetime import date

EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


def plain_iso_day(text: str) -> date | None:
    """The day `text` names when it is exactly YYYY-MM-DD, a real day within the years tracker
    accepts; None for anything else (which tracker.core.dates.parse_day then reads or refuses)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        return None
    if not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST_YEAR <= day.year <= LATEST_YEAR else None
