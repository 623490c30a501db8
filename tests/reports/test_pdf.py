"""`tracker export weekly --format pdf`: the html page printed by WeasyPrint, looked at through
poppler (`pdftotext -bbox`): Chinese as text in a Chinese face, A4, nothing past the margins.

Skips, saying why, when WeasyPrint (or its Pango), a Chinese font or poppler is missing
(.ci/run installs them all); the refusal without a font is tested everywhere.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess

import pytest

from tests.reports.pdf_look import PDFTOTEXT, overlaps, pages, past_margins
from tracker.reports.pdf import chinese_font

MM = 72 / 25.4
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
needs_pdf = pytest.mark.skipif(
    importlib.util.find_spec("weasyprint") is None
    or PDFTOTEXT is None
    or shutil.which("pdffonts") is None
    or chinese_font() is None,
    reason="the PDF needs WeasyPrint, poppler-utils and a Chinese font (fonts-noto-cjk)",
)


@needs_pdf
@sqlite_only
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_demo_weekly_pdf_is_chinese_text_on_a4_within_the_margins(
    edited_week, run_export, tmp_path, lang
):
    target = tmp_path / "weekly.pdf"
    status, out, err = run_export(
        edited_week, lang, "--week", "2026-W48", "--format", "pdf", "-o", str(target)
    )
    assert (status, err) == (0, "")
    assert str(target) in out
    printed = pages(target)
    assert 1 <= len(printed) <= 8
    assert all(p.is_a4() and p.height > p.width for p in printed), "A4 upright"
    text = "".join(p.text for p in printed)
    assert "YH-SPORTS" in text
    if lang == "zh":
        assert "余杭国际体育中心" in text
        fonts = subprocess.run(
            ["pdffonts", str(target)], capture_output=True, text=True, check=True
        ).stdout
        assert "CJK-SC" in fonts and "CJK-JP" not in fonts, "Chinese in a Simplified face"
    for number, page in enumerate(printed, 1):
        # The page's side margins are 10 mm; the page numbers sit in the bottom margin.
        outside = past_margins(page, 9.5 * MM, bottom=5 * MM)
        assert outside == [], f"past the margins on page {number}: {outside[:3]}"
        assert overlaps(page) == [], f"text printed over text on page {number}"


@sqlite_only
def test_without_a_chinese_font_the_pdf_is_refused_naming_what_to_install(
    demo_settings, capsys, tmp_path, monkeypatch
):
    from tracker.cli.main import main

    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # no fontconfig, so no font found
    target = tmp_path / "weekly.pdf"
    argv = ["--db", demo_settings.db_url, "--lang", "zh", "--today", "2026-11-28"]
    status = main([*argv, "export", "weekly", "--format", "pdf", "-o", str(target)])
    err = capsys.readouterr().err
    assert status == 3
    assert len(err.strip().splitlines()) == 1
    assert "fonts-noto-cjk" in err and "fc-list" in err
    assert not target.exists()


@needs_pdf
def test_the_pdf_counts_the_pages_it_lays_out_for_a_large_portfolio_only(tmp_path):
    import io

    from tracker.reports.destination import ProgressBar
    from tracker.reports.pdf import write_pdf

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    rows = "".join(f"<tr><td>BX-{n:06d}</td><td>project {n}</td></tr>" for n in range(400))
    page = f"<html><head><title>T</title></head><body><table>{rows}</table></body></html>"
    large, small = Terminal(), Terminal()
    for stream, projects in ((large, 1000), (small, 14)):
        bar = ProgressBar(stream, minimum=500)
        write_pdf(page, tmp_path / f"{projects}.pdf", bar.phase("pdf", size=projects))
        bar.close()
    printed = len(pages(tmp_path / "1000.pdf"))
    assert printed > 3
    # Each page as it is laid out (how many there will be is known only at the end), then all.
    shown = large.getvalue().split("\r")[1:]
    assert shown[:3] == ["pdf … 1", "pdf … 2", "pdf … 3"]
    assert shown[-1].endswith(f"] {printed}/{printed}\n")
    assert small.getvalue() == ""


@needs_pdf
@sqlite_only
def test_the_pdf_is_titled_as_the_report(edited_week, run_export, tmp_path):
    target = tmp_path / "weekly.pdf"
    status, _, _ = run_export(edited_week, "en", "--format", "pdf", "-o", str(target))
    assert status == 0
    info = subprocess.run(
        ["pdfinfo", str(target)], capture_output=True, text=True, check=True
    ).stdout
    title = next(line for line in info.splitlines() if line.startswith("Title:"))
    assert title.split(":", 1)[1].strip() == "Major projects weekly status report · 2026-W48"
