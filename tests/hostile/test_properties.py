"""Property tests: any text given to a parser is a value or the product's refusal, never another
exception, and a value printed back reads as an equal value."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.config.office_time import time_zone
from tracker.core.dates import DateInputError, parse_day, parse_deadline, typed_text
from tracker.core.errors import InputError
from tracker.core.formula import neutral, original
from tracker.core.money import AmountInputError, chinese_integer, parse_amount
from tracker.core.textable import visible
from tracker.importers.cells import CellError, parse_count, parse_date, parse_money

TODAY = date(2026, 11, 28)
# Text a hostile user types: any Unicode, with the characters amounts and dates are made of
# often enough that the parsers' deeper paths are reached.
PIECES = st.sampled_from(
    [
        *"0123456789.,+-eE ",
        "亿",
        "万",
        "元",
        "人民币",
        "十",
        "百",
        "千",
        "零",
        "两",
        "九",
        "年",
        "月",
        "日",
        "Q",
        "W",
        "d",
        "w",
        "m",
        "bn",
        "£",
        "¥",
        "３",
        "०",
        "९",
        "\x1b",
        "\n",
    ]
)
HOSTILE = st.one_of(st.text(max_size=30), st.lists(PIECES, max_size=12).map("".join))


@given(HOSTILE)
def test_an_amount_is_a_value_or_a_refusal(text: str):
    try:
        amount = parse_amount(text)
    except AmountInputError:
        return
    assert isinstance(amount, Decimal)
    assert parse_amount(str(amount)) == amount


@given(HOSTILE)
def test_an_import_amount_cell_is_a_value_or_a_refusal(text: str):
    try:
        cents, currency = parse_money(text, None)
    except CellError:
        return
    assert isinstance(cents, int) and 0 <= cents < 10**17
    assert currency in (None, "CNY", "GBP")
    assert parse_money(str(Decimal(cents).scaleb(-2)), None)[0] == cents


@given(st.integers(min_value=1, max_value=10**12))
def test_chinese_numerals_read_back(number: int):
    assert chinese_integer(_chinese(number)) == number


def _chinese(number: int) -> str:
    """`number` in Chinese numerals, written the plain way (一千零五, 十亿)."""
    digits = "零一二三四五六七八九"

    def below(n: int) -> str:
        out, zero = "", False
        for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = n // size % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = []
    for size, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        part = number // size % (10**4 if size < 10**8 else 10**8)
        if part:
            text = _chinese(part) if part >= 10**4 else below(part)
            parts.append(text + unit)
        elif parts:
            parts.append("零")
    text = "".join(parts).rstrip("零")
    while "零零" in text:
        text = text.replace("零零", "零")
    return text


@given(HOSTILE)
def test_a_deadline_is_a_value_or_a_refusal(text: str):
    try:
        deadline = parse_deadline(text, TODAY)
    except DateInputError:
        return
    again = parse_deadline(typed_text(deadline.due, deadline.precision.value), TODAY)
    assert again == deadline


@given(HOSTILE)
def test_a_day_is_a_value_or_a_refusal(text: str):
    try:
        day = parse_day(text, TODAY)
    except DateInputError:
        return
    assert parse_day(day.isoformat(), TODAY) == day


@given(HOSTILE)
def test_an_import_date_cell_is_a_value_or_a_refusal(text: str):
    try:
        deadline = parse_date(text)
    except CellError:
        return
    assert parse_date(typed_text(deadline.due, deadline.precision.value)) == deadline


@given(HOSTILE)
def test_a_count_cell_is_a_value_or_a_refusal(text: str):
    try:
        count = parse_count(text, 0, 3650)
    except CellError:
        return
    assert parse_count(str(count), 0, 3650) == count


@settings(max_examples=60)
@given(st.text(max_size=40))
def test_a_time_zone_is_a_value_or_a_refusal(text: str):
    with contextlib.suppress(InputError):
        time_zone(text or "UTC")


@given(st.text(max_size=40))
def test_a_neutralised_cell_reads_back_and_never_starts_a_formula(text: str):
    cell = neutral(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(
        r"[+-]?[0-9]+(?:\.[0-9]+)?", cell
    )
    assert original(cell) == text


@given(st.text(max_size=40))
def test_terminal_text_holds_no_control_character(text: str):
    shown = visible(text)
    assert not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in shown)


@settings(max_examples=40, deadline=None)
@given(HOSTILE)
def test_a_project_code_is_a_project_or_a_refusal(template, text: str):
    """`show` and `log` with any code: the project, or the one-line refusal (exit 2)."""
    import io

    from tracker.cli.main import main

    err = io.StringIO()
    for command in ("show", "log"):
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(
                [
                    "--db",
                    str(template),
                    "--today",
                    "2026-11-28",
                    "--lang",
                    "en",
                    command,
                    "--",
                    text,
                ]
            )
        assert status in (0, 2)
        assert "Traceback" not in err.getvalue()
