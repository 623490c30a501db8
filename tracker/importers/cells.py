"""Reading one spreadsheet cell: a value, an unknown (text kept for the notes), or an error.

A cell that holds no value — blank, `NA`, `N/A`, `-`, `Not Applicable`, `Not Available`, `Inf`,
`待定`, or a sentence such as a Freedom of Information exemption notice — is unknown: it never
becomes 0, and its text is kept in the project's notes. Text that tries to be a value and fails
(a date such as 2027-02-30, an amount such as 12..5) is an error the report names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from tracker.core.dates import DateInputError, Deadline, Precision, parse_deadline
from tracker.core.money import to_cents
from tracker.i18n.catalogue import N_, tr
from tracker.i18n.refusal import worded

NO_VALUE = frozenset(
    {
        "na",
        "n/a",
        "n.a.",
        "-",
        "--",
        "—",
        "–",
        "/",
        "none",
        "null",
        "nil",
        "not applicable",
        "not available",
        "not known",
        "unknown",
        "inf",
        "-inf",
        "infinity",
        "nan",
        "#n/a",
        "#div/0!",
        "#value!",
        "tbc",
        "tbd",
        "待定",
        "暂无",
        "未知",
        "无",
        "不详",
        "不适用",
    }
)
# Money units a mapping may name: the currency and the power of ten of one unit.
UNITS: dict[str, tuple[str, int]] = {
    "yuan": ("CNY", 0),
    "元": ("CNY", 0),
    "万元": ("CNY", 4),
    "万": ("CNY", 4),
    "亿元": ("CNY", 8),
    "亿": ("CNY", 8),
    "£": ("GBP", 0),
    "gbp": ("GBP", 0),
    "£m": ("GBP", 6),
    "£bn": ("GBP", 9),
}
# What a file's date cell may hold: the forms of a deadline less those relative to today.
_FILE_FORMS = N_("YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月")
_FILE_FORMS_OR = N_("{formats}; or YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月")
_WORD = re.compile(r"[A-Za-z]{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DATE_HAN = set("年月日季度第底末初")
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_TRAILING_ZERO_TIME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})[ T]00:00(?::00)?(?:\.0+)?")


@dataclass(frozen=True)
class Reason:
    """Why a cell is bad: English message ids for the problem and what would do (may be
    empty), with the values of their `{named}` places; shown in the user's language."""

    problem: str
    expected: str = ""
    values: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """`is not an amount: expected a number such as 3,200 …`, in `lang`."""
        problem = worded(lang, self.problem, self.values)
        if not self.expected:
            return problem
        expected = worded(lang, self.expected, self.values)
        return tr(lang, "{problem}: expected {expected}", problem=problem, expected=expected)


class CellError(ValueError):
    """A cell that tries to be a value and is not one; its reason says what would do."""

    def __init__(self, problem: str, expected: str, /, **values: object) -> None:
        self.reason = Reason(problem, expected, values)
        super().__init__(self.reason.text("en"))


def clean(text: str) -> str:
    """A cell's text with its line breaks kept as `\\n` and the edges trimmed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def is_no_value(text: str) -> bool:
    """True for the markers that mean "no value here" (NA, -, Not Applicable, Inf, 待定…)."""
    return unicodedata.normalize("NFKC", text).strip().casefold() in NO_VALUE


def is_sentence(text: str) -> bool:
    """True for prose in a value column: three or more words, or Chinese words besides a date's."""
    if len(_WORD.findall(text)) >= 3:
        return True
    return sum(1 for ch in _HAN.findall(text) if ch not in _DATE_HAN) >= 2


def not_a_value(text: str) -> bool:
    """True when the (non-blank) cell holds no value but text worth keeping in the notes."""
    return is_no_value(text) or is_sentence(text)


def parse_money(text: str, unit: str | None) -> tuple[int, str | None]:
    """Minor units and currency of an amount in `unit` (`£33,989` in £m, `3,200` in 万元).

    Without a unit the text itself may carry one (`95亿`, `£20,147m`); the currency is then CNY
    unless the text says £.
    """
    normal = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    currency, power = UNITS.get(unit.casefold(), (None, 0)) if unit else (None, 0)
    body = normal
    if body.startswith(("£", "¥", "￥")):
        currency = currency or ("GBP" if body[0] == "£" else "CNY")
        body = body[1:]
    for suffix, (suffix_currency, suffix_power) in (
        ("亿元", ("CNY", 8)),
        ("万元", ("CNY", 4)),
        ("亿", ("CNY", 8)),
        ("万", ("CNY", 4)),
        ("元", ("CNY", 0)),
        ("bn", (None, 9)),
        ("m", (None, 6)),
    ):
        if unit is None and body.casefold().endswith(suffix):
            body = body[: -len(suffix)]
            power = suffix_power
            currency = currency or suffix_currency
            break
    if not _NUMBER.fullmatch(body):
        raise CellError(N_("is not an amount"), N_("a number such as 3,200 or 12.5, or blank"))
    amount = Decimal(body.replace(",", "")).scaleb(power)
    if amount < 0:
        raise CellError(N_("is negative"), N_("an amount of zero or more"))
    if amount >= Decimal(10) ** 15:
        raise CellError(N_("is too large"), N_("an amount below 10^15"))
    try:
        return to_cents(amount), currency
    except (ValueError, InvalidOperation):
        raise CellError(N_("is finer than 0.01"), N_("an amount in whole cents")) from None


def _strptime_precision(form: str) -> Precision:
    if "%d" in form or "%j" in form:
        return Precision.DAY
    if any(code in form for code in ("%m", "%b", "%B")):
        return Precision.MONTH
    return Precision.YEAR


@lru_cache(maxsize=65_536)
def parse_date(text: str, formats: tuple[str, ...] = ()) -> Deadline:
    """A deadline from a cell: one of `formats` (strptime) first, else the forms officers type.

    `2025-02-28 00:00:00` (a spreadsheet's date with time) is a day. Relative forms (`+2w`,
    `today`) are refused: a file's dates must not depend on the day it is imported.
    """
    normal = _TRAILING_ZERO_TIME.sub(r"\1", unicodedata.normalize("NFKC", text).strip())
    for form in formats:
        try:
            parsed = datetime.strptime(normal, form)  # noqa: DTZ007 - a calendar day, no zone
        except ValueError:
            continue
        return _deadline_at(parsed.date(), _strptime_precision(form))
    if normal[:1] in "+-" or normal.casefold() in ("today", "今天"):
        raise CellError(
            N_("is relative to today"), N_("a calendar date such as 2027-03-31 or 2027-03")
        )
    try:
        return parse_deadline(normal, date(2000, 1, 1))
    except DateInputError as error:
        expected = _FILE_FORMS_OR if formats else _FILE_FORMS
        values = {**error.values, "formats": ", ".join(formats)}
        raise CellError(error.problem_id, expected, **values) from None


def _deadline_at(day: date, precision: Precision) -> Deadline:
    if precision is Precision.DAY:
        return Deadline(day, precision)
    text = f"{day.year}-{day.month:02d}" if precision is Precision.MONTH else str(day.year)
    return parse_deadline(text, day)


def parse_count(text: str, low: int, high: int) -> int:
    """A whole number from `low` to `high` (a lead time in days)."""
    normal = unicodedata.normalize("NFKC", text).strip()
    if normal.endswith(("天", "d")):
        normal = normal[:-1].strip()
    if not normal.isdigit() or not low <= int(normal) <= high:
        raise CellError(
            N_("is not a whole number in range"),
            N_("a whole number from {low} to {high}"),
            low=low,
            high=high,
        )
    return int(normal)


def parse_flag(text: str) -> bool:
    """true/false, yes/no, 是/否, 1/0."""
    normal = text.strip().casefold()
    if normal in ("true", "yes", "y", "1", "是", "√"):
        return True
    if normal in ("false", "no", "n", "0", "否", ""):
        return False
    raise CellError(N_("is not yes or no"), N_("true/false, yes/no or 是/否"))
