"""The dispatch meeting's record as a Word document (python-docx) and a workbook (XlsxWriter),
over the same sections as its Markdown and HTML (tracker/reports/meeting_agenda.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.i18n.catalogue import tr
from tracker.reports.meeting_agenda import section_rows

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

WIDTHS = (10, 14, 40, 18, 50, 14)
"""The workbook's column widths, in characters: code, project, what, who, evidence, when."""


def text_width(text: str) -> int:
    """The width of `text` in a monospace grid: a CJK character takes two places."""
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def lines_needed(row: Sequence[str], widths: Sequence[int]) -> int:
    """How many lines the tallest wrapped cell of `row` takes in columns of `widths`."""
    return max(
        (
            -(-text_width(text) // max(width - 1, 1))
            for text, width in zip(row, widths, strict=False)
        ),
        default=1,
    )


def _docx_widths(heads: Sequence[str], rows: Sequence[Sequence[str]], total: float) -> list[float]:
    """Column widths (mm) in proportion to each column's text, within `total`."""
    weights = [
        max(min(max([text_width(h)] + [text_width(r[i]) for r in rows]), 80), 14) + 6
        for i, h in enumerate(heads)
    ]
    return [total * w / sum(weights) for w in weights]


def write_meeting_docx(record: Mapping[str, Any], lang: str, target: Path) -> None:
    """The record as a Word document: a table a section, on landscape A4."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    document.add_heading(record["title"], level=1)
    document.add_paragraph(tr(lang, "Held on {day}", day=record["held_on"]))
    for heading, heads, rows in section_rows(record, lang):
        document.add_heading(heading, level=2)
        if not rows:
            document.add_paragraph(tr(lang, "None."))
            continue
        table = document.add_table(rows=1, cols=len(heads))
        table.style = "Table Grid"
        table.autofit = False
        widths = [Mm(w) for w in _docx_widths(heads, rows, 267)]
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid LibreOffice lays out; Word reads the cells'
            for cell in column.cells:
                cell.width = width
    document.save(str(target))


def write_meeting_xlsx(record: Mapping[str, Any], lang: str, target: Path) -> None:
    """The record as a workbook: one sheet, a block a section, printed landscape one page wide."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target))
    sheet = book.add_worksheet(tr(lang, "Meeting"))
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.write(0, 0, record["title"], title)
    sheet.write(1, 0, tr(lang, "Held on {day}", day=record["held_on"]))
    line = 3
    for heading, heads, rows in section_rows(record, lang):
        sheet.write(line, 0, heading, title)
        line += 1
        if not rows:
            sheet.write(line, 0, tr(lang, "None."))
            line += 2
            continue
        sheet.write_row(line, 0, heads, bold)
        sheet.set_row(line, 15 * lines_needed(heads, WIDTHS))
        for row in rows:
            line += 1
            sheet.write_row(line, 0, row, cell)
            # Wrapped text never overprints: each row as tall as its tallest cell.
            sheet.set_row(line, 15 * lines_needed(row, WIDTHS))
        line += 2
    book.close()
