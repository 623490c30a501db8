"""The dashboard's columns: what each shows, how it sorts, and which go first when room is short."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tracker.core.stages import LIFECYCLE
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label
from tracker.reports.formatting import money
from tracker.tui import formats

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of the portfolio table.

    `title` gives its header in a language; `width` is the least room it takes (its header may
    widen it), `flex` columns share what is left, and columns with a `drop` rank are hidden,
    lowest rank first, when the screen is narrow.
    """

    key: str
    title: Callable[[str], str]
    width: int
    text: Callable[[Row, str], str]
    sort: Callable[[Row], Any]
    right: bool = False
    flex: bool = False
    drop: int | None = None
    style: Callable[[Row], str | None] = lambda _row: None

    def header(self, lang: str) -> str:
        """The column's header in `lang`."""
        return self.title(lang)


def _days_style(row: Row) -> str | None:
    left = row["days_left"]
    if left is None:
        return None
    if left < 0:
        return "bold red"
    return "yellow" if left <= 7 else None


LIGHT_ORDER = {"red": 0, "amber": 1, "green": 2}
STAGE_ORDER = {stage: n for n, stage in enumerate(LIFECYCLE)}
"""Stages sort by where they come in a project's life, not by their names."""

COLUMNS: tuple[Column, ...] = (
    Column(
        "light",
        lambda lang: label("light", lang),
        3,
        lambda row, lang: formats.light_mark(row["light"], lang),
        lambda row: LIGHT_ORDER.get(row["light"], 3),
        style=lambda row: formats.LIGHT_STYLES.get(row["light"]),
    ),
    Column(
        "code",
        lambda lang: label("code", lang),
        13,
        lambda row, _lang: row["code"],
        lambda row: row["code"],
    ),
    Column(
        "name",
        lambda lang: label("name", lang),
        10,
        lambda row, lang: formats.named(row, lang),
        lambda row: row["name_en"] or row["name"],
        flex=True,
    ),
    Column(
        "stage",
        lambda lang: label("stage", lang),
        6,
        lambda row, lang: formats.stage(row["stage"], lang),
        lambda row: STAGE_ORDER.get(row["stage"], len(STAGE_ORDER)),
        drop=1,
    ),
    Column(
        "total_investment",
        lambda lang: tr(lang, "total"),
        11,
        lambda row, lang: money(row["total_investment_cents"], row["currency"], lang),
        lambda row: row["total_investment_cents"],
        right=True,
        drop=4,
    ),
    Column(
        "year_percent",
        lambda lang: tr(lang, "year%"),
        5,
        lambda row, _lang: formats.percent(row["year_percent"]),
        lambda row: row["year_percent"],
        right=True,
        drop=3,
    ),
    Column(
        "next_milestone",
        lambda lang: label("next_milestone", lang),
        8,
        lambda row, lang: "—" if row["next_due"] is None else formats.named(row, lang, "next_name"),
        lambda row: row["next_name_en"] or row["next_name"],
        flex=True,
    ),
    Column(
        "due",
        lambda lang: label("due", lang),
        11,
        lambda row, lang: formats.deadline(row["next_due"], row["next_precision"], lang),
        lambda row: row["next_due"],
        right=True,
    ),
    Column(
        "days_left",
        lambda lang: tr(lang, "left"),
        4,
        lambda row, _lang: formats.days(row["days_left"]),
        lambda row: row["days_left"],
        right=True,
        style=_days_style,
    ),
    Column(
        "status_age",
        lambda lang: tr(lang, "upd"),
        4,
        lambda row, _lang: formats.days(row["status_age_days"]),
        lambda row: row["status_age_days"],
        right=True,
        drop=2,
    ),
)
