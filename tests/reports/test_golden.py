"""Golden files: the report of 2026-W48 on the edited demo portfolio, byte for byte.

The files in golden/ were generated once and then checked by hand against the demo data and the
week's edits (see the notes in test_weekly_figures.py, which recomputes the figures on their
own). The same bytes must come out of SQLite and PostgreSQL, run after run. To regenerate after
a deliberate change: TRACKER_REGEN_GOLDEN=1 pytest tests/reports/test_golden.py, then read the
diff line by line before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("zh", "md", "weekly-2026-W48.zh.md"),
    ("en", "md", "weekly-2026-W48.en.md"),
    ("zh", "csv", "weekly-2026-W48.zh.csv"),
    ("en", "json", "weekly-2026-W48.json"),
]


@pytest.mark.parametrize(("lang", "format_", "name"), CASES)
def test_report_matches_golden_file(edited_week, run_export, lang, format_, name):
    status, out, err = run_export(edited_week, lang, "--week", "2026-W48", "--format", format_)
    assert (status, err) == (0, "")
    golden = GOLDEN / name
    if os.environ.get("TRACKER_REGEN_GOLDEN") == "1" and "sqlite" in edited_week:
        golden.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == golden.read_bytes()


@pytest.mark.parametrize("format_", ["md", "csv", "json"])
def test_same_database_same_bytes_and_file_equals_stdout(
    edited_week, run_export, tmp_path, format_
):
    args = ("--week", "2026-W48", "--format", format_)
    first = run_export(edited_week, "zh", *args)[1]
    second = run_export(edited_week, "zh", *args)[1]
    assert first == second
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / f"report.{format_}"
    status, out, _ = run_export(edited_week, "zh", *args, "-o", str(target))
    assert status == 0 and str(target) in out
    assert target.read_bytes() == first.encode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == [target.name]
