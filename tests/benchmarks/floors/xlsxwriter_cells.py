"""The floor of `tracker export weekly --format xlsx`: plain XlsxWriter in `constant_memory` mode
writing the same cells as the workbook tracker made (issue #18).

    python xlsxwriter_cells.py dump WORKBOOK.xlsx CELLS.pickle   # untimed: read tracker's cells
    python xlsxwriter_cells.py write CELLS.pickle OUT.xlsx       # timed: the floor itself

`dump` reads WORKBOOK.xlsx as the zip it is (xl/workbook.xml and its relationships for the
sheets in order, xl/sharedStrings.xml, xl/worksheets/sheetN.xml) and keeps every cell that holds
a value: strings as strings, numbers as numbers (a date is a number there, shown through a
format), at the same sheet, row and column. It prints the counts as JSON. Blank cells that only
carry a format hold no value and are left out; a formula, boolean or error cell is refused
(tracker writes none).

`write` loads those cells and writes them with `write_string` / `write_number` into a workbook
of the same sheet names, and nothing else: no formats, column widths, row heights, frozen
panes, print titles or chart. Its imports are the standard library's pickle and xlsxwriter.
"""

from __future__ import annotations

import pickle
import sys
from typing import Any

# Per sheet, its name and its rows: (row, columns, values), parallel tuples (a third of the
# objects of one pair per cell, so the timed process loads 10,000 projects' cells in 0.1 s).
Row = tuple[int, tuple[int, ...], tuple[str | float, ...]]
Cells = list[tuple[str, list[Row]]]
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def write(source: str, target: str) -> None:
    """Write the cells in `source` (a pickle made by `dump`) into the workbook `target`."""
    import xlsxwriter

    with open(source, "rb") as file:
        sheets: Cells = pickle.load(file)
    book = xlsxwriter.Workbook(target, {"constant_memory": True})
    for name, rows in sheets:
        sheet = book.add_worksheet(name)
        write_string, write_number = sheet.write_string, sheet.write_number
        for r, columns, values in rows:
            for c, value in zip(columns, values, strict=True):
                if type(value) is str:
                    write_string(r, c, value)
                else:
                    write_number(r, c, value)
    book.close()


def dump(workbook: str, target: str) -> dict[str, Any]:
    """Read every valued cell of `workbook` into the pickle `target`; the counts."""
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(workbook) as book:
        names = set(book.namelist())
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(book.read("xl/sharedStrings.xml"))
            shared = [_text(si) for si in root.iter(f"{MAIN}si")]
        rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        where = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PACKAGE_RELS}Relationship")}
        listed = ET.fromstring(book.read("xl/workbook.xml")).iter(f"{MAIN}sheet")
        sheets: Cells = []
        counts = {"sheets": 0, "strings": 0, "numbers": 0, "blank": 0}
        for entry in listed:
            path = where[entry.get(f"{DOC_RELS}id")].lstrip("/")
            path = path if path.startswith("xl/") else f"xl/{path}"
            with book.open(path) as xml:
                rows = _rows(ET.iterparse(xml), shared, counts)
            sheets.append((entry.get("name", ""), rows))
            counts["sheets"] += 1
    with open(target, "wb") as file:
        pickle.dump(sheets, file, protocol=pickle.HIGHEST_PROTOCOL)
    return counts


def _rows(events: Any, shared: list[str], counts: dict[str, int]) -> list[Row]:
    """The valued cells of one sheet's XML, row by row: (row, columns, values)."""
    rows: list[Row] = []
    for _, element in events:
        if element.tag != f"{MAIN}row":
            continue
        cells: list[tuple[int, str | float]] = []
        for cell in element.iter(f"{MAIN}c"):
            kind, value = cell.get("t", "n"), cell.find(f"{MAIN}v")
            column = _column(cell.get("r", ""))
            if kind == "inlineStr":
                counts["strings"] += 1
                cells.append((column, _text(cell.find(f"{MAIN}is"))))
            elif value is None or value.text is None:
                counts["blank"] += 1
            elif kind == "s":
                counts["strings"] += 1
                cells.append((column, shared[int(value.text)]))
            elif kind == "n":
                counts["numbers"] += 1
                cells.append((column, float(value.text)))
            else:
                raise ValueError(f"cell {cell.get('r')}: type {kind!r} is not written by tracker")
        if cells:
            columns, values = zip(*cells, strict=True)
            rows.append((int(element.get("r", "0")) - 1, columns, values))
        element.clear()
    return rows


def _text(element: Any) -> str:
    """A string item's text: its <t>, or the <t> of each rich-text run in turn."""
    if element is None:
        return ""
    return "".join(t.text or "" for t in element.iter(f"{MAIN}t"))


def _column(reference: str) -> int:
    """The 0-based column of a cell reference such as "AB12"."""
    column = 0
    for char in reference:
        if not char.isalpha():
            break
        column = column * 26 + ord(char.upper()) - 64
    return column - 1


def main(argv: list[str]) -> int:
    """`dump WORKBOOK CELLS` or `write CELLS OUT`."""
    if len(argv) == 3 and argv[0] == "write":
        write(argv[1], argv[2])
        return 0
    if len(argv) == 3 and argv[0] == "dump":
        import json

        print(json.dumps(dump(argv[1], argv[2])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
