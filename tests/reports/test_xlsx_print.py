"""The weekly xlsx printed: LibreOffice turns the demo's Chinese workbook into a PDF, and the PDF
is looked at (poppler's `pdftotext -bbox`) the way a reader holding the pages would.

Skips, saying why, when LibreOffice or poppler is not installed (.ci/run installs both).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.reports.pdf_look import PDFTOTEXT, Page, overlaps, pages
from tracker.i18n.catalogue import tr

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext is not installed"),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


def _printed(workbook: Path, out: Path) -> list[Page]:
    """The workbook printed to PDF by LibreOffice, its pages."""
    subprocess.run(
        [
            SOFFICE or "soffice",
            "--headless",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return pages(out / f"{workbook.stem}.pdf")


def _plain(text: str) -> str:
    return "".join(text.split())


def _headers(workbook: Path) -> dict[str, tuple[str, str]]:
    """Each table sheet's first and last column header (the row below its title, if any)."""
    book = openpyxl.load_workbook(workbook, read_only=True)
    found = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
        header = [v for v in rows[1 if sheet.title == "Milestones" else 0] if v]
        found[sheet.title] = (str(header[0]), str(header[-1]))
    return found


def test_the_demo_weekly_xlsx_prints_one_page_wide_in_few_pages(edited_week, run_export, tmp_path):
    workbook = tmp_path / "周报.xlsx"
    status, _, _ = run_export(
        edited_week, "zh", "--week", "2026-W48", "--format", "xlsx", "-o", str(workbook)
    )
    assert status == 0
    printed = _printed(workbook, tmp_path)

    assert 5 <= len(printed) <= 8
    assert all(p.is_a4() and p.width > p.height for p in printed), "A4 landscape"
    texts = [_plain(p.text) for p in printed]

    summary = [t for t in texts if _plain(tr("zh", "by light")) in t]
    assert len(summary) == 1, "the Summary on one page"
    for word in ("week", "by stage", "time elapsed", "share of total", "completed, added up"):
        assert _plain(tr("zh", word)) in summary[0], f"the whole Summary on its page: {word}"

    headers = _headers(workbook)
    tables = {name: ends for name, ends in headers.items() if name != "Summary"}
    for text in texts:
        if text in summary:
            continue
        # A page split across the width would lack the first column's header (only the header
        # rows repeat), or the last one's.
        whole = [
            name
            for name, (first, last) in tables.items()
            if _plain(first) in text and _plain(last) in text
        ]
        assert whole, f"a page without a sheet's first or last column: {text[:80]}"
    for name, (first, _) in tables.items():
        assert any(_plain(first) in t for t in texts), f"{name} is not printed"

    for number, page in enumerate(printed, 1):
        assert overlaps(page) == [], f"text printed over text on page {number}"
    assert "第1页，共" in texts[0], "numbered pages"
    everything = "".join(texts)
    assert "余杭国际体育中心" in everything
    assert "南段征迁受阻" in everything, "the reasons are printed in full"


def _charts(edited_week: str, run_export: Any, tmp_path: Path) -> tuple[Path, list[str]]:
    """The demo's zh weekly workbook and the xml of each of its native charts."""
    import zipfile

    workbook = tmp_path / "周报.xlsx"
    status, _, _ = run_export(
        edited_week, "zh", "--week", "2026-W48", "--format", "xlsx", "-o", str(workbook)
    )
    assert status == 0
    with zipfile.ZipFile(workbook) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        return workbook, [archive.read(n).decode("utf-8") for n in names]


def test_the_summary_has_a_native_chart_of_the_years_investment(edited_week, run_export, tmp_path):
    import re

    from tracker.store.read.plainsql import PlainConnection

    workbook, charts = _charts(edited_week, run_export, tmp_path)
    lines = [c for c in charts if "<c:lineChart>" in c]
    assert len(lines) == 1, "one line chart, a native one: the portfolio is in one currency"
    assert len(charts) == 2, "and the lights by week"
    chart = lines[0]
    refs = re.findall(r"<c:f>Summary!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)</c:f>", chart)
    sheet = openpyxl.load_workbook(workbook)["Summary"]
    columns = {
        column: [sheet[f"{column}{r}"].value for r in range(int(a), int(b) + 1)]
        for column, a, b in refs
    }
    assert columns["A"][0] == "1月" and columns["A"][-1] == "12月"
    with PlainConnection(edited_week) as conn:
        done = conn.scalar("SELECT SUM(amount_cents) FROM investment_report WHERE year = 2026")
        plan = conn.scalar("SELECT SUM(planned_cents) FROM investment_plan WHERE year = 2026")
    completed = [v for v in columns["B"] if v is not None]
    assert len(completed) == 10, "January to October, the months reported"
    assert completed == sorted(completed) and completed[-1] == pytest.approx(done / 1_000_000)
    assert columns["C"][-1] == pytest.approx(plan / 1_000_000), "the whole plan by December"
    for words in ("累计完成投资", "年度计划按序时进度", "2026年月份", "万元"):
        assert words in chart or words in str(
            [c.value for row in sheet.iter_rows() for c in row]
        ), words


def test_the_summary_charts_the_lights_by_week_as_stacked_columns(
    edited_week, run_export, tmp_path
):
    import re

    workbook, charts = _charts(edited_week, run_export, tmp_path)
    chart = next(c for c in charts if "<c:barChart>" in c)
    assert '<c:grouping val="stacked"/>' in chart, "stacked columns, native"
    for words in ("近12周每周末登记的亮灯（状态更新、人工亮灯）", "项目数", "周次（至 2026-W48）"):
        assert words in chart, words
    refs = re.findall(r"<c:f>Summary!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)</c:f>", chart)
    sheet = openpyxl.load_workbook(workbook)["Summary"]
    weeks = [sheet[f"A{r}"].value for r in range(int(refs[0][1]), int(refs[0][2]) + 1)]
    assert weeks == [f"2026-W{n}" for n in range(37, 49)]
    projects = sheet["B4"].value
    assert projects == 14
    for r in range(int(refs[0][1]), int(refs[0][2]) + 1):
        assert sum(sheet.cell(r, c).value for c in range(2, 6)) == projects
    assert [sheet.cell(int(refs[0][1]) - 1, c).value for c in range(2, 6)] == [
        "红灯",
        "黄灯",
        "绿灯",
        "未亮灯",
    ]
