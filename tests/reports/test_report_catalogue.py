"""The Chinese weekly report is wholly Chinese in every format (md, html, csv, json, xlsx), on the
demo portfolio after a week of edits; and every word the report asks the catalogue for has a
Chinese translation."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tracker.i18n.catalogue import catalogue

REPORTS = Path(__file__).parents[2] / "tracker" / "reports"
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,/]+[A-Za-z]+){2,}")
WEEK = ("--week", "2026-W48")


def english_sentences(text: str) -> list[str]:
    """Runs of three or more English words in `text` with at least one real word (codes such as
    YH-SPORTS, units such as CNY, P80 and ISO days are never three words)."""
    runs = ENGLISH_RUN.findall(text)
    return [run for run in runs if any(len(w) > 1 for w in re.findall(r"[a-z]+", run.lower()))]


NOT_THE_REPORTS = {"basis"}
"""The P80 basis is worded by the reality check (tracker/reality), not by the report."""


def _strings(value: Any) -> list[str]:
    """Every string value of a JSON document but the English names (`name_en`, `item_en`):
    its keys are the contract's names, not words, and it carries both languages' names."""
    if isinstance(value, dict):
        return [
            s
            for k, v in value.items()
            if not k.endswith("_en") and k not in NOT_THE_REPORTS
            for s in _strings(v)
        ]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _page_text(page: str) -> str:
    """What an HTML page shows: no style sheet, no tags."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_detector_finds_english_and_lets_codes_be():
    assert english_sentences("Nothing falls due in the next 30 days.") == [
        "Nothing falls due in the next"
    ]
    assert english_sentences("YH-SPORTS P80 总投资 CNY 9.50 bn · 2026-W48") == []


@pytest.mark.parametrize("format_", ["md", "html", "csv", "json"])
def test_the_chinese_report_has_no_english_sentence(edited_week, run_export, format_):
    status, out, err = run_export(edited_week, "zh", *WEEK, "--format", format_)
    assert (status, err) == (0, "")
    text = {
        "html": lambda: _page_text(out),
        "json": lambda: "\n".join(_strings(json.loads(out))),
    }.get(format_, lambda: out)()
    assert "本周变化" in out or format_ in ("csv", "json")
    assert english_sentences(text) == []


def test_the_english_report_is_caught_by_the_same_scan(edited_week, run_export):
    status, out, _ = run_export(edited_week, "en", *WEEK, "--format", "md")
    assert status == 0
    assert "Changes this week" in english_sentences(out)


def test_the_chinese_workbook_has_no_english_sentence(edited_week, run_export, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "weekly.xlsx"
    status, _, err = run_export(edited_week, "zh", *WEEK, "--format", "xlsx", "-o", str(target))
    assert (status, err) == (0, "")
    book = load_workbook(target, read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    assert "偏差天数" in cells and "本周需关注的节点" in " ".join(cells)
    assert english_sentences("\n".join(cells)) == []


def test_every_word_the_report_asks_for_has_a_chinese_translation(catalogue_calls):
    from tracker.reports.formatting import CHANGE_KINDS

    zh = catalogue("zh")
    calls = catalogue_calls(REPORTS)
    calls += [(None, message) for message in CHANGE_KINDS.values()]
    calls += [("what falls due", kind) for kind in ("milestone", "problem")]
    calls += [("amount unit", unit) for unit in ("CNY", "in currency")]
    assert len(calls) > 60
    untranslated = [
        (context, message)
        for context, message in calls
        if (zh.pgettext(context, message) if context else zh.gettext(message)) == message
    ]
    assert untranslated == []
