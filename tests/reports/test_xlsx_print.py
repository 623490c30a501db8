"""The weekly xlsx printed: LibreOffice turns the demo's Chinese workbook into a PDF, and the PDF
is looked at (poppler's `pdftotext -bbox`) the way a reader holding the pages would.

Skips, saying why, when LibreOffice or poppler is not installed (.ci/run installs both).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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

    summary = [t for t in texts if "重大项目推进周报·2026-W48周次" in t]
    assert len(summary) == 1, "the Summary on one page"
    for word in ("by light", "by stage", "time elapsed", "share of total"):
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
