"""Each shortcut taken for speed gives exactly what the general way gives."""

from __future__ import annotations

import enum
import json
import random
from datetime import date, timedelta

import pytest
from platformdirs import user_data_dir

from tracker.alerts.lights import worst_first
from tracker.alerts.rules import RULES, Alert
from tracker.config.run import data_dir_text
from tracker.core.dates import DateInputError, Deadline, parse_day
from tracker.core.days import plain_iso_day
from tracker.core.jsontext import dumps
from tracker.core.textable import display_width, render
from tracker.i18n.glossary import deadline_label
from tracker.store.read.plainsql import DayReader, as_date

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28",
        "1900-01-01",
        "1899-12-31",
        "2199-12-31",
        "2200-01-01",
        "2024-02-29",
        "2023-02-29",
        "2027-02-30",
        "2027-2-03",
        "20261128",
        "２０２６-11-28",
        "2026-W48-1",
        "+001-01-01",
        "today",
    ],
)
def test_a_plain_iso_day_reads_as_the_date_parser_reads_it(text):
    try:
        expected = parse_day(text, TODAY)
    except DateInputError:
        expected = None
    found = plain_iso_day(text)
    assert found is None or found == expected
    if len(text) == 10 and text.isascii() and expected is not None and text[4] == "-":
        assert found == expected


@pytest.mark.parametrize("xdg", [None, "", "relative/dir", "/srv/data"])
@pytest.mark.parametrize("home", ["/home/wang", "relative-home"])
def test_the_data_directory_is_where_platformdirs_puts_it(xdg, home, monkeypatch):
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert data_dir_text() == user_data_dir("tracker", appauthor=False)


@pytest.mark.parametrize("precision", ["day", "month", "quarter", "year"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deadline_labels_by_precision(precision, lang):
    expected = {
        ("day", "zh"): "2027年3月31日",
        ("day", "en"): "31 Mar 2027",
        ("month", "zh"): "2027年3月",
        ("month", "en"): "Mar 2027",
        ("quarter", "zh"): "2027年第1季度",
        ("quarter", "en"): "Q1 2027",
        ("year", "zh"): "2027年",
        ("year", "en"): "2027",
    }[(precision, lang)]
    due = date(2027, 3, 31)
    assert deadline_label(due, precision, lang) == expected
    assert Deadline.of(due, precision).label(lang) == expected


def test_worst_first_is_the_sort_key_order():
    rng = random.Random(20261128)
    alerts = [
        Alert(
            rule=rng.choice(RULES),
            severity=rng.choice(("red", "amber")),
            project=f"P-{rng.randrange(30):02d}",
            project_name="项目",
            item=rng.choice(("开工", "竣工验收", "主体结构封顶", "weekly")),
            evidence=str(n),
            threshold="",
            record="milestone",
            record_id=n,
            due=rng.choice((None, TODAY + timedelta(days=rng.randrange(-40, 40)))),
        )
        for n in range(3000)
    ]
    assert worst_first(alerts) == sorted(alerts, key=Alert.sort_key)


def test_a_day_reader_reads_as_as_date():
    read = DayReader()
    values = ["2026-11-28", None, "2026-11-28 00:00:00", date(2027, 1, 2), "2026-11-28"]
    assert [read(v) for v in values] == [as_date(v) for v in values]


def test_the_table_lines_up_wide_text_as_before():
    rows = [
        ["2027-03-31", "剩 21 天", "YH-SPORTS", "竣工验收", "张伟"],
        ["2027-04-01", "2", "X", "a", ""],
    ]
    lines = render(["到期", "剩余", "项目", "事项", "负责人"], rows, right=(1,)).splitlines()
    assert lines == [
        "到期" + " " * 12 + "剩余" + "  " + "项目" + " " * 7 + "事项" + " " * 6 + "负责人",
        "----------  --------  ---------  --------  ------",
        "2027-03-31  剩 21 天  YH-SPORTS  竣工验收  张伟",
        "2027-04-01         2  X          a",
    ]
    assert display_width(lines[0]) == len(lines[1]) == 49


class Stage(enum.StrEnum):
    DESIGN = "design"


@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        "text",
        0,
        None,
        [[], {}, [[]], [{}]],
        {"k": {"k": {"k": []}}},
        ["逾期 3 天", "due 2027-03-31", 'quote " and \\ and \n and \u2028'],
        [1, -2, 2.5, 1e300, float("nan"), float("inf"), float("-inf"), True, False, None],
        {1: "int", 2.5: "float", None: "null", False: "bool", Stage.DESIGN: Stage.DESIGN},
        {"a": (1, "b", [2, {"c": None}]), "empty": "", "zh": "体育中心"},
        [
            {"code": f"P-{n}", "reasons": ["overdue"] * n, "next": {"days_left": -n}}
            for n in range(4)
        ],
    ],
)
def test_json_text_is_what_json_dumps_writes(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_json_text_refuses_what_json_refuses():
    for value in (date(2027, 3, 31), {"k": {1, 2}}, {(1, 2): "tuple key"}):
        with pytest.raises(TypeError):
            dumps(value)
        with pytest.raises(TypeError):
            json.dumps(value, ensure_ascii=False, indent=2)
