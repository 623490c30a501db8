"""Money: what officers type, exact cents, and how reports show amounts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.money import (
    AmountInputError,
    format_amount,
    format_yuan_full,
    from_cents,
    parse_amount,
    to_cents,
)

AMOUNT_FORMS = "an amount such as 9500000000, 95亿, 3,200万元, ¥1,234.56, 9.5e9, 9.5 bn or £20,147m"
LARGEST = Decimal("999999999999999.99")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("9500000000", "9500000000"),
        ("95亿", "9500000000"),
        ("95亿元", "9500000000"),
        ("950000万", "9500000000"),
        ("950000万元", "9500000000"),
        ("3,200万元", "32000000"),
        ("1.5万", "15000"),
        ("0.01亿", "1000000"),
        ("9.5e9", "9500000000"),
        ("9.5E+9", "9500000000"),
        ("5e-2", "0.05"),
        ("¥1,234.56", "1234.56"),
        ("1,234.56元", "1234.56"),
        ("1,234,567.8", "1234567.8"),
        ("￥12", "12"),
        ("CNY 9.5 bn", "9500000000"),
        ("cny 9.5bn", "9500000000"),
        ("RMB 12", "12"),
        ("9.5bn", "9500000000"),
        ("9.5BN", "9500000000"),
        ("32 m", "32000000"),
        ("32m", "32000000"),
        ("£20,147m", "20147000000"),
        ("£12.5m", "12500000"),
        ("GBP 1,234.56", "1234.56"),
        ("0", "0"),
        ("0.00", "0"),
        ("999999999999999.99", "999999999999999.99"),
    ],
)
def test_parse_amount_accepts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("９５亿", "9500000000"),
        ("１，２３４．５６元", "1234.56"),
        ("３，２００万元", "32000000"),
        ("  95亿  ", "9500000000"),
        ("\u3000￥１２\u3000", "12"),
    ],
)
def test_parse_amount_tolerates_full_width_and_surrounding_space(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


def test_parse_amount_returns_two_decimal_places() -> None:
    assert str(parse_amount("95亿")) == "9500000000.00"
    assert str(parse_amount("9.5e9")) == "9500000000.00"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is not an amount"),
        ("   ", "is not an amount"),
        ("abc", "is not an amount"),
        ("Inf", "is not an amount"),
        ("inf", "is not an amount"),
        ("Infinity", "is not an amount"),
        ("NaN", "is not an amount"),
        ("1,23,4", "is not an amount"),
        ("12,34", "is not an amount"),
        ("1.2.3", "is not an amount"),
        ("95亿亿", "is not an amount"),
        ("$12", "is not an amount"),
        ("1e1000", "is not an amount"),
        ("-5", "is negative"),
        ("-95亿", "is negative"),
        ("¥-1,234.56", "is negative"),
        ("1.234", "is finer than 0.01"),
        ("1.2345678万", "is finer than 0.01"),
        ("1.23456789123亿", "is finer than 0.01"),
        ("5e-3", "is finer than 0.01"),
        ("1e-999", "is finer than 0.01"),
    ],
)
def test_parse_amount_rejects(text: str, problem: str) -> None:
    with pytest.raises(AmountInputError) as caught:
        parse_amount(text)
    assert str(caught.value) == f"{text!r} {problem}: expected {AMOUNT_FORMS}"
    assert (caught.value.value, caught.value.expected) == (text, AMOUNT_FORMS)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "text", ["1000000000000000", "10000000亿", "1e15", "1e999", "1,000,000 bn"]
)
def test_parse_amount_rejects_amounts_of_10_to_the_15_or_more(text: str) -> None:
    with pytest.raises(AmountInputError) as caught:
        parse_amount(text)
    assert str(caught.value) == f"{text!r} is too large: expected less than 1,000,000,000,000,000"


@pytest.mark.parametrize(
    ("amount", "cents"),
    [
        ("0", 0),
        ("0.01", 1),
        ("1234.56", 123456),
        ("1234.5", 123450),
        ("9500000000", 950000000000),
        ("-12.34", -1234),
        ("1.230000", 123),
        ("999999999999999.99", 99999999999999999),
    ],
)
def test_to_cents_and_back(amount: str, cents: int) -> None:
    assert to_cents(Decimal(amount)) == cents
    assert from_cents(cents) == Decimal(amount)


@pytest.mark.parametrize("amount", ["0.001", "1234.565", "Infinity", "NaN"])
def test_to_cents_refuses_to_round(amount: str) -> None:
    with pytest.raises(ValueError, match=amount):
        to_cents(Decimal(amount))


def test_from_cents_is_exact_beyond_decimal_precision() -> None:
    # 31 digits: more than the default 28-digit Decimal context would keep.
    assert from_cents(1234567890123456789012345678901) == Decimal(
        "12345678901234567890123456789.01"
    )


@pytest.mark.parametrize(
    ("cents", "zh", "en"),
    [
        (None, "—", "—"),
        (950_000_000_000, "95.00亿元", "CNY 9.50 bn"),
        (10_000_000_000, "1.00亿元", "CNY 100.0 m"),
        (100_000_000_000, "10.00亿元", "CNY 1.00 bn"),
        (1_234_567_800_000_000, "123,456.78亿元", "CNY 12,345.68 bn"),
        # Half up, not half even: 95.005亿 → 95.01, 9.505 bn → 9.51.
        (950_050_000_000, "95.01亿元", "CNY 9.50 bn"),
        (950_500_000_000, "95.05亿元", "CNY 9.51 bn"),
        (3_200_000_000, "3,200万元", "CNY 32.0 m"),
        (3_200_500_000, "3,200.5万元", "CNY 32.0 m"),
        (3_200_505_000, "3,200.51万元", "CNY 32.0 m"),
        (3_205_000_000, "3,205万元", "CNY 32.1 m"),
        (100_000_000, "100万元", "CNY 1.0 m"),
        (1_000_000, "1万元", "CNY 10,000.00"),
        (999_999, "9,999.99元", "CNY 9,999.99"),
        (123_456, "1,234.56元", "CNY 1,234.56"),
        (1_200, "12.00元", "CNY 12.00"),
        (0, "0.00元", "CNY 0.00"),
        (-320_000_000, "-320万元", "-CNY 3.2 m"),
    ],
)
def test_format_amount_cny(cents: int | None, zh: str, en: str) -> None:
    assert format_amount(cents) == zh
    assert format_amount(cents, "CNY", "zh") == zh
    assert format_amount(cents, "CNY", "en") == en


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (None, "—"),
        (3_398_900_000_000, "£33,989m"),
        (2_014_700_000_000, "£20,147m"),
        (1_250_000_000, "£12.5m"),
        (1_225_000_000, "£12.3m"),
        (1_204_000_000, "£12m"),
        (100_000_000, "£1m"),
        (99_999_999, "£999,999.99"),
        (123_456, "£1,234.56"),
    ],
)
def test_format_amount_gbp(cents: int | None, text: str) -> None:
    assert format_amount(cents, "GBP", "en") == text
    assert format_amount(cents, "GBP", "zh") == text


@pytest.mark.parametrize(
    ("cents", "text"),
    [(123_456, "USD 1,234.56"), (950_000_000_000, "USD 9,500,000,000.00"), (None, "—")],
)
def test_format_amount_other_currency(cents: int | None, text: str) -> None:
    assert format_amount(cents, "USD", "en") == text


def test_format_amount_rejects_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        format_amount(100, "CNY", "fr")


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (950_000_000_000, "9,500,000,000 yuan"),
        (123_456, "1,234.56 yuan"),
        (123_450, "1,234.50 yuan"),
        (1_200, "12 yuan"),
        (0, "0 yuan"),
    ],
)
def test_format_yuan_full(cents: int, text: str) -> None:
    assert format_yuan_full(cents) == text


amounts = st.decimals(min_value=0, max_value=LARGEST, places=2)


@given(amounts)
def test_cents_round_trip(amount: Decimal) -> None:
    assert from_cents(to_cents(amount)) == amount


@given(amounts)
def test_parse_amount_reads_back_a_plain_or_grouped_amount(amount: Decimal) -> None:
    assert parse_amount(str(amount)) == amount
    assert parse_amount(f"{amount:,}") == amount


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_from_cents_round_trip(cents: int) -> None:
    assert to_cents(from_cents(cents)) == cents
