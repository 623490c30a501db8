"""Deadlines: what officers type, what the screens show, and ISO weeks."""

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.dates import (
    DateInputError,
    Deadline,
    Precision,
    iso_week_of,
    parse_day,
    parse_deadline,
    parse_iso_week,
    typed_text,
)

TODAY = date(2026, 11, 26)
DAY, MONTH, QUARTER, YEAR = Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR
DEADLINE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月, +2w/-10d/+3m or today"


@pytest.mark.parametrize(
    ("text", "due", "precision"),
    [
        ("2027-03-31", date(2027, 3, 31), DAY),
        ("2027/3/31", date(2027, 3, 31), DAY),
        ("2027.3.31", date(2027, 3, 31), DAY),
        ("2027-3-5", date(2027, 3, 5), DAY),
        ("20270331", date(2027, 3, 31), DAY),
        ("2027年3月31日", date(2027, 3, 31), DAY),
        ("2027-03", date(2027, 3, 31), MONTH),
        ("2027/3", date(2027, 3, 31), MONTH),
        ("2027-04", date(2027, 4, 30), MONTH),
        ("2027年3月", date(2027, 3, 31), MONTH),
        ("2027年3月底", date(2027, 3, 31), MONTH),
        ("2027年3月末", date(2027, 3, 31), MONTH),
        ("2027.3", date(2027, 3, 31), MONTH),
        ("2027年11月", date(2027, 11, 30), MONTH),
        ("2027-Q1", date(2027, 3, 31), QUARTER),
        ("2027Q1", date(2027, 3, 31), QUARTER),
        ("2027q2", date(2027, 6, 30), QUARTER),
        ("2027-Q3", date(2027, 9, 30), QUARTER),
        ("2027-Q4", date(2027, 12, 31), QUARTER),
        ("2027年第一季度", date(2027, 3, 31), QUARTER),
        ("2027年一季度", date(2027, 3, 31), QUARTER),
        ("2027年第二季度", date(2027, 6, 30), QUARTER),
        ("2027年三季度", date(2027, 9, 30), QUARTER),
        ("2027年第四季度", date(2027, 12, 31), QUARTER),
        ("2027年第1季度", date(2027, 3, 31), QUARTER),
        ("2027", date(2027, 12, 31), YEAR),
        ("2026年", date(2026, 12, 31), YEAR),
        ("2026年底", date(2026, 12, 31), YEAR),
        ("2026年末", date(2026, 12, 31), YEAR),
        ("1900", date(1900, 12, 31), YEAR),
        ("2199-12-31", date(2199, 12, 31), DAY),
    ],
)
def test_parse_deadline_absolute_forms(text: str, due: date, precision: Precision) -> None:
    assert parse_deadline(text, TODAY) == Deadline(due, precision)


@pytest.mark.parametrize(
    ("text", "today", "due"),
    [
        ("today", TODAY, date(2026, 11, 26)),
        ("TODAY", TODAY, date(2026, 11, 26)),
        ("今天", TODAY, date(2026, 11, 26)),
        ("+2w", TODAY, date(2026, 12, 10)),
        ("-10d", TODAY, date(2026, 11, 16)),
        ("+10d", TODAY, date(2026, 12, 6)),
        ("+0d", TODAY, date(2026, 11, 26)),
        ("+3m", TODAY, date(2027, 2, 26)),
        ("+1y", TODAY, date(2027, 11, 26)),
        ("-1y", TODAY, date(2025, 11, 26)),
        # A month later than 31 January is the last day of February, not 3 March.
        ("+1m", date(2027, 1, 31), date(2027, 2, 28)),
        ("+3m", date(2027, 11, 30), date(2028, 2, 29)),
        ("+1y", date(2028, 2, 29), date(2029, 2, 28)),
    ],
)
def test_parse_deadline_relative_forms_are_days(text: str, today: date, due: date) -> None:
    assert parse_deadline(text, today) == Deadline(due, DAY)


@pytest.mark.parametrize(
    ("text", "due", "precision"),
    [
        ("２０２７－０３－３１", date(2027, 3, 31), DAY),
        ("２０２７年３月", date(2027, 3, 31), MONTH),
        ("＋２ｗ", date(2026, 12, 10), DAY),
        ("  2027-03  ", date(2027, 3, 31), MONTH),
        ("\t2027年\n", date(2027, 12, 31), YEAR),
        ("\u30002027-Q1\u3000", date(2027, 3, 31), QUARTER),
    ],
)
def test_parse_deadline_tolerates_full_width_and_surrounding_space(
    text: str, due: date, precision: Precision
) -> None:
    assert parse_deadline(text, TODAY) == Deadline(due, precision)


@pytest.mark.parametrize(
    ("text", "due", "precision"),
    [
        ("2028-02-29", date(2028, 2, 29), DAY),
        ("2028年2月", date(2028, 2, 29), MONTH),
        ("2027年2月", date(2027, 2, 28), MONTH),
        ("2000-02", date(2000, 2, 29), MONTH),
        ("2100-02", date(2100, 2, 28), MONTH),
    ],
)
def test_month_ends_follow_leap_years(text: str, due: date, precision: Precision) -> None:
    assert parse_deadline(text, TODAY) == Deadline(due, precision)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "2027-02-30",
        "2027-02-29",
        "2100-02-29",
        "2027-13",
        "2027-00",
        "2027-04-31",
        "2027-03/31",
        "2027-Q5",
        "2027年第五季度",
        "2027年13月",
        "20271331",
        "202703",
        "27-03-31",
        "2w",
        "+2x",
        "tomorrow",
        "+99999999999999999999d",
    ],
)
def test_parse_deadline_rejects(text: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_deadline(text, TODAY)
    assert caught.value.value == text
    assert caught.value.expected == DEADLINE_FORMS


@pytest.mark.parametrize("text", ["1899", "1899-12-31", "2200", "2200年1月", "+200y", "-200y"])
def test_parse_deadline_rejects_years_outside_1900_to_2199(text: str) -> None:
    with pytest.raises(DateInputError, match="outside 1900–2199"):
        parse_deadline(text, TODAY)


def test_date_input_error_is_one_line_naming_value_and_forms() -> None:
    with pytest.raises(DateInputError) as caught:
        parse_deadline("2027-02-30", TODAY)
    assert str(caught.value) == (
        "'2027-02-30' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月, "
        "+2w/-10d/+3m or today"
    )
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("2027-03-31", TODAY, date(2027, 3, 31)),
        ("2027年3月31日", TODAY, date(2027, 3, 31)),
        ("20280229", TODAY, date(2028, 2, 29)),
        ("today", TODAY, date(2026, 11, 26)),
        ("-10d", TODAY, date(2026, 11, 16)),
        ("+3m", TODAY, date(2027, 2, 26)),
    ],
)
def test_parse_day(text: str, today: date, day: date) -> None:
    assert parse_day(text, today) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-03", "'2027-03' is a month, not a day"),
        ("2027年3月", "'2027年3月' is a month, not a day"),
        ("2027-Q1", "'2027-Q1' is a quarter, not a day"),
        ("2027", "'2027' is a year, not a day"),
        ("2027-02-29", "'2027-02-29' is not a date"),
        ("soon", "'soon' is not a date"),
        ("1899-01-01", "'1899-01-01' is outside 1900–2199"),
    ],
)
def test_parse_day_rejects_anything_but_a_day(text: str, message: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_day(text, TODAY)
    assert str(caught.value) == (
        f"{message}: expected YYYY-MM-DD, 2027年3月31日, +2w/-10d/+3m or today"
    )
    assert caught.value.value == text


@pytest.mark.parametrize(
    ("deadline", "zh", "en"),
    [
        (Deadline(date(2027, 3, 31), DAY), "2027年3月31日", "31 Mar 2027"),
        (Deadline(date(2027, 4, 5), DAY), "2027年4月5日", "5 Apr 2027"),
        (Deadline(date(2027, 3, 31), MONTH), "2027年3月", "Mar 2027"),
        (Deadline(date(2027, 12, 31), MONTH), "2027年12月", "Dec 2027"),
        (Deadline(date(2027, 3, 31), QUARTER), "2027年第1季度", "Q1 2027"),
        (Deadline(date(2027, 6, 30), QUARTER), "2027年第2季度", "Q2 2027"),
        (Deadline(date(2027, 9, 30), QUARTER), "2027年第3季度", "Q3 2027"),
        (Deadline(date(2027, 12, 31), QUARTER), "2027年第4季度", "Q4 2027"),
        (Deadline(date(2027, 12, 31), YEAR), "2027年", "2027"),
    ],
)
def test_label(deadline: Deadline, zh: str, en: str) -> None:
    assert deadline.label("zh") == zh
    assert deadline.label("en") == en
    # What the Chinese screens show can be typed back in.
    assert parse_deadline(zh, TODAY) == deadline


def test_label_rejects_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        Deadline(date(2027, 3, 31), DAY).label("fr")


def test_deadline_of_takes_the_precision_by_value() -> None:
    assert Deadline.of(date(2027, 3, 31), "month") == Deadline(date(2027, 3, 31), MONTH)
    assert Deadline.of(date(2027, 3, 31), QUARTER) == Deadline(date(2027, 3, 31), QUARTER)
    with pytest.raises(ValueError, match="fortnight"):
        Deadline.of(date(2027, 3, 31), "fortnight")


def test_deadline_is_frozen_and_precision_is_its_stored_string() -> None:
    deadline = Deadline(date(2027, 3, 31), MONTH)
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.due = date(2027, 4, 30)  # type: ignore[misc]
    assert deadline.precision == "month"
    assert [p.value for p in Precision] == ["day", "month", "quarter", "year"]


@pytest.mark.parametrize(
    ("text", "monday", "sunday"),
    [
        ("2026-W48", date(2026, 11, 23), date(2026, 11, 29)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),
        # 2026 begins on a Thursday, so it has 53 ISO weeks.
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
        ("2027-W01", date(2027, 1, 4), date(2027, 1, 10)),
        ("2026w48", date(2026, 11, 23), date(2026, 11, 29)),
        (" 2026-W48 ", date(2026, 11, 23), date(2026, 11, 29)),
    ],
)
def test_parse_iso_week(text: str, monday: date, sunday: date) -> None:
    assert parse_iso_week(text) == (monday, sunday)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-W99", "is not a week of 2026"),
        ("2026-W00", "is not a week of 2026"),
        # 2027 begins on a Friday and 2025 on a non-leap Wednesday: 52 weeks each.
        ("2027-W53", "is not a week of 2027"),
        ("2025-W53", "is not a week of 2025"),
        ("2026-48", "is not an ISO week"),
        ("2026-W4", "is not an ISO week"),
        ("W48", "is not an ISO week"),
        ("", "is not an ISO week"),
        ("1899-W10", "is outside 1900–2199"),
    ],
)
def test_parse_iso_week_rejects(text: str, problem: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_iso_week(text)
    assert str(caught.value) == f"{text!r} {problem}: expected an ISO week such as 2026-W48"


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 11, 26), "2026-W48"),
        (date(2025, 12, 29), "2026-W01"),
        (date(2025, 12, 28), "2025-W52"),
        (date(2027, 1, 3), "2026-W53"),
        (date(2021, 1, 3), "2020-W53"),
        (date(2024, 12, 30), "2025-W01"),
        (date(2027, 1, 4), "2027-W01"),
    ],
)
def test_iso_week_of(day: date, week: str) -> None:
    assert iso_week_of(day) == week


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2199, 12, 24)))
def test_iso_week_of_names_a_week_that_holds_the_day(day: date) -> None:
    monday, sunday = parse_iso_week(iso_week_of(day))
    assert monday <= day <= sunday
    assert monday.weekday() == 0
    assert sunday - monday == timedelta(days=6)


@pytest.mark.parametrize(
    ("due", "precision", "text"),
    [
        (date(2027, 3, 31), "day", "2027-03-31"),
        (date(2027, 3, 31), "month", "2027-03"),
        (date(2027, 3, 31), "quarter", "2027-Q1"),
        (date(2027, 12, 31), "year", "2027"),
        (None, None, ""),
    ],
)
def test_typed_text_reads_back_as_the_same_deadline(due, precision, text):
    assert typed_text(due, precision) == text
    if due is not None:
        assert parse_deadline(text, date(2026, 11, 28)) == Deadline.of(due, precision)
