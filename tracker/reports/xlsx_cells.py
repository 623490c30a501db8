"""Typed cells for the xlsx report, written straight as SpreadsheetML: each value as what it is.

Each column has a kind, so a row is its plain values: text (`TEXT`, or `WRAP` for wrapped text),
a whole number (`INTEGER`), an amount in minor units (`MONEY`, shown in 万 for zh, in the
currency's unit for en), a share (`SHARE`, a Decimal shown as a percentage), a light (`LIGHT`,
its word on its colour; no light is a word too), a day (`DAY`: a Deadline, shown at its
precision, or a plain date), a moment (`MOMENT`), or whichever of these the value's type says
(`AUTO`). Text is always a shared-string cell, so nothing a user typed becomes a formula, a
number or a link. Days and moments are Excel serial days with a date format.

The package (workbook, styles, shared strings, sheets) is written here rather than through a
general-purpose library: a report of 10,000 projects is some 700,000 cells, and XlsxWriter spent
about 3.5 s of a 6 s export checking, storing and serialising them one call at a time, where
formatting each cell's XML once takes a fraction of that. Column widths come from the first rows
(Chinese characters count double), so a long sheet is not measured cell by cell.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from tracker.dates import Deadline, Precision
from tracker.reports.words import light_text
from tracker.textable import display_width

TEXT = "text"
WRAP = "wrap"
INTEGER = "integer"
MONEY = "money"
SHARE = "share"
LIGHT = "light"
DAY = "day"
MOMENT = "moment"
AUTO = "auto"

LIGHT_COLOURS = {
    "red": ("FFC7CE", "9C0006"),
    "amber": ("FFEB9C", "9C5700"),
    "green": ("C6EFCE", "006100"),
}
MAX_WIDTH = 60
MEASURED_ROWS = 2000
# A date cell is the number of days since 1899-12-30 with a date format (Excel's serial day).
_EXCEL_DAY_ZERO = date(1899, 12, 30).toordinal()
_SECONDS_A_DAY = 86400


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


COLUMNS = tuple(_column_name(i) for i in range(64))

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Excel writes a control character as _xHHHH_, so a literal _xHHHH_ has its underscore escaped.
_LOOKS_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
# The members' time stamp: fixed, so the same report gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Put = Callable[[str, Any], str]
Measure = Callable[[Any], int]


def _xml(text: str) -> str:
    """`text` escaped for an XML element or a double-quoted attribute."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _shared_string(text: str) -> str:
    """One entry of the shared string table, as Excel writes it."""
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<si><t xml:space="preserve">{text}</t></si>'
    return f"<si><t>{text}</t></si>"


class _Styles:
    """The cell formats (cellXfs), each added once; a cell names its format by index."""

    FONTS = (
        '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
        '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>',
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
        *(
            f'<font><b/><sz val="11"/><color rgb="FF{font}"/><name val="Calibri"/>'
            '<family val="2"/></font>'
            for _fill, font in LIGHT_COLOURS.values()
        ),
    )
    FILLS = (
        '<fill><patternFill patternType="none"/></fill>',
        '<fill><patternFill patternType="gray125"/></fill>',
        *(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fill}"/>'
            '<bgColor indexed="64"/></patternFill></fill>'
            for fill in ("D9E1F2", *(fill for fill, _font in LIGHT_COLOURS.values()))
        ),
    )
    BORDERS = (
        "<border><left/><right/><top/><bottom/><diagonal/></border>",
        '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom>'
        "<diagonal/></border>",
    )

    def __init__(self) -> None:
        self.xfs: list[str] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        self.number_formats: dict[str, int] = {}
        self._known: dict[tuple[str | None, int, int, int, bool, bool], int] = {}

    def add(
        self,
        number_format: str | None = None,
        font: int = 0,
        fill: int = 0,
        border: int = 0,
        wrap: bool = False,
        top: bool = True,
    ) -> int:
        """The index of the format with these properties."""
        key = (number_format, font, fill, border, wrap, top)
        known = self._known.get(key)
        if known is not None:
            return known
        number = 0
        if number_format is not None:
            number = self.number_formats.setdefault(number_format, 164 + len(self.number_formats))
        applied = "".join(
            f' apply{what}="1"'
            for what, used in (
                ("NumberFormat", number),
                ("Font", font),
                ("Fill", fill),
                ("Border", border),
                ("Alignment", wrap or top),
            )
            if used
        )
        alignment = " ".join(
            part for part, used in (('vertical="top"', top), ('wrapText="1"', wrap)) if used
        )
        head = (
            f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="{border}" '
            f'xfId="0"{applied}'
        )
        self.xfs.append(f"{head}><alignment {alignment}/></xf>" if alignment else f"{head}/>")
        self._known[key] = len(self.xfs) - 1
        return len(self.xfs) - 1

    def xml(self) -> str:
        """The styles part."""
        formats = "".join(
            f'<numFmt numFmtId="{number}" formatCode="{_xml(code)}"/>'
            for code, number in self.number_formats.items()
        )
        return (
            f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="{len(self.number_formats)}">{formats}</numFmts>'
            f'<fonts count="{len(self.FONTS)}">{"".join(self.FONTS)}</fonts>'
            f'<fills count="{len(self.FILLS)}">{"".join(self.FILLS)}</fills>'
            f'<borders count="{len(self.BORDERS)}">{"".join(self.BORDERS)}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(self.xfs)}">{"".join(self.xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
        )


class Book:
    """The workbook: its sheets, shared strings and formats, and how each kind of cell is put."""

    def __init__(self, target: Path | IO[bytes], lang: str) -> None:
        self.target = target
        self.lang = lang
        self.sheets: list[Sheet] = []
        self.strings: dict[str, int] = {}
        self.styles = styles = _Styles()
        self.header = styles.add(font=2, fill=2, border=1, wrap=True)
        self.title = styles.add(font=1, top=False)
        self.top = styles.add()
        self.wrap = styles.add(wrap=True)
        self.money_divisor = 1_000_000 if lang == "zh" else 100
        self.lights = {
            key: styles.add(font=3 + i, fill=3 + i) for i, key in enumerate(LIGHT_COLOURS)
        }
        self.light_words = {key: light_text(key, lang) for key in (*LIGHT_COLOURS, None)}
        self._text_widths: dict[str, int] = {}
        self._day_styles: dict[Deadline, int] = {}
        self.puts: dict[str, Put] = self._puts()
        self.measures: dict[str, Measure] = self._measures()

    def sheet(
        self,
        name: str,
        headers: list[str],
        kinds: Sequence[str] = (),
        title: str | None = None,
        frozen_columns: int = 0,
    ) -> Sheet:
        """A worksheet whose columns hold `kinds`: its title row if any, then a header row,
        frozen with the first columns."""
        sheet = Sheet(self, name, kinds)
        self.sheets.append(sheet)
        if title is not None:
            sheet.row([title], kinds=("title",))
        if headers:
            sheet.header(headers)
        if sheet.next_row:
            sheet.frozen = (sheet.next_row, frozen_columns)
        return sheet

    def day_style(self, day: Deadline) -> int:
        """A date format showing the day at its precision (a quarter by its literal label)."""
        known = self._day_styles.get(day)
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
        style = self._day_styles[day] = self.styles.add(pattern)
        return style

    def text_width(self, text: str) -> int:
        """How wide a column must be for `text` (Chinese characters count double)."""
        if len(text) >= MAX_WIDTH:  # at least as wide as the cap: no need to count
            return MAX_WIDTH
        width = self._text_widths.get(text)
        if width is None:
            width = self._text_widths[text] = len(text) if text.isascii() else display_width(text)
        return width

    def _puts(self) -> dict[str, Put]:
        """For each kind, how a value becomes its cell's XML, given the cell's reference."""
        strings = self.strings
        styles = self.styles
        divisor = self.money_divisor
        money, share = styles.add("#,##0.00" if self.lang == "zh" else "#,##0"), styles.add("0.0%")
        integer, moment = styles.add("0"), styles.add("yyyy-mm-dd hh:mm")
        plain_day = styles.add("yyyy-mm-dd")
        lights, light_words, day_style = self.lights, self.light_words, self.day_style

        def text_in(style: int) -> Put:
            def put(ref: str, text: str) -> str:
                if not text:
                    return f'<c r="{ref}" s="{style}"/>'
                index = strings.get(text)
                if index is None:
                    index = strings[text] = len(strings)
                return f'<c r="{ref}" s="{style}" t="s"><v>{index}</v></c>'

            return put

        text = text_in(self.top)

        def put_integer(ref: str, number: int) -> str:
            return f'<c r="{ref}" s="{integer}"><v>{number}</v></c>'

        def put_money(ref: str, cents: int) -> str:
            return f'<c r="{ref}" s="{money}"><v>{cents / divisor!r}</v></c>'

        def put_share(ref: str, value: Any) -> str:
            return f'<c r="{ref}" s="{share}"><v>{float(value)!r}</v></c>'

        light_puts = {light: text_in(lights.get(light or "", self.top)) for light in light_words}

        def put_light(ref: str, light: str | None) -> str:
            return light_puts[light](ref, light_words[light])

        def put_day(ref: str, day: Deadline | date) -> str:
            if isinstance(day, Deadline):
                serial, style = day.due.toordinal() - _EXCEL_DAY_ZERO, day_style(day)
            else:
                serial, style = day.toordinal() - _EXCEL_DAY_ZERO, plain_day
            return f'<c r="{ref}" s="{style}"><v>{serial}</v></c>'

        def put_moment(ref: str, at: datetime) -> str:
            seconds = at.hour * 3600 + at.minute * 60 + at.second
            serial = at.toordinal() - _EXCEL_DAY_ZERO + seconds / _SECONDS_A_DAY
            return f'<c r="{ref}" s="{moment}"><v>{serial!r}</v></c>'

        by_type: dict[type, Put] = {
            str: text,
            int: put_integer,
            Deadline: put_day,
            date: put_day,
            datetime: put_moment,
        }

        def put_auto(ref: str, value: Any) -> str:
            return by_type[type(value)](ref, value)

        return {
            TEXT: text,
            WRAP: text_in(self.wrap),
            "header": text_in(self.header),
            "title": text_in(self.title),
            INTEGER: put_integer,
            MONEY: put_money,
            SHARE: put_share,
            LIGHT: put_light,
            DAY: put_day,
            MOMENT: put_moment,
            AUTO: put_auto,
        }

    def _measures(self) -> dict[str, Measure]:
        """For each kind, how wide a column must be for a value."""
        divisor = self.money_divisor

        def day(value: Deadline | date) -> int:
            return 13 if isinstance(value, Deadline) else 10

        by_type: dict[type, Measure] = {
            str: self.text_width,
            int: lambda number: len(str(number)),
            Deadline: day,
            date: day,
            datetime: lambda _at: 16,
        }
        return {
            TEXT: self.text_width,
            WRAP: self.text_width,
            "header": lambda _text: 0,
            "title": lambda _text: 0,
            INTEGER: by_type[int],
            MONEY: lambda cents: len(f"{cents / divisor:,.2f}"),
            SHARE: lambda _value: 7,
            LIGHT: lambda light: display_width(self.light_words[light]),
            DAY: day,
            MOMENT: by_type[datetime],
            AUTO: lambda value: by_type[type(value)](value),
        }

    def close(self) -> None:
        """Write the workbook out."""
        sheets = self.sheets
        names = [f"xl/worksheets/sheet{i}.xml" for i in range(1, len(sheets) + 1)]
        parts = [
            ("[Content_Types].xml", self._content_types(names)),
            (
                "_rels/.rels",
                f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELATIONS}">'
                f'<Relationship Id="rId1" Type="{_RELATIONS}/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>',
            ),
            ("xl/workbook.xml", self._workbook()),
            ("xl/_rels/workbook.xml.rels", self._workbook_relations(names)),
            *(
                (name, sheet.xml(i == 0))
                for i, (name, sheet) in enumerate(zip(names, sheets, strict=True))
            ),
            ("xl/styles.xml", self.styles.xml()),
            ("xl/sharedStrings.xml", self._shared_strings()),
        ]
        with zipfile.ZipFile(
            str(self.target) if isinstance(self.target, Path) else self.target, "w"
        ) as package:
            for name, xml in parts:
                package.writestr(
                    zipfile.ZipInfo(name, _ZIP_TIME),
                    xml.encode("utf-8"),
                    compress_type=zipfile.ZIP_DEFLATED,
                )

    def _content_types(self, sheets: list[str]) -> str:
        parts = [
            ("xl/workbook.xml", f"{_TYPES}.sheet.main+xml"),
            *((name, f"{_TYPES}.worksheet+xml") for name in sheets),
            ("xl/styles.xml", f"{_TYPES}.styles+xml"),
            ("xl/sharedStrings.xml", f"{_TYPES}.sharedStrings+xml"),
        ]
        return (
            f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(
                f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in parts
            )
            + "</Types>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name="{_xml(sheet.name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, sheet in enumerate(self.sheets, 1)
        )
        return (
            f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONS}"><bookViews>'
            '<workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/>'
            f"</bookViews><sheets>{sheets}</sheets></workbook>"
        )

    def _workbook_relations(self, sheets: list[str]) -> str:
        targets = [
            *((f"{_RELATIONS}/worksheet", name.removeprefix("xl/")) for name in sheets),
            (f"{_RELATIONS}/styles", "styles.xml"),
            (f"{_RELATIONS}/sharedStrings", "sharedStrings.xml"),
        ]
        return (
            f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELATIONS}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                for i, (kind, target) in enumerate(targets, 1)
            )
            + "</Relationships>"
        )

    def _shared_strings(self) -> str:
        return (
            f'{_DECLARATION}<sst xmlns="{_MAIN}" uniqueCount="{len(self.strings)}">'
            + "".join(map(_shared_string, self.strings))
            + "</sst>"
        )


class Sheet:
    """Rows of typed cells below each other; remembers how wide each column must be."""

    def __init__(self, book: Book, name: str, kinds: Sequence[str]) -> None:
        self.book = book
        self.name = name
        self.puts = [book.puts[k] for k in kinds]
        self.measures = [book.measures[k] for k in kinds]
        self.next_row = 0
        self.frozen = (0, 0)
        self.columns = 0
        self.widths: dict[int, int] = {}
        self.rows: list[str] = []

    def skip(self) -> None:
        """Leave a row empty."""
        self.next_row += 1

    def header(self, texts: list[str]) -> None:
        """A header row; each header sets its column's least width (long ones wrap)."""
        self.row(texts, kinds=("header",) * len(texts))
        for c, text in enumerate(texts):
            if c not in self.widths:
                self.widths[c] = min(display_width(text), 24)

    def row(self, values: Sequence[Any], kinds: Sequence[str] | None = None) -> None:
        """Write one row below the last, each value as its column's kind (or as `kinds`); None
        is an empty cell, except that no light is a light. The first rows set the widths."""
        self.next_row += 1
        number = str(self.next_row)
        book = self.book
        puts = self.puts if kinds is None else [book.puts[k] for k in kinds]
        light = book.puts[LIGHT]
        cells = [
            put(column + number, value)
            for column, put, value in zip(COLUMNS, puts, values, strict=False)
            if value is not None or put is light
        ]
        self.rows.append(f'<row r="{number}">{"".join(cells)}</row>')
        self.columns = max(self.columns, len(values))
        if self.next_row <= MEASURED_ROWS:
            measures = self.measures if kinds is None else [book.measures[k] for k in kinds]
            widths = self.widths
            for c, (put, measure, value) in enumerate(zip(puts, measures, values, strict=False)):
                if value is not None or put is light:
                    width = measure(value)
                    if width > widths.get(c, 0):
                        widths[c] = width

    def xml(self, selected: bool) -> str:
        """The worksheet part: its frozen panes, column widths and rows."""
        last = f":{COLUMNS[self.columns - 1]}{self.next_row}" if self.rows else ""
        tab = ' tabSelected="1"' if selected else ""
        return (
            f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONS}">'
            f'<dimension ref="A1{last}"/><sheetViews><sheetView{tab} workbookViewId="0">'
            f"{self._pane()}"
            '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"{self._columns()}<sheetData>{''.join(self.rows)}</sheetData>"
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>'
        )

    def _pane(self) -> str:
        rows, columns = self.frozen
        if not rows and not columns:
            return ""
        corner = f"{COLUMNS[columns]}{rows + 1}"
        if rows and columns:
            return (
                f'<pane xSplit="{columns}" ySplit="{rows}" topLeftCell="{corner}" '
                'activePane="bottomRight" state="frozen"/>'
                f'<selection pane="topRight" activeCell="{COLUMNS[columns]}1" '
                f'sqref="{COLUMNS[columns]}1"/>'
                f'<selection pane="bottomLeft" activeCell="A{rows + 1}" sqref="A{rows + 1}"/>'
                '<selection pane="bottomRight"/>'
            )
        if rows:
            return (
                f'<pane ySplit="{rows}" topLeftCell="{corner}" activePane="bottomLeft" '
                'state="frozen"/><selection pane="bottomLeft"/>'
            )
        return (
            f'<pane xSplit="{columns}" topLeftCell="{corner}" activePane="topRight" '
            'state="frozen"/><selection pane="topRight"/>'
        )

    def _columns(self) -> str:
        """Each column as wide as its widest measured cell needs (capped for long text), in
        Excel's stored width: whole pixels of a 7-pixel digit plus 5 pixels of padding."""
        if not self.widths:
            return ""
        columns = []
        for c in sorted(self.widths):
            characters = min(max(self.widths[c], 4) + 2, MAX_WIDTH)
            pixels = int(characters * 7 + 0.5) + 5
            width = pixels * 256 // 7 / 256
            columns.append(f'<col min="{c + 1}" max="{c + 1}" width="{width}" customWidth="1"/>')
        return f"<cols>{''.join(columns)}</cols>"
