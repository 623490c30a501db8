"""The settings file (TOML): alert thresholds and the reminder ladder, with documented defaults.

Found at `--settings` / TRACKER_SETTINGS, else `settings.toml` in the user data directory if it
exists. Sections `[alerts]`, `[reminders]` and `[rates]` are read here; other features validate
their own sections from `SettingsFile.sections`. A bad value is refused with its key, the value
and what was expected (InputError), so a typo never silently falls back to a default. The
records are NamedTuples and TOML is read only when there is a file: every headless command reads
them, and `dataclasses` or `tomllib` would cost it a good share of its start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from tracker.config.run import Settings

SETTINGS_NAME = "settings.toml"
_MAX_DAYS = 3650
_PAIRS = (
    ("slipped", "days"),
    ("late_start", "months"),
    ("behind", "points"),
    ("overrun", "percent"),
    ("stale", "days"),
    ("enrolment", "months"),
    ("approval", "days"),
)


class AlertThresholds(NamedTuple):
    """What trips each alert rule. Days, months, points and percents are whole numbers."""

    due_soon_days: int = 14
    """A milestone is due soon (amber) within this many days, unless it has its own lead time."""
    slipped_amber_days: int = 30
    """Forecast later than baseline by more than this many days: amber."""
    slipped_red_days: int = 90
    """… by more than this many days: red."""
    late_start_amber_months: int = 1
    """No actual start this many months (or more) after the baseline start: amber."""
    late_start_red_months: int = 3
    """… this many months or more: red."""
    behind_amber_points: int = 10
    """Investment behind the time-elapsed schedule (序时进度) by this many points or more: amber."""
    behind_red_points: int = 30
    """… by more than this many points: red."""
    overrun_amber_percent: int = 5
    """Completed (or forecast) investment above the total by more than this percent: amber."""
    overrun_red_percent: int = 10
    """… by more than this percent: red."""
    stale_amber_days: int = 7
    """No status update for more than this many days: amber."""
    stale_red_days: int = 21
    """… for more than this many days: red."""
    override_expiry_days: int = 30
    """An officer's override of a light holds for this many days, then the alerts count again."""
    enrolment_amber_months: int = 1
    """A started project not enrolled in the statistics (入库纳统) this many months on: amber."""
    enrolment_red_months: int = 2
    """… this many months or more: red."""
    approval_amber_days: int = 0
    """An approval item (前期手续) not approved more than this many days after its planned day:
    amber."""
    approval_red_days: int = 30
    """… more than this many days: red."""
    approval_window_days: int = 60
    """A project due to start within this many days with approval items open: amber (red once
    the planned start has passed)."""
    response_red_days: int = 14
    """An instrument of the escalation ladder (督办函, 约谈) not answered by its response deadline
    is amber; more than this many days after it, red."""


class ReminderSettings(NamedTuple):
    """The reminder ladder and the default window of `tracker remind`."""

    ladder: tuple[int, ...] = (30, 7, 1)
    """Days before the due day on which a milestone or problem reminds (and the ICS alarms)."""
    within_days: int = 14
    """The window `tracker remind` looks ahead when --within is not given."""


DEFAULT_START_TARGETS: tuple[tuple[int, int, int], ...] = (
    (3, 31, 30),
    (6, 30, 60),
    (9, 30, 85),
    (10, 31, 100),
)
"""(month, day, percent): the start rate (开工率) the province asks of the year's planned new
starts by each day (「千项万亿」: 30 % by the end of Q1, 60 % Q2, 85 % Q3, 100 % by the end of
October)."""


class RateSettings(NamedTuple):
    """The programme's rates (`tracker rates`): the start rate's target curve."""

    start_targets: tuple[tuple[int, int, int], ...] = DEFAULT_START_TARGETS
    """`[rates] start_targets = { "03-31" = 30, … }`: rising percents by day of the year."""


class SettingsFile(NamedTuple):
    """A settings file, read and checked: alert thresholds, reminders, the rates' targets, and
    every raw section."""

    alerts: AlertThresholds = AlertThresholds()
    reminders: ReminderSettings = ReminderSettings()
    rates: RateSettings = RateSettings()
    sections: Mapping[str, Any] = MappingProxyType({})
    path: Path | None = None


def _whole(key: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(key, value, "a whole number from {low} to {high}", low=low, high=high)
    return value


def _alerts(table: Mapping[str, Any]) -> AlertThresholds:
    known = set(AlertThresholds._fields)
    values: dict[str, int] = {}
    for key, value in table.items():
        if key not in known:
            raise InputError(
                f"alerts.{key}", value, "one of {choices}", choices=", ".join(sorted(known))
            )
        most = 100 if key.endswith("_points") else 1000 if key.endswith("_percent") else _MAX_DAYS
        values[key] = _whole(f"alerts.{key}", value, 0, most)
    thresholds = AlertThresholds(**values)
    for rule, unit in _PAIRS:
        amber, red = f"{rule}_amber_{unit}", f"{rule}_red_{unit}"
        if getattr(thresholds, red) < getattr(thresholds, amber):
            raise InputError(
                f"alerts.{red}", getattr(thresholds, red), "at least alerts.{amber}", amber=amber
            )
    return thresholds


def _reminders(table: Mapping[str, Any]) -> ReminderSettings:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "ladder":
            if not isinstance(value, list) or not value:
                raise InputError("reminders.ladder", value, "a list of days, such as [30, 7, 1]")
            rungs = [_whole("reminders.ladder", rung, 0, _MAX_DAYS) for rung in value]
            values["ladder"] = tuple(sorted(set(rungs), reverse=True))
        elif key == "within_days":
            values["within_days"] = _whole("reminders.within_days", value, 0, _MAX_DAYS)
        else:
            raise InputError(f"reminders.{key}", value, "ladder or within_days")
    return ReminderSettings(**values)


def _rates(table: Mapping[str, Any]) -> RateSettings:
    for key in table:
        if key != "start_targets":
            raise InputError(f"rates.{key}", table[key], "start_targets")
    given = table.get("start_targets")
    if given is None:
        return RateSettings()
    if not isinstance(given, dict) or not given:
        raise InputError(
            "rates.start_targets",
            given,
            "a table of days and percents, such as {example}",
            example='{ "03-31" = 30, "10-31" = 100 }',
        )
    from datetime import date
    from itertools import pairwise

    checkpoints = []
    for day, percent in given.items():
        try:
            month, dom = (int(part) for part in day.split("-"))
            date(2024, month, dom)
        except ValueError:
            raise InputError("rates.start_targets", day, "a day of the year as MM-DD") from None
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            raise InputError(f"rates.start_targets.{day}", percent, "a percent from 0 to 100")
        checkpoints.append((month, dom, percent))
    checkpoints.sort()
    if any(b[2] < a[2] for a, b in pairwise(checkpoints)):
        raise InputError("rates.start_targets", given, "percents that rise through the year")
    return RateSettings(start_targets=tuple(checkpoints))


def _table(sections: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table = sections.get(name, {})
    if not isinstance(table, dict):
        raise InputError(name, table, "a [{name}] table", name=name)
    return table


def parse_settings(sections: Mapping[str, Any], path: Path | None = None) -> SettingsFile:
    """Check the `[alerts]`, `[reminders]` and `[rates]` sections of an already-read TOML
    document."""
    return SettingsFile(
        alerts=_alerts(_table(sections, "alerts")),
        reminders=_reminders(_table(sections, "reminders")),
        rates=_rates(_table(sections, "rates")),
        sections=dict(sections),
        path=path,
    )


def load_settings(path: Path | None) -> SettingsFile:
    """Read and check the settings file at `path`; the defaults when `path` is None."""
    if path is None:
        return SettingsFile()
    import tomllib

    try:
        with path.open("rb") as file:
            sections = tomllib.load(file)
    except OSError as error:
        raise InputError(
            "--settings", str(path), "a readable TOML file ({strerror})", strerror=error.strerror
        ) from None
    except UnicodeDecodeError:
        raise InputError("--settings", str(path), "a TOML file in UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError("--settings", str(path), "valid TOML ({error})", error=error) from None
    return parse_settings(sections, path)


def settings_path(value: str | None) -> Path | None:
    """`--settings` / TRACKER_SETTINGS (which must exist), else the data directory's file."""
    from tracker.config.run import data_dir_text

    found = os.path.expanduser(value) if value else os.path.join(data_dir_text(), SETTINGS_NAME)
    if not os.path.isfile(found):
        if value:
            raise InputError("--settings", value, "the path of an existing TOML settings file")
        return None
    return Path(found)


def settings_for(run: Settings) -> SettingsFile:
    """The settings file of one run of tracker (`--settings`, TRACKER_SETTINGS or the default)."""
    return load_settings(settings_path(run.settings_file))
