"""How the TUI shows one value: lights, money, deadlines, day counts (plain text, no Textual)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.core.dates import Deadline
from tracker.core.money import format_amount
from tracker.i18n.glossary import LIGHT_MARKS, label

LIGHT_STYLES = {"green": "green", "amber": "yellow", "red": "bold red", None: "dim"}


def light_mark(light: str | None) -> str:
    """The light as a symbol and a letter, readable without colour: `■ R`."""
    return LIGHT_MARKS.get(light, LIGHT_MARKS[None])


def money(cents: int | None, lang: str, currency: str | None = "CNY") -> str:
    """An amount as the reports show it (`95.00亿元`, `CNY 9.50 bn`); `—` when unknown."""
    return format_amount(cents, currency or "CNY", lang)


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
    """The Chinese name in Chinese, else the English one when there is one."""
    if lang == "zh":
        return str(row.get(key) or "")
    return str(row.get(f"{key}_en") or row.get(key) or "")


def stage(value: str | None, lang: str) -> str:
    """A stage in the officers' words."""
    return "—" if value is None else label(value, lang)
