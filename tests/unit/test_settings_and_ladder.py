"""The settings file (defaults, bad values refused) and the reminder ladder and its calendar."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.config.settings_file import (
    AlertThresholds,
    ReminderSettings,
    load_settings,
    parse_settings,
)
from tracker.core.errors import InputError
from tracker.reminders.due import DueItem, item_uid, on_the_ladder, reminds_today, to_ics

TODAY = date(2027, 3, 10)


def test_no_file_means_the_documented_defaults():
    settings = load_settings(None)
    assert settings.alerts == AlertThresholds()
    assert (settings.alerts.due_soon_days, settings.alerts.stale_red_days) == (14, 21)
    assert settings.reminders == ReminderSettings(ladder=(30, 7, 1), within_days=14)


def test_a_file_overrides_some_thresholds_and_keeps_other_sections(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_text(
        "[alerts]\ndue_soon_days = 21\nslipped_red_days = 60\n"
        "[reminders]\nladder = [1, 14, 60]\n[uplifts]\nrail = 40\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert (settings.alerts.due_soon_days, settings.alerts.slipped_red_days) == (21, 60)
    assert settings.alerts.stale_amber_days == 7
    assert settings.reminders.ladder == (60, 14, 1)
    assert settings.sections["uplifts"] == {"rail": 40}


@pytest.mark.parametrize(
    ("toml", "key", "value"),
    [
        ("[alerts]\ndue_soon_days = -1", "alerts.due_soon_days", "-1"),
        ("[alerts]\ndue_soon_days = 'two weeks'", "alerts.due_soon_days", "'two weeks'"),
        ("[alerts]\ndue_soon_days = 1.5", "alerts.due_soon_days", "1.5"),
        ("[alerts]\nstale_amber_days = true", "alerts.stale_amber_days", "True"),
        ("[alerts]\nbehind_red_points = 101", "alerts.behind_red_points", "101"),
        ("[alerts]\ndue_son_days = 3", "alerts.due_son_days", "3"),
        ("[alerts]\nslipped_amber_days = 100", "alerts.slipped_red_days", "90"),
        ("[reminders]\nladder = 7", "reminders.ladder", "7"),
        ("[reminders]\nladder = [7, 'x']", "reminders.ladder", "'x'"),
        ("[reminders]\nwithin = 3", "reminders.within", "3"),
        ("alerts = 3", "alerts", "3"),
    ],
)
def test_a_bad_value_is_refused_naming_key_value_and_expected(tmp_path, toml, key, value):
    path = tmp_path / "settings.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_settings(path)
    assert refused.value.field == key
    assert str(refused.value).startswith(f"{key}: {value} is not valid: expected ")


def test_broken_toml_is_refused(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[alerts\n", encoding="utf-8")
    with pytest.raises(InputError, match="--settings"):
        load_settings(path)


def test_parse_settings_accepts_a_read_document():
    assert parse_settings({"alerts": {"stale_red_days": 28}}).alerts.stale_red_days == 28


def item(days_left: int, kind: str = "milestone", record_id: int = 1) -> DueItem:
    due = TODAY + timedelta(days=days_left)
    return DueItem(
        kind, "YH-SPORTS", "余杭国际体育中心", "整体完工并投用", due, days_left, None, record_id
    )


@pytest.mark.parametrize(
    ("days_left", "reminds"),
    [
        (31, False),
        (30, True),
        (29, False),
        (8, False),
        (7, True),
        (6, False),
        (2, False),
        (1, True),
        (0, True),
        (-1, True),
        (-40, True),
    ],
)
def test_the_ladder_reminds_at_30_7_and_1_days_and_every_day_overdue(days_left, reminds):
    assert reminds_today(item(days_left), (30, 7, 1)) is reminds


def test_the_weekly_status_update_reminds_only_the_day_before_and_when_late():
    assert [d for d in range(-2, 8) if reminds_today(item(d, "status_update"), (30, 7, 1))] == [
        -2,
        -1,
        0,
        1,
    ]


def test_on_the_ladder_keeps_the_order():
    items = [item(-3), item(2), item(7), item(30, record_id=2)]
    assert on_the_ladder(items, (30, 7, 1)) == [items[0], items[2], items[3]]


def test_ics_parses_with_alarms_at_the_rungs_and_stable_uids():
    from icalendar import Calendar

    items = [item(21), item(-2, "problem", 9)]
    first = to_ics(items, TODAY, (30, 7, 1), "zh")
    assert to_ics(items, TODAY, (30, 7, 1), "zh") == first  # the same data, the same file
    calendar = Calendar.from_ical(first)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        "milestone-1-YH-SPORTS@tracker",
        "problem-9-YH-SPORTS@tracker",
    ]
    assert events[0].decoded("dtstart") == date(2027, 3, 31)
    assert events[0].decoded("dtend") == date(2027, 4, 1)
    assert str(events[0]["summary"]) == "[YH-SPORTS] 整体完工并投用"
    triggers = [a.decoded("trigger") for a in events[0].walk("VALARM")]
    assert triggers == [timedelta(days=-30), timedelta(days=-7), timedelta(days=-1)]
    # A later run keeps the UID, so a calendar updates the entry instead of adding another.
    later = Calendar.from_ical(to_ics([item(20)], TODAY + timedelta(days=1), (30, 7, 1)))
    assert str(later.walk("VEVENT")[0]["uid"]) == item_uid(items[0])


def test_the_readme_shows_the_defaults():
    import tomllib

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Alerts and reminders", 1)[1]
    block = section.split("```toml\n", 1)[1].split("```", 1)[0]
    settings = parse_settings(tomllib.loads(block))
    assert (settings.alerts, settings.reminders) == (AlertThresholds(), ReminderSettings())
