"""Issue 14, bugs 6 and 12: the audit trail in the office's time zone, named once in the header;
records by their names, fields by their labels, a date and its precision one change."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tracker.cli.main import main
from tracker.core.dates import Deadline
from tracker.core.errors import ConflictError
from tracker.i18n.refusal import refusal_text


@pytest.fixture
def edited(demo_settings, make_service, monkeypatch):
    """The demo after two edits at 09:00:0x UTC (17:00 in Beijing) by officer-li."""
    monkeypatch.delenv("TRACKER_TZ", raising=False)
    service = make_service("officer-li")
    service.set_forecast("YH-SPORTS", "竣工验收", Deadline.of(date(2027, 4, 30), "day"))
    service.mark_done("YH-SPORTS", "钢结构屋盖合龙", date(2026, 11, 28))
    return demo_settings, service


def log(settings, capsys, *args, lang="en"):
    capsys.readouterr()
    argv = ["--db", settings.db_url, "--today", "2026-11-28", "--lang", lang, "--user", "x"]
    assert main([*argv, "log", "YH-SPORTS", "--user", "officer-li", *args]) == 0
    return capsys.readouterr().out.splitlines()


def test_log_shows_moments_in_the_office_time_zone(edited, capsys, monkeypatch):
    settings, _ = edited
    lines = log(settings, capsys)
    assert lines[0].startswith("when (Asia/Shanghai)")
    assert all(line.startswith("2026-11-28 17:00") for line in lines[2:])
    lines = log(settings, capsys, "--tz", "UTC")
    assert lines[0].startswith("when (UTC)")
    assert all(line.startswith("2026-11-28 09:00") for line in lines[2:])
    monkeypatch.setenv("TRACKER_TZ", "Europe/London")
    assert log(settings, capsys)[0].startswith("when (Europe/London)")
    assert log(settings, capsys, lang="zh")[0].startswith("时间（Europe/London）")


def test_log_names_records_and_fields_and_keeps_a_date_with_its_precision(edited, capsys):
    settings, _ = edited
    lines = log(settings, capsys)
    assert len(lines) == 4  # header, rule, two changes: the precisions are folded in
    forecast = next(line for line in lines if "Completion acceptance" in line)
    assert "milestone Completion acceptance" in forecast
    assert "forecast" in forecast and "forecast_precision" not in forecast
    assert "2027-02 → 2027-04-30" in forecast
    done = next(line for line in lines if "Steel roof closure" in line)
    assert "— → 2026-11-28" in done and "done_precision" not in done
    zh = log(settings, capsys, lang="zh")
    assert any("节点 竣工验收" in line and "预计时间" in line for line in zh)
    assert not [line for line in lines + zh if re.search(r"milestone \d|节点 \d|#\d", line)]


def test_a_conflict_names_the_moment_in_the_office_time_zone(edited, monkeypatch):
    _, service = edited
    monkeypatch.delenv("TRACKER_TZ", raising=False)
    with pytest.raises(ConflictError) as refused:
        service.set_forecast(
            "YH-SPORTS", "竣工验收", Deadline.of(date(2027, 5, 31), "month"), expected_version=1
        )
    assert "17:00 (Asia/Shanghai)" in refusal_text(refused.value, "en")


def test_a_conflict_names_the_milestone_in_the_users_language(edited):
    _, service = edited
    with pytest.raises(ConflictError) as refused:
        service.set_forecast(
            "YH-SPORTS", "竣工验收", Deadline.of(date(2027, 5, 31), "month"), expected_version=1
        )
    assert "'Completion acceptance'" in refusal_text(refused.value, "en")
    assert "'竣工验收'" in refusal_text(refused.value, "zh")


def test_a_finish_set_by_hand_reads_as_words(edited, capsys):
    settings, service = edited
    service.update_project("YH-SPORTS", {"forecast_finish": date(2027, 6, 30)})
    [flag] = [line for line in log(settings, capsys, lang="zh") if "人工设定" in line]
    assert flag.rstrip().endswith("预计完工日期为人工设定  否 → 是")
    [flag] = [line for line in log(settings, capsys) if "set by hand" in line]
    assert flag.rstrip().endswith("forecast finish set by hand  no → yes")
