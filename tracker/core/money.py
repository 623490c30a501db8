"""Exact money: amounts are stored as integer minor units (fen, pence) and never touch float."""

import re
import unicodedata
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Overflow,
)

from tracker.i18n.catalogue import N_

# Cents must fit SQLite's 64-bit INTEGER with room to spare: amounts stay below 10^15.
_LIMIT = Decimal(10) ** 15
# Shifting the decimal point in this context is exact, whatever the size of the number.
_EXACT = Context(
    prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact, InvalidOperation, Overflow]
)
_AMOUNT_FORMS = N_(
    "an amount such as 9500000000, 95亿, 3,200万元, ¥1,234.56, 9.5e9, 9.5 bn or £20,147m"
)
_UNITS = {"亿": 8, "万": 4, "bn": 9, "m": 6}
_AMOUNT = re.compile(
    r"(?:(?:cny|rmb|gbp|¥|£)\s*)?"
    r"(?P<sign>-)?"
    r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d{1,3})?)"
    r"\s*(?P<unit>亿|万|bn|m)?\s*元?",
    re.ASCII,
)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = (("亿", 10**8), ("万", 10**4))
CN_NUMERALS = frozenset(_CN_DIGITS) | frozenset(_CN_SMALL) | {"亿", "万"}
_CURRENCY_WORDS = ("人民币", "rmb", "cny")
_AMOUNT_LIKE = re.compile(r"[0-9.,+\-e\s¥£元人民币" + "".join(sorted(CN_NUMERALS)) + "]+")


def amount_like(text: str) -> bool:
    """Whether `text` is made only of what amounts are written with (digits, 亿, 十, 元…):
    such text is an amount or a malformed one, never a sentence for the notes."""
    normal = unicodedata.normalize("NFKC", text).strip().lower()
    return bool(_AMOUNT_LIKE.fullmatch(normal)) and any(
        ch.isdigit() or ch in CN_NUMERALS for ch in normal
    )


def without_currency_word(text: str) -> str:
    """`text` without a leading or trailing 人民币 / RMB / CNY (`95亿元人民币` -> `95亿元`)."""
    for word in _CURRENCY_WORDS:
        if text.endswith(word):
            text = text[: -len(word)].strip()
        if text.startswith(word):
            text = text[len(word) :].strip()
    return text


def chinese_integer(text: str) -> int | None:
    """A whole number written in Chinese numerals (`十亿`, `三千五百万`, `一亿零五百`), or None
    when `text` is not one (`亿亿`, `五五`, `九十九千`)."""
    if not text or any(ch not in CN_NUMERALS for ch in text):
        return None
    for unit, size in _CN_BIG:
        head, found, tail = text.partition(unit)
        if found:
            high = chinese_integer(head)
            low = _below(tail.lstrip("零〇"), size) if tail else 0
            return None if not high or low is None else high * size + low
    return _below(text, 10**4)


def _below(text: str, limit: int) -> int | None:
    if any(ch not in _CN_DIGITS and ch not in _CN_SMALL for ch in text):
        return chinese_integer(text) if text and (chinese_integer(text) or 0) < limit else None
    total, number, last = 0, None, 10**5
    for ch in text:
        if ch in _CN_DIGITS:
            if number is not None:
                return None
            number = _CN_DIGITS[ch] or None
            continue
        unit = _CN_SMALL[ch]
        if unit >= last:
            return None
        total += (1 if number is None else number) * unit
        number, last = None, unit
    total += number or 0
    return total if text and total < limit and text.strip("零〇") else None


class AmountInputError(ValueError):
    """Text that could not be read as an amount of money; the caller prefixes the field name.

    `expected` and `problem_id` (the same as `problem`) are English message ids.
    """

    def __init__(self, value: str, expected: str, problem: str = N_("is not an amount")) -> None:
        self.value = value
        self.expected = expected
        self.problem = self.problem_id = problem
        self.values: dict[str, object] = {}
        super().__init__(f"{value!r} {problem}: expected {expected}")


def parse_amount(text: str) -> Decimal:
    """Read an amount in the major unit (yuan, pounds): ``95亿``, ``3,200万元``, ``£20,147m``.

    Raises AmountInputError for negative amounts, anything finer than 0.01 once scaled,
    amounts of 10^15 or more, and text that is not an amount.
    """
    # NFKC turns full-width digits, commas and ￥ into their ASCII forms.
    normal = without_currency_word(unicodedata.normalize("NFKC", text).strip().lower())
    whole = chinese_integer(normal.removesuffix("元"))
    if whole is not None:
        normal = str(whole)
    match = _AMOUNT.fullmatch(normal)
    if match is None:
        raise AmountInputError(text, _AMOUNT_FORMS)
    if match["sign"]:
        raise AmountInputError(text, _AMOUNT_FORMS, N_("is negative"))
    number = Decimal(match["number"].replace(",", ""))
    amount = number.scaleb(_UNITS.get(match["unit"], 0), context=_EXACT)
    if amount >= _LIMIT:
        raise AmountInputError(text, N_("less than 1,000,000,000,000,000"), N_("is too large"))
    try:
        return from_cents(to_cents(amount))
    except ValueError:
        raise AmountInputError(text, _AMOUNT_FORMS, N_("is finer than 0.01")) from None


def to_cents(amount: Decimal) -> int:
    """The amount in minor units; raises ValueError unless it is a whole number of cents."""
    if not amount.is_finite():
        raise ValueError(f"{amount} is not a finite amount")
    cents = amount.scaleb(2, context=_EXACT)
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    """The amount in the major unit, with two decimal places."""
    return Decimal(cents).scaleb(-2, context=_EXACT)


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _trim(value: Decimal, places: int) -> str:
    """Up to ``places`` decimals, none when the rounded value is whole: 3,200 / 3,200.5."""
    rounded = _round(value, places)
    if rounded == rounded.to_integral_value():
        return f"{rounded:,.0f}"
    return f"{rounded.normalize():,f}"


def format_amount(cents: int | None, currency: str = "CNY", lang: str = "zh") -> str:
    """An amount the way a report shows it: ``95.00亿元``, ``CNY 32.0 m``, ``£33,989m``.

    None (unknown) is shown as an em dash. Rounds half up.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unsupported language {lang!r}: expected 'zh' or 'en'")
    if cents is None:
        return "—"
    sign = "-" if cents < 0 else ""
    yuan = from_cents(abs(cents))
    if currency == "CNY" and lang == "zh":
        if yuan >= 10**8:
            return f"{sign}{_round(yuan.scaleb(-8), 2):,}亿元"
        if yuan >= 10**4:
            return f"{sign}{_trim(yuan.scaleb(-4), 2)}万元"
        return f"{sign}{yuan:,}元"
    if currency == "CNY":
        if yuan >= 10**9:
            return f"{sign}CNY {_round(yuan.scaleb(-9), 2):,} bn"
        if yuan >= 10**6:
            return f"{sign}CNY {_round(yuan.scaleb(-6), 1):,} m"
        return f"{sign}CNY {yuan:,}"
    if currency == "GBP":
        if yuan >= 10**6:
            return f"{sign}£{_trim(yuan.scaleb(-6), 1)}m"
        return f"{sign}£{yuan:,}"
    return f"{sign}{currency} {yuan:,}"


def format_yuan_full(cents: int) -> str:
    """Every digit of an amount in yuan, as a form echoes it: ``9,500,000,000 yuan``."""
    yuan = from_cents(cents)
    if yuan == yuan.to_integral_value():
        return f"{yuan:,.0f} yuan"
    return f"{yuan:,} yuan"
