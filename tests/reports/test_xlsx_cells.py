"""The xlsx writer (tracker.reports.xlsx_cells) read back by openpyxl: each kind of cell as what
it is, text never a formula, escapes that survive, frozen panes, widths and colours."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from tracker.dates import Deadline, Precision
from tracker.reports.xlsx_cells import (
    AUTO,
    DAY,
    INTEGER,
    LIGHT,
    MOMENT,
    MONEY,
    SHARE,
    TEXT,
    WRAP,
    Book,
)

TRICKY_TEXTS = [
    "=1+2",
    "+86 571 1234",
    "-总包",
    "@南段征迁受阻",
    "0012",
    "1e5",
    "https://example.org",
    "a & b <c> \"d\" 'e'",
    "_x0041_ stays as typed",
    "tab\tand\nnew line",
    "  leading and trailing  ",
    "重大项目推进周报",
]


def _book(lang: str, fill: object) -> bytes:
    buffer = io.BytesIO()
    book = Book(buffer, lang)
    fill(book)
    book.close()
    return buffer.getvalue()


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_text_is_always_text_and_survives_escaping():
    def fill(book: Book) -> None:
        sheet = book.sheet("Texts", ["text"], (TEXT,))
        for text in TRICKY_TEXTS:
            sheet.row([text])

    sheet = _open(_book("en", fill))["Texts"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == TRICKY_TEXTS
    assert {c.data_type for c in cells} == {"s"}


def test_control_characters_are_written_as_excel_escapes():
    def fill(book: Book) -> None:
        book.sheet("Texts", [], (TEXT,)).row(["bell\x07 and escape\x1b"])

    with zipfile.ZipFile(io.BytesIO(_book("en", fill))) as package:
        strings = package.read("xl/sharedStrings.xml").decode("utf-8")
    assert "<t>bell_x0007_ and escape_x001B_</t>" in strings


@pytest.mark.parametrize(
    ("lang", "money_value", "money_format", "month_format"),
    [
        ("zh", 95.5, "#,##0.00", 'yyyy"年"m"月"'),
        ("en", 955000, "#,##0", "mmm yyyy"),
    ],
)
def test_each_kind_is_a_real_value_with_its_number_format(
    lang, money_value, money_format, month_format
):
    moment = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))  # shown as is

    def fill(book: Book) -> None:
        sheet = book.sheet("Kinds", ["a", "b", "c", "d", "e", "f", "g", "h", "i"], [AUTO] * 9)
        sheet.row(
            [
                "words",
                95_500_000,
                Decimal("0.7775"),
                Deadline(date(2027, 3, 31), Precision.DAY),
                Deadline(date(2027, 3, 31), Precision.MONTH),
                Deadline(date(2027, 9, 30), Precision.QUARTER),
                date(2026, 11, 28),
                moment,
                -3,
            ],
            (TEXT, MONEY, SHARE, DAY, DAY, DAY, DAY, MOMENT, INTEGER),
        )

    sheet = _open(_book(lang, fill))["Kinds"]
    cells = next(sheet.iter_rows(min_row=2))
    values = [c.value for c in cells]
    formats = [c.number_format for c in cells]
    assert values[:3] == ["words", money_value, 0.7775]
    assert formats[1:3] == [money_format, "0.0%"]
    assert [values[3].date(), values[4].date(), values[6].date()] == [
        date(2027, 3, 31),
        date(2027, 3, 31),
        date(2026, 11, 28),
    ]
    # a quarter's format is its label, so openpyxl sees the serial day rather than a date
    assert values[5] == date(2027, 9, 30).toordinal() - date(1899, 12, 30).toordinal()
    quarter = "2027年第3季度" if lang == "zh" else "Q3 2027"
    assert formats[3:7] == ["yyyy-mm-dd", month_format, f'"{quarter}"', "yyyy-mm-dd"]
    assert (values[7], formats[7]) == (moment.replace(tzinfo=None), "yyyy-mm-dd hh:mm")
    assert (values[8], formats[8]) == (-3, "0")
    assert all(c.alignment.vertical == "top" for c in cells)


def test_none_is_an_empty_cell_but_no_light_is_a_light():
    def fill(book: Book) -> None:
        sheet = book.sheet("Lights", ["light", "number", "wrapped"], (LIGHT, INTEGER, WRAP))
        for light in ("red", "amber", "green", None):
            sheet.row([light, None, "long text"])

    sheet = _open(_book("zh", fill))["Lights"]
    rows = list(sheet.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == ["红灯", "黄灯", "绿灯", "未亮灯"]
    assert [r[0].fill.fgColor.rgb if r[0].fill.fill_type else None for r in rows] == [
        "FFFFC7CE",
        "FFFFEB9C",
        "FFC6EFCE",
        None,
    ]
    assert [r[0].font.color.rgb for r in rows[:3]] == ["FF9C0006", "FF9C5700", "FF006100"]
    assert all(r[0].font.b for r in rows[:3])
    assert [r[1].value for r in rows] == [None] * 4
    assert all(r[2].alignment.wrap_text for r in rows)


def test_title_and_header_are_frozen_with_the_first_columns_and_widths_count_chinese_double():
    def fill(book: Book) -> None:
        sheet = book.sheet(
            "Wide", ["code", "name"], (TEXT, TEXT), title="A title", frozen_columns=2
        )
        sheet.row(["BX-1", "重大项目推进"])
        book.sheet("Plain", [], (TEXT,)).row(["x" * 200])

    workbook = _open(_book("zh", fill))
    wide, plain = workbook["Wide"], workbook["Plain"]
    assert wide.freeze_panes == "C3" and plain.freeze_panes is None
    assert wide["A1"].font.b and wide["A1"].font.sz == 14
    assert wide["A2"].font.b and wide["A2"].fill.fgColor.rgb == "FFD9E1F2"
    assert wide["A2"].border.bottom.style == "thin"
    # 6 Chinese characters count as 12, plus 2 of margin; long text is capped at 60
    assert round(wide.column_dimensions["B"].width) == 15
    assert round(wide.column_dimensions["A"].width) == 7
    assert round(plain.column_dimensions["A"].width) == 61
    assert workbook.sheetnames == ["Wide", "Plain"]


def test_a_path_and_a_stream_get_the_same_bytes_every_time(tmp_path: Path):
    def fill(book: Book) -> None:
        sheet = book.sheet("S", ["a", "b"], (TEXT, DAY))
        sheet.row(["x", Deadline(date(2027, 1, 31), Precision.MONTH)])

    target = tmp_path / "book.xlsx"
    book = Book(target, "en")
    fill(book)
    book.close()
    assert target.read_bytes() == _book("en", fill) == _book("en", fill)


def test_the_report_has_its_sheets_frozen_headers_and_lights_as_colours(
    edited_week, run_export, tmp_path
):
    target = tmp_path / "weekly.xlsx"
    status, _, _ = run_export(
        edited_week, "zh", "--week", "2026-W48", "--format", "xlsx", "-o", str(target)
    )
    assert status == 0
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Summary", "Projects", "Milestones", "Investment", "Changes"]
    assert [sheet.freeze_panes for sheet in workbook] == ["A2", "C2", "D3", "C2", "A2"]
    projects = workbook["Projects"]
    header = [c.value for c in projects[1]]
    rows = {row[0].value: row for row in projects.iter_rows(min_row=2)}
    axis = rows["YH-AXIS"][header.index("亮灯")]
    assert (axis.value, axis.fill.fgColor.rgb) == ("红灯", "FFFFC7CE")
    problem = rows["YH-HFLS"][header.index("存在问题")]
    assert (problem.value, problem.data_type) == ("=1+2 室外管网接驳需协调", "s")
    total = rows["YH-SPORTS"][header.index("总投资（万元）")]
    assert (total.value, total.number_format) == (950000, "#,##0.00")
