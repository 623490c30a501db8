"""The supervision letter (督办函) of an issued instrument: Markdown and HTML with the facts, a
Word document that LibreOffice opens and converts to a PDF holding the project and the number,
and the office's own wording from the settings file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

TODAY = "2026-12-04"
NUMBER = "余发改督〔2026〕12号"


@pytest.fixture
def issued(run, two_red_weeks):
    """A letter issued to the sports centre after two red weeks; its id in the ledger."""
    status, _, err = run(
        "escalate", "issue", "YH-SPORTS", "--number", NUMBER, "--to", "区体育局", today=TODAY
    )
    assert status == 0, err
    return "1"


def test_the_letter_in_markdown_names_number_addressee_facts_and_deadline(run, issued):
    status, out, _ = run("export", "letter", issued, lang="zh", today=TODAY)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "# 督办函"
    assert NUMBER in lines and "区体育局：" in lines
    assert "余杭国际体育中心（YH-SPORTS）" in out
    assert any(line.startswith("1. 2026-W48：红灯") for line in lines)
    assert "请于2026年12月14日前" in out


def test_the_html_letter_is_escaped_and_whole(run, issued):
    status, out, _ = run("export", "letter", issued, "--format", "html", lang="zh", today=TODAY)
    assert status == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert f'<p class="number">{NUMBER}</p>' in out


def test_the_docx_letter_converts_to_pdf_in_libreoffice(run, issued, tmp_path: Path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer")
    target = tmp_path / "督办函.docx"
    status, _, err = run(
        "export", "letter", issued, "--format", "docx", "-o", str(target), lang="zh", today=TODAY
    )
    assert status == 0, err
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = target.with_suffix(".pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "余杭国际体育中心" in flat and NUMBER in flat and "督办函" in flat


def test_the_office_words_the_letter_in_the_settings_file(run, issued, tmp_path: Path):
    settings = tmp_path / "settings.toml"
    settings.write_text(
        '[letter]\noffice = "余杭区发展和改革局"\nrequest = "请{leader}督促，于{due}前回复。"\n',
        encoding="utf-8",
    )
    status, out, _ = run(
        "--settings", str(settings), "export", "letter", issued, lang="zh", today=TODAY
    )
    assert status == 0
    assert "请示例领导甲督促，于2026年12月14日前回复。" in out
    assert out.rstrip().splitlines()[-2] == "余杭区发展和改革局"


def test_a_place_the_letter_does_not_know_is_refused(run, issued, tmp_path: Path):
    settings = tmp_path / "settings.toml"
    settings.write_text('[letter]\nrequest = "于{deadline}前回复"\n', encoding="utf-8")
    status, _, err = run("--settings", str(settings), "export", "letter", issued, today=TODAY)
    assert status == 2
    assert err.count("\n") == 1 and "letter.request" in err and "{deadline}" in err


def test_an_unknown_instrument_is_refused(refused):
    assert "99" in refused("export", "letter", "99")
