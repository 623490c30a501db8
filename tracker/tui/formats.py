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


COLUMN_UNITS: dict[tuple[str, str], tuple[tuple[int, int, int, str], ...]] = {
    # (currency, lang): (from this many yuan, in units of 10**n, places, form), largest first
    ("CNY", "zh"): ((10**8, 8, 2, "{}亿元"), (10**4, 4, 2, "{}万元"), (0, 0, 2, "{}元")),
    ("CNY", "en"): ((10**9, 9, 2, "CNY {} bn"), (10**6, 6, 1, "CNY {} m"), (0, 0, 2, "CNY {}")),
}


def money_column(cents: list[int | None], currency: str | None, lang: str) -> list[str]:
    """A column of amounts in one unit, the one its largest amount needs (0.32亿元 under
    95.00亿元, never 3,200万元 under it); unknown is "—". A currency without units of its own
    is shown amount by amount."""
    from decimal import ROUND_HALF_UP, Decimal

    from tracker.reports.formatting import money

    units = COLUMN_UNITS.get((currency or "CNY", lang))
    known = [abs(c) for c in cents if c is not None]
    if units is None or not known:
        return [money(c, currency, lang) for c in cents]
    largest = Decimal(max(known)).scaleb(-2)
    _least, shift, places, form = next(u for u in units if largest >= u[0])
    step = Decimal(1).scaleb(-places)
    shown = []
    for c in cents:
        if c is None:
            shown.append("—")
            continue
        value = Decimal(c).scaleb(-2 - shift).quantize(step, rounding=ROUND_HALF_UP)
        shown.append(form.format(f"{value:,}"))
    return shown
