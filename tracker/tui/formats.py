"""How the TUI shows one value: lights, deadlines, day counts (plain text, no Textual).

Amounts and names are shown as the weekly report shows them (tracker.reports.formatting).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.core.dates import Deadline
from tracker.i18n.glossary import LIGHT_MARKS, label
from tracker.reports.formatting import named as report_named
from tracker.reports.formatting import ptr

LIGHT_STYLES = {"green": "green", "amber": "yellow", "red": "bold red", None: "dim"}


def light_mark(light: str | None, lang: str) -> str:
    """The light as a symbol and a letter, readable without colour: `■ R`, `■ 红`."""
    symbol, letter = LIGHT_MARKS.get(light, LIGHT_MARKS[None]).split()
    if light is None:
        return f"{symbol} {letter}"
    # The letter is a word of its own: 红 / 黄 / 绿 in Chinese, two cells, which the light
    # column's header (亮灯, four cells) leaves room for.
    return f"{symbol} {ptr(lang, 'light letter', letter)}"


def deadline(due: date | None, precision: str | None, lang: str) -> str:
    """A due day at its precision (`2027年3月`, `Mar 2027`); `—` when there is none."""
    if due is None:
        return "—"
    return Deadline.of(due, precision or "day").label(lang)


def days(value: int | None) -> str:
    """A signed day count, `—` when unknown."""
    return "—" if value is None else str(value)


def percent(value: int | None) -> str:
    """A whole percentage, `—` when unknown."""
    return "—" if value is None else f"{value}%"


def named(row: dict[str, Any], lang: str, key: str = "name") -> str:
    """The row's Chinese name (`key`), in English its English one (`key`_en) when there is one."""
    return report_named(lang, row.get(key), row.get(f"{key}_en"))


def stage(value: str | None, lang: str) -> str:
    """A stage in the officers' words."""
    return "—" if value is None else label(value, lang)
