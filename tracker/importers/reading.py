"""Reading a CSV or XLSX file into sheets of text cells, refusing what is neither.

CSV encodings are detected (UTF-8, UTF-8 with BOM, UTF-16, GB18030 as Chinese Excel saves it;
another that charset-normalizer recognises is refused, naming it) unless `encoding` is given;
line breaks inside quoted cells are kept. XLSX is read with openpyxl in read-only mode; numbers
and dates stored as real cells are turned into the text a person would type, so that every cell
reaches the mapping as text. Row numbers are the spreadsheet's: the header is row 1 (of a CSV:
record 1, a record may span lines), the first data row is row 2. A leading apostrophe that
tracker put before formula-like text when it wrote the file is taken off (tracker.core.formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from tracker.core.errors import InputError
from tracker.core.formula import original

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


@dataclass
class Sheet:
    """One sheet: its name, its header and its data rows (row number, cells as text)."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_sheets(
    path: Path, *, encoding: str | None = None, sheet: str | None = None
) -> list[Sheet]:
    """Every sheet of an XLSX (or only `sheet`), or the one sheet of a CSV."""
    try:
        head = path.open("rb").read(8)
    except OSError as error:
        raise InputError(
            "FILE", str(path), "a readable file ({strerror})", strerror=error.strerror
        ) from None
    if head.startswith(_ZIP):
        return _xlsx_sheets(path, sheet)
    if head.startswith(_OLE):
        raise InputError("FILE", str(path), "an .xlsx workbook or a CSV file (save .xls as .xlsx)")
    if sheet is not None:
        raise InputError("--sheet", sheet, "only with an .xlsx workbook (a CSV has one sheet)")
    return [_csv_sheet(path, encoding)]


def decode(data: bytes, path: Path, encoding: str | None) -> str:
    """The file's text: in `encoding`, else UTF-8 (with or without BOM), UTF-16 (by its BOM or
    as charset-normalizer detects it), or GB18030 as Chinese Excel saves it. Text in another
    encoding (Shift-JIS, Windows-1252…) is refused, naming the encoding it looks like: GB18030
    would read it as mojibake without an error."""
    if not data.strip():
        raise InputError("FILE", str(path), "a file with a header row (this one is empty)")
    if encoding:
        return _decoded(data, path, encoding)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, path, "utf-32" if data.startswith(b"\xff\xfe\x00\x00") else "utf-16")
    if b"\x00" not in data[:65536]:
        with suppress(UnicodeDecodeError):  # not UTF-8: the detector below tells what it is
            return _decoded(data, path, "utf-8-sig")
    guess = _detected(data)
    if guess is not None and guess.startswith(("utf_16", "utf_32")):
        return _decoded(data, path, guess)
    if b"\x00" in data[:65536]:
        raise InputError("FILE", str(path), "a CSV or XLSX file (this one is binary)")
    if guess in _GB_FAMILY:
        return _decoded(data, path, "gb18030")
    raise InputError(
        "FILE",
        str(path),
        "text in UTF-8, UTF-16 or GB18030: this file looks like {guess}; "
        "if it is, say so with --encoding {guess}",
        guess=guess or "an unknown encoding",
    )


_GB_FAMILY = ("gb18030", "gbk", "gb2312", "hz")


def _detected(data: bytes) -> str | None:
    """The encoding charset-normalizer takes the file's first 64 KiB to be, or None."""
    from charset_normalizer import from_bytes

    sample = data[:65536]
    if len(data) > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    best = from_bytes(sample).best()
    return None if best is None else str(best.encoding)


def _decoded(data: bytes, path: Path, name: str) -> str:
    try:
        text = data.decode(name)
    except LookupError:
        raise InputError("--encoding", name, "an encoding such as utf-8 or gb18030") from None
    except UnicodeDecodeError:
        if name == "utf-8-sig":
            raise
        raise InputError("FILE", str(path), "text in {encoding}", encoding=name) from None
    text = text.removeprefix("\ufeff")
    if sum(ch < " " and ch not in "\r\n\t" for ch in text[:65536]) > 0:
        raise InputError("FILE", str(path), "a CSV or XLSX file (this one is binary)")
    return text


def _csv_sheet(path: Path, encoding: str | None) -> Sheet:
    text = decode(path.read_bytes(), path, encoding)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = next(rows, None)
        if header is None:
            raise InputError("FILE", str(path), "a file with a header row (this one is empty)")
        body = [
            (number, [original(cell) for cell in row])
            for number, row in enumerate(rows, start=2)
            if any(row)
        ]
    except csv.Error as error:
        raise InputError("FILE", str(path), "a readable CSV file ({error})", error=error) from None
    return Sheet(path.name, header, body)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person would type."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, str) and "_x" in value:
        from openpyxl.utils.escape import unescape

        return original(unescape(value))
    return original(str(value))


def _xlsx_sheets(path: Path, wanted: str | None) -> list[Sheet]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputError("FILE", str(path), "an .xlsx workbook ({error})", error=error) from None
    try:
        names = book.sheetnames
        if wanted is not None and wanted not in names:
            raise InputError("--sheet", wanted, f"one of the workbook's sheets: {', '.join(names)}")
        return [_xlsx_sheet(book[name], name) for name in names if wanted in (None, name)]
    finally:
        book.close()


def _xlsx_sheet(worksheet: object, name: str) -> Sheet:
    rows: Iterator[tuple[object, ...]] = worksheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
    header: list[str] = []
    body: list[tuple[int, list[str]]] = []
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(v) for v in values]
        if not header:
            if any(c.strip() for c in cells):
                header = cells
            continue
        if any(c.strip() for c in cells):
            body.append((number, cells))
    while header and not header[-1].strip():
        header.pop()
    return Sheet(name, header, body)
