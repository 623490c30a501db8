"""Typed cells for the xlsx report (XlsxWriter): each value written as what it is, fast.

A cell is a string, a whole number, an amount (`Money`, in 万 for zh, the currency's unit for en),
a share (`Share`, as a percentage), a light (`Light`, its word on its colour), a deadline (a
serial day with a date format at its precision), a plain date or a moment. Text is always a
string cell, so nothing a user typed becomes a formula; strings are never guessed to be
numbers, formulas or links. The workbook is built in memory, not streamed (`constant_memory`):
its shared string table writes and escapes each distinct text once (codes, names and words recur
on every sheet), which at 10,000 projects is about 15% faster for some 35 MB more, provided the
cyclic garbage collector is paused meanwhile (see tracker.reports.destination.no_cycle_collection).
Every format is built once. Column widths come from the first rows (Chinese characters count
double), so a long sheet is not measured cell by cell.

Every sheet is set up to print: A4 landscape, one page wide, the title and header rows repeated
on each page, the report's title and week in the page header and page numbers in the footer.
Text wraps within its column, and each row is as tall as its longest text needs once the widths
are known, so that wrapped lines never print over the row below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tracker.core.dates import Deadline, Precision
from tracker.core.textable import display_width
from tracker.i18n.catalogue import tr
from tracker.reports.formatting import light_text

LIGHT_COLOURS = {
    "red": ("#FFC7CE", "#9C0006"),
    "amber": ("#FFEB9C", "#9C5700"),
    "green": ("#C6EFCE", "#006100"),
}
MAX_WIDTH = 60
WRAP_WIDTH = 30
# A header wraps onto lines of this width (a longer word keeps its own).
HEADER_WIDTH = 12
MEASURED_ROWS = 2000
# Points a line of 11-point text takes in a wrapped row (Excel's default row, one line, is 15).
LINE_POINTS = 14
# A title row's height, for its 14-point type.
TITLE_POINTS = 22
A4 = 9
# A date cell is the number of days since 1899-12-30 with a date format (Excel's serial day).
_EXCEL_DAY_ZERO = date(1899, 12, 30).toordinal()
_SECONDS_A_DAY = 86400
_WORD = re.compile(r"[!-~]+")


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units, shown in 万 (zh) or in the currency's unit (en)."""

    cents: int | None


@dataclass(frozen=True, slots=True)
class Share:
    """A ratio, shown as a percentage."""

    value: Decimal | None


@dataclass(frozen=True, slots=True)
class Light:
    """A project's light, shown as its word on its colour."""

    light: str | None


Cell = str | int | Money | Share | Light | Deadline | date | datetime | None


class Book:
    """The workbook and its formats, each built once."""

    def __init__(self, target: Path | IO[bytes], lang: str, heading: str = "") -> None:
        self.lang = lang
        self.heading = heading
        self.book = xlsxwriter.Workbook(
            str(target) if isinstance(target, Path) else target,
            {
                "constant_memory": False,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        add = self.book.add_format
        self.header = add(
            {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = add({"bold": True, "font_size": 14})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.money = add({"num_format": "#,##0.00" if lang == "zh" else "#,##0", "valign": "top"})
        self.money_divisor = 1_000_000 if lang == "zh" else 100
        self.share = add({"num_format": "0.0%", "valign": "top"})
        self.integer = add({"num_format": "0", "valign": "top"})
        self.moment = add({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"})
        self.top = add({"valign": "top"})
        self.lights = {
            key: add({"bg_color": fill, "font_color": font, "bold": True, "valign": "top"})
            for key, (fill, font) in LIGHT_COLOURS.items()
        }
        self.light_words = {key: light_text(key, lang) for key in (*LIGHT_COLOURS, None)}
        self._patterns: dict[str, Any] = {}
        self._day_formats: dict[Deadline, Any] = {}

    def day_format(self, day: Deadline) -> Any:
        """A date format showing the day at its precision (a quarter by its literal label)."""
        known = self._day_formats.get(day)
        if known is not None:
            return known
        zh = self.lang == "zh"
        match day.precision:
            case Precision.DAY:
                pattern = "yyyy-mm-dd"
            case Precision.MONTH:
                pattern = 'yyyy"年"m"月"' if zh else "mmm yyyy"
            case Precision.YEAR:
                pattern = 'yyyy"年"' if zh else "yyyy"
            case _:
                pattern = f'"{day.label(self.lang)}"'
        if pattern not in self._patterns:
            self._patterns[pattern] = self.book.add_format({"num_format": pattern, "valign": "top"})
        self._day_formats[day] = self._patterns[pattern]
        return self._patterns[pattern]

    def sheet(
        self,
        name: str,
        headers: list[str],
        wrap: tuple[int, ...] = (),
        title: str | None = None,
        frozen_columns: int = 0,
        one_page: bool = False,
    ) -> Sheet:
        """A worksheet: its title row if any, then a header row, frozen with the first columns.

        `wrap` names the columns of long text, kept to a readable measure (WRAP_WIDTH) in which
        the text wraps; `one_page` fits the whole sheet on one page, not only one page wide.
        """
        sheet = Sheet(self, self.book.add_worksheet(name), wrap)
        if title is not None:
            sheet.title(title)
        if headers:
            sheet.row([*headers], header=True)
        if title is not None or headers:
            sheet.sheet.freeze_panes(sheet.next_row, frozen_columns)
            sheet.sheet.repeat_rows(0, sheet.next_row - 1)
        self._print_setup(sheet.sheet, one_page)
        return sheet

    def _print_setup(self, sheet: Worksheet, one_page: bool) -> None:
        """A4 landscape, one page wide (and tall if asked), titled and numbered pages."""
        sheet.set_paper(A4)
        sheet.set_landscape()
        sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
        sheet.fit_to_pages(1, 1 if one_page else 0)
        sheet.hide_gridlines(0)
        heading = self.heading.replace("&", "&&")
        sheet.set_header(f"&C{heading}", {"margin": 0.3})
        pages = tr(self.lang, "page {page} of {pages}", page="&P", pages="&N")
        sheet.set_footer(f"&C{pages}", {"margin": 0.3})

    def close(self) -> None:
        """Write the workbook out."""
        self.book.close()


class Sheet:
    """Writes typed rows below each other and remembers how wide each column must be."""

    def __init__(self, book: Book, sheet: Worksheet, wrap: tuple[int, ...]) -> None:
        self.book = book
        self.sheet = sheet
        self.wrap = wrap
        self.next_row = 0
        self.widths: dict[int, int] = {}
        # Per row, the display widths of the lines of each text that may need more than one line.
        self._long: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        self._line_widths: dict[str, tuple[int, ...]] = {}
        self._text_widths: dict[str, int] = {}
        self._writers: dict[type, Callable[[int, int, Any], None]] = {
            str: self._string,
            int: self._integer,
            Money: self._money,
            Share: self._share,
            Light: self._light,
            Deadline: self._deadline,
            datetime: self._moment,
            date: self._date,
        }

    def title(self, text: str) -> None:
        """A title in large bold type on a row of its own (it does not widen the column)."""
        self.sheet.write_string(self.next_row, 0, text, self.book.title)
        self.sheet.set_row(self.next_row, TITLE_POINTS)
        self.next_row += 1

    def row(self, cells: list[Cell], header: bool = False) -> None:
        """Write one row below the last; the first rows decide the column widths."""
        r = self.next_row
        self.next_row += 1
        if header:
            self._header(r, cells)
            return
        writers = self._writers
        long: list[tuple[int, tuple[int, ...]]] = []
        for c, cell in enumerate(cells):
            if cell is not None:
                writers[type(cell)](r, c, cell)
                if type(cell) is str and len(cell) > 2:
                    long.append((c, self._lines_of(cell)))
        if long:
            self._long[r] = long
        if r < MEASURED_ROWS:
            widths = self.widths
            for c, cell in enumerate(cells):
                width = self._width(cell)
                if width > widths.get(c, 0):
                    widths[c] = width

    def _header(self, r: int, cells: list[Cell]) -> None:
        long: list[tuple[int, tuple[int, ...]]] = []
        for c, cell in enumerate(cells):
            text = str(cell or "")
            self.sheet.write_string(r, c, text, self.book.header)
            long.append((c, self._lines_of(text)))
            if c not in self.widths:
                self.widths[c] = min(display_width(text), max(HEADER_WIDTH, _longest_word(text)))
        self._long[r] = long

    def _string(self, r: int, c: int, text: str) -> None:
        self.sheet.write_string(r, c, text, self.book.wrap)

    def _integer(self, r: int, c: int, number: int) -> None:
        self.sheet.write_number(r, c, number, self.book.integer)

    def _money(self, r: int, c: int, money: Money) -> None:
        if money.cents is not None:
            self.sheet.write_number(r, c, money.cents / self.book.money_divisor, self.book.money)

    def _share(self, r: int, c: int, share: Share) -> None:
        if share.value is not None:
            self.sheet.write_number(r, c, float(share.value), self.book.share)

    def _light(self, r: int, c: int, light: Light) -> None:
        style = self.book.lights.get(light.light or "", self.book.top)
        self.sheet.write_string(r, c, self.book.light_words[light.light], style)

    def _deadline(self, r: int, c: int, day: Deadline) -> None:
        serial = day.due.toordinal() - _EXCEL_DAY_ZERO
        self.sheet.write_number(r, c, serial, self.book.day_format(day))

    def _moment(self, r: int, c: int, moment: datetime) -> None:
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
        serial = moment.toordinal() - _EXCEL_DAY_ZERO + seconds / _SECONDS_A_DAY
        self.sheet.write_number(r, c, serial, self.book.moment)

    def _date(self, r: int, c: int, day: date) -> None:
        self._deadline(r, c, Deadline(day, Precision.DAY))

    def _width(self, cell: Cell) -> int:
        if cell is None:
            return 0
        if isinstance(cell, str):
            if len(cell) >= MAX_WIDTH:  # at least as wide as the cap: no need to count
                return MAX_WIDTH
            return self._text_width(cell)
        if isinstance(cell, int):
            return len(str(cell))
        if isinstance(cell, Money):
            if cell.cents is None:
                return 0
            return len(f"{cell.cents / self.book.money_divisor:,.2f}")
        if isinstance(cell, Light):
            return display_width(self.book.light_words[cell.light])
        if isinstance(cell, Share):
            return 7
        if isinstance(cell, Deadline):
            return 13
        return 16 if isinstance(cell, datetime) else 10

    def _text_width(self, text: str) -> int:
        """The text's display width (Chinese characters count double), its longest line's."""
        width = self._text_widths.get(text)
        if width is None:
            width = max(self._lines_of(text))
            self._text_widths[text] = width
        return width

    def _lines_of(self, text: str) -> tuple[int, ...]:
        """The width of each of the text's lines (see _quick_width)."""
        widths = self._line_widths.get(text)
        if widths is None:
            if "\n" in text:
                widths = tuple(_quick_width(line) for line in text.split("\n"))
            else:
                widths = (_quick_width(text),)
            self._line_widths[text] = widths
        return widths

    def fit(self) -> None:
        """Set each column to the width its widest cell needs (capped for long text, or fixed),
        then each row to the height its wrapped text needs in those widths."""
        columns: dict[int, int] = {}
        for column, width in self.widths.items():
            cap = WRAP_WIDTH if column in self.wrap else MAX_WIDTH
            columns[column] = min(max(width, 4) + 2, cap)
            self.sheet.set_column(column, column, columns[column])
        # Names, words and currencies recur down a column: count the lines of each text once.
        known: dict[tuple[int, tuple[int, ...]], int] = {}
        for row, cells in self._long.items():
            lines = 1
            for cell in cells:
                count = known.get(cell)
                if count is None:
                    column, widths = cell
                    count = known[cell] = _lines(widths, columns.get(column, 8))
                lines = max(lines, count)
            if lines > 1:
                # A line in eight to spare: punctuation may not start a line, so some lines break
                # early.
                self.sheet.set_row(row, (lines + lines // 8) * LINE_POINTS + 3)


def _quick_width(text: str) -> int:
    """The text's display width, counted from its UTF-8 length at C speed: a character of three
    bytes (Chinese, full-width punctuation) as two columns, of one byte as one. A few narrow
    characters of two or three bytes (é, —) count a little wide, which only makes a row a little
    taller; measuring each character (display_width) took a third of the writer's time."""
    length = len(text)
    if text.isascii():
        return length
    return length + (len(text.encode("utf-8")) - length) // 2


def _longest_word(text: str) -> int:
    """The width of the text's longest unbreakable run (Chinese breaks between any characters)."""
    return max((len(word) for word in _WORD.findall(text)), default=0)


def _lines(line_widths: tuple[int, ...], column_width: int) -> int:
    """How many lines a text takes wrapped in a column this wide.

    A line holds a little less than the column's width (a cell has padding, and wrapping at word
    boundaries leaves the end of a line short), which counting a Chinese character as two
    digits' width (it takes about 1.8) makes up for.
    """
    room = max(column_width - 1, 1)
    return sum(max(1, -(-width // room)) for width in line_widths)
