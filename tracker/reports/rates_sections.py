"""The programme's four rates in the weekly report's html and xlsx summaries (issue #17): the
same rows as the Markdown summary and `tracker rates`, kept here so the writers change by a
line each."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from tracker.i18n.catalogue import tr
from tracker.views.rates_view import summary_table

if TYPE_CHECKING:
    from tracker.reports.contents import Summary
    from tracker.reports.xlsx_cells import Cell, Sheet


def rates_html(s: Summary, lang: str) -> str:
    """A heading and the table of the four rates (nothing when the report has none)."""
    if s.rates is None:
        return ""
    heads, rows = summary_table(s.rates, lang)
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell or '—')}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    title = escape(tr(lang, "Programme rates"))
    return f"<h3>{title}</h3><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def rates_rows(sheet: Sheet, s: Summary, lang: str) -> None:
    """The four rates below the summary's money: the rate a real percentage, counts as
    numbers, amounts in the sheet's unit."""
    if s.rates is None:
        return
    from tracker.reports.xlsx_cells import Money, Share

    heads, rows = summary_table(s.rates, lang)
    sheet.next_row += 1
    sheet.row(list(heads), header=True)
    for rate, row in zip(s.rates.rates, rows, strict=True):
        if rate.currency is None:
            fraction: list[Cell] = [len(rate.numerator), len(rate.denominator)]
        else:
            fraction = [Money(rate.numerator_cents), Money(rate.denominator_cents)]
        sheet.row([row[0], Share(rate.value), *fraction, row[4]])
