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


def _period_start(due: date, precision: str | None) -> date:
    """The first day of the month, quarter or year that ends on `due` (a day: `due` itself)."""
    if precision == "month":
        return due.replace(day=1)
    if precision == "quarter":
        return date(due.year, (due.month - 1) // 3 * 3 + 1, 1)
    if precision == "year":
        return date(due.year, 1, 1)
    return due


def slip_days(
    baseline: date | None,
    forecast: date | None,
    done: date | None,
    baseline_precision: str | None = "day",
) -> int | None:
    """The one answer to "how late is it": done − baseline for finished work, forecast −
    baseline for open work (None when either is unknown). A baseline given as a month, quarter
    or year is met by any day within it: slip 0 there, days before its first day when earlier.
    """
    end = done or forecast
    if baseline is None or end is None:
        return None
    if end > baseline:
        return (end - baseline).days
    start = _period_start(baseline, baseline_precision)
    return 0 if end >= start else (end - start).days
