"""The escalation ladder (督办升级): the instruments a light that stays red calls for, in order,
from the settings file's `[escalation]` table.

```toml
[escalation]
steps = [
  { key = "reminder", instrument = "reminder", response_days = 7,
    when = [{ light = "amber", weeks = 1 }] },
  { key = "letter", instrument = "letter", response_days = 10,
    when = [{ light = "red", weeks = 2 }, { light = "amber", weeks = 3 }, { overdue_days = 30 }] },
  ...
]
```

A step is met when any of its triggers is: the project's last `weeks` weekly status cycles (ISO
weeks, each week's last status update) were all at `light` or worse, with no week missing; or
one of its milestones is overdue by more than `overdue_days`. Without an `[escalation]` table
the default ladder below holds (Sanya's and Yinchuan's practice: a reminder, the supervision
letter 督办函, then the interviews 约谈).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping

INSTRUMENTS = ("reminder", "letter", "interview_head", "interview_leader")
"""提醒, 督办函, 约谈项目负责人, 约谈包保领导."""
LIGHTS = ("amber", "red")
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_MAX_DAYS = 3650


class Trigger(NamedTuple):
    """What meets a step: `weeks` weekly cycles at `light` or worse, or a milestone overdue by
    more than `overdue_days`."""

    light: str | None = None
    weeks: int = 0
    overdue_days: int | None = None


class Rung(NamedTuple):
    """One step of the ladder."""

    key: str
    instrument: str
    response_days: int
    """The days the addressee has to answer, from the day it is issued."""
    when: tuple[Trigger, ...]


DEFAULT_LADDER: tuple[Rung, ...] = (
    Rung("reminder", "reminder", 7, (Trigger("amber", 1),)),
    Rung(
        "letter",
        "letter",
        10,
        (Trigger("red", 2), Trigger("amber", 3), Trigger(overdue_days=30)),
    ),
    Rung("interview_head", "interview_head", 14, (Trigger("red", 4), Trigger(overdue_days=90))),
    Rung("interview_leader", "interview_leader", 14, (Trigger("red", 8),)),
)


def _whole(where: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(where, value, "a whole number from {low} to {high}", low=low, high=high)
    return value


def _trigger(where: str, entry: Any) -> Trigger:
    if not isinstance(entry, dict) or not entry:
        raise InputError(where, entry, 'a table such as { light = "red", weeks = 2 }')
    unknown = sorted(set(entry) - {"light", "weeks", "overdue_days"})
    if unknown:
        raise InputError(f"{where}.{unknown[0]}", entry[unknown[0]], "light, weeks or overdue_days")
    if "overdue_days" in entry:
        if set(entry) != {"overdue_days"}:
            raise InputError(where, entry, "either light and weeks, or overdue_days alone")
        return Trigger(
            overdue_days=_whole(f"{where}.overdue_days", entry["overdue_days"], 0, _MAX_DAYS)
        )
    light = entry.get("light")
    if light not in LIGHTS:
        raise InputError(f"{where}.light", light, "amber or red")
    return Trigger(light, _whole(f"{where}.weeks", entry.get("weeks"), 1, 520))


def _rung(index: int, entry: Any) -> Rung:
    where = f"escalation.steps[{index}]"
    if not isinstance(entry, dict):
        raise InputError(where, entry, "a table with key, instrument, response_days and when")
    unknown = sorted(set(entry) - {"key", "instrument", "response_days", "when"})
    if unknown:
        raise InputError(
            f"{where}.{unknown[0]}", entry[unknown[0]], "key, instrument, response_days or when"
        )
    key = entry.get("key")
    if not isinstance(key, str) or not key or not set(key) <= _KEY_CHARS or len(key) > 40:
        raise InputError(f"{where}.key", key, "lower-case letters, digits and _")
    instrument = entry.get("instrument")
    if instrument not in INSTRUMENTS:
        raise InputError(
            f"{where}.instrument", instrument, "one of {choices}", choices=", ".join(INSTRUMENTS)
        )
    days = _whole(f"{where}.response_days", entry.get("response_days"), 1, _MAX_DAYS)
    when = entry.get("when")
    if not isinstance(when, list) or not when:
        raise InputError(f"{where}.when", when, "a list of triggers")
    triggers = tuple(_trigger(f"{where}.when[{i}]", t) for i, t in enumerate(when))
    return Rung(key, instrument, days, triggers)


def escalation_ladder(sections: Mapping[str, Any]) -> tuple[Rung, ...]:
    """The settings file's ladder, checked; the default ladder without an `[escalation]` table."""
    table = sections.get("escalation")
    if table is None:
        return DEFAULT_LADDER
    if not isinstance(table, dict) or set(table) - {"steps"}:
        raise InputError("escalation", table, "a table with a list of steps")
    steps = table.get("steps")
    if not isinstance(steps, list) or not steps:
        raise InputError("escalation.steps", steps, "a list of one or more steps")
    ladder = tuple(_rung(i, entry) for i, entry in enumerate(steps))
    keys = [rung.key for rung in ladder]
    for key in keys:
        if keys.count(key) > 1:
            raise InputError("escalation.steps.key", key, "a key used once")
    return ladder


def find_rung(ladder: tuple[Rung, ...], ref: str) -> Rung:
    """The step of the ladder that `ref` names (its key or its instrument)."""
    typed = ref.strip().casefold()
    for rung in ladder:
        if typed in (rung.key, rung.instrument):
            return rung
    raise InputError("--step", ref, "one of {choices}", choices=", ".join(r.key for r in ladder))
