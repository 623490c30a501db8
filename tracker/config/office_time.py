"""The office's time zone: where its days and weeks begin.

The audit trail records moments in UTC; an officer's "since Monday" or "this week" means
midnight where the office is (Asia/Shanghai unless TRACKER_TZ or --tz says otherwise), on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, tzinfo

from tracker.core.errors import InputError

OFFICE_TIME_ZONE = "Asia/Shanghai"


def time_zone(name: str | None, field: str = "--tz") -> tzinfo:
    """The office's time zone, by its IANA name (else TRACKER_TZ, else Asia/Shanghai)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = name or os.environ.get("TRACKER_TZ") or OFFICE_TIME_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(field, name, "a time zone name such as Asia/Shanghai") from None


def start_of(day: date, tz: tzinfo) -> datetime:
    """The moment `day` begins in the time zone `tz`."""
    return datetime.combine(day, time(), tz)
