"""The dashboard's columns: what each shows, how it sorts, and which go first when room is short."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.tui import formats
from tracker.tui.vocabulary import word

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of the portfolio table.

    `width` is the least room it takes (its header may widen it), `flex` columns share what is
    left, and columns with a `drop` rank are hidden, lowest rank first, when the screen is narrow.
    """

    key: str
    width: int
    text: Callable[[Row, str], str]
    sort: Callable[[Row], Any]
    right: bool = False
    flex: bool = False
    drop: int | None = None
    style: Callable[[Row], str | None] = lambda _row: None

    def header(self, lang: str) -> str:
        """The column's header in `lang`."""
        return word(self.key, lang)


def _days_style(row: Row) -> str | None:
    left = row["days_left"]
    if left is None:
        return None
    if left < 0:
        return "bold red"
    return "yellow" if left <= 7 else None


LIGHT_ORDER = {"red": 0, "amber": 1, "green": 2}

COLUMNS: tuple[Column, ...] = (
    Column(
        "light",
        3,
        lambda row, _lang: formats.light_mark(row["light"]),
        lambda row: LIGHT_ORDER.get(row["light"], 3),
        style=lambda row: formats.LIGHT_STYLES.get(row["light"]),
    ),
    Column("code", 13, lambda row, _lang: row["code"], lambda row: row["code"]),
    Column(
        "name",
        10,
        lambda row, lang: formats.named(row, lang),
        lambda row: row["name_en"] or row["name"],
        flex=True,
    ),
    Column(
        "stage",
        6,
        lambda row, lang: formats.stage(row["stage"], lang),
        lambda row: row["stage"],
        drop=1,
    ),
    Column(
        "total_short",
        11,
        lambda row, lang: formats.money(row["total_investment_cents"], lang, row["currency"]),
        lambda row: row["total_investment_cents"],
        right=True,
        drop=4,
    ),
    Column(
        "year_percent",
        5,
        lambda row, _lang: formats.percent(row["year_percent"]),
        lambda row: row["year_percent"],
        right=True,
        drop=3,
    ),
    Column(
        "next_milestone",
        8,
        lambda row, lang: "—" if row["next_due"] is None else formats.named(row, lang, "next_name"),
        lambda row: row["next_name_en"] or row["next_name"],
        flex=True,
    ),
    Column(
        "due",
        11,
        lambda row, lang: formats.deadline(row["next_due"], row["next_precision"], lang),
        lambda row: row["next_due"],
        right=True,
    ),
    Column(
        "days_short",
        4,
        lambda row, _lang: formats.days(row["days_left"]),
        lambda row: row["days_left"],
        right=True,
        style=_days_style,
    ),
    Column(
        "status_age",
        4,
        lambda row, _lang: formats.days(row["status_age_days"]),
        lambda row: row["status_age_days"],
        right=True,
        drop=2,
    ),
)
