"""Deadlines that know how precise they are, and the parsing of what officers type.

A plan often says only "March 2027" or "Q1 2027"; such a deadline falls due on the last day
of its month, quarter or year, and keeps its precision so it is shown the way it was given.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.core.days import EARLIEST_YEAR, LATEST_YEAR
from tracker.i18n.catalogue import N_, Word
from tracker.i18n.glossary import deadline_label

_DEADLINE_FORMS = N_("YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月, +2w/-10d/+3m or today")
_DAY_FORMS = N_("YYYY-MM-DD, 2027年3月31日, +2w/-10d/+3m or today")
_WEEK_FORMS = N_("an ISO week such as 2026-W48")
_OUTSIDE = N_("is outside {earliest}–{latest}")
_IN_RANGE = N_("a date in the years 1900–2199")
"""What a date out of range is refused with: the range itself (EARLIEST_YEAR–LATEST_YEAR)."""
_PRECISION_WORDS = (N_("month"), N_("quarter"), N_("year"))
"""How a deadline coarser than a day is given, in the words of "is a month, not a day"."""
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}


class Precision(StrEnum):
    """How precisely a deadline was given."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class DateInputError(ValueError):
    """Text that could not be read as a date; the caller prefixes the field name.

    `expected` and `problem_id` are English message ids, with `{named}` places filled from
    `values`; `problem` is the English text.
    """

    def __init__(
        self, value: str, expected: str, problem: str = N_("is not a date"), **values: object
    ) -> None:
        self.value = value
        self.expected = expected
        self.problem_id = problem
        self.values = values
        self.problem = problem.format(**values) if values else problem
        super().__init__(f"{value!r} {self.problem}: expected {expected}")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date something falls due, and whether it was given as a day, month, quarter or year."""

    due: date
    precision: Precision

    @classmethod
    def of(cls, due: date, precision: str | Precision) -> "Deadline":
        """Build a deadline, accepting the precision by its value (``"month"``)."""
        return cls(due, Precision(precision))

    def label(self, lang: str) -> str:
        """The deadline as officers write it: ``2027年3月`` (zh) or ``Mar 2027`` (en)."""
        return deadline_label(self.due, self.precision, lang)


def _form(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


_ABSOLUTE_FORMS = (
    (_form(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"), Precision.DAY),
    (_form(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"), Precision.DAY),
    (_form(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"), Precision.DAY),
    (_form(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})"), Precision.MONTH),
    (_form(r"(?P<y>\d{4})年(?P<m>\d{1,2})月[底末]?"), Precision.MONTH),
    (_form(r"(?P<y>\d{4})-?q(?P<q>[1-4])"), Precision.QUARTER),
    (_form(r"(?P<y>\d{4})年第?(?P<q>[1-4一二三四])季度"), Precision.QUARTER),
    (_form(r"(?P<y>\d{4})(?:年[底末]?)?"), Precision.YEAR),
)
_RELATIVE = _form(r"(?P<sign>[+-])(?P<n>\d+)(?P<unit>[dwmy])")
_TODAY = ("today", "今天")
_ISO_WEEK = _form(r"(?P<y>\d{4})-?w(?P<w>\d{2})")


def _normalise(text: str) -> str:
    # NFKC turns full-width digits and punctuation (２０２７－０３) into ASCII.
    return unicodedata.normalize("NFKC", text).strip().lower()


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _absolute(match: re.Match[str], precision: Precision) -> date:
    year = int(match["y"])
    match precision:
        case Precision.DAY:
            return date(year, int(match["m"]), int(match["d"]))
        case Precision.MONTH:
            return _month_end(year, int(match["m"]))
        case Precision.QUARTER:
            return _month_end(year, 3 * _QUARTERS[match["q"]])
        case Precision.YEAR:
            return date(year, 12, 31)


def _relative(match: re.Match[str], today: date) -> date:
    from dateutil.relativedelta import relativedelta

    n = int(match["n"]) * (-1 if match["sign"] == "-" else 1)
    match match["unit"]:
        case "d":
            step = relativedelta(days=n)
        case "w":
            step = relativedelta(weeks=n)
        case "m":
            step = relativedelta(months=n)
        case _:
            step = relativedelta(years=n)
    return today + step


def _read(text: str, today: date) -> Deadline:
    """Read a deadline, raising ValueError or OverflowError for impossible dates."""
    normal = _normalise(text)
    if normal in _TODAY:
        return Deadline(today, Precision.DAY)
    if match := _RELATIVE.fullmatch(normal):
        return Deadline(_relative(match, today), Precision.DAY)
    for pattern, precision in _ABSOLUTE_FORMS:
        if match := pattern.fullmatch(normal):
            return Deadline(_absolute(match, precision), precision)
    raise ValueError(text)


def parse_deadline(text: str, today: date) -> Deadline:
    """Read a deadline typed as a day, month, quarter, year or offset from today.

    A month, quarter or year falls due on its last day. Raises DateInputError for anything
    else, for impossible dates such as 2027-02-30, and for years outside 1900–2199.
    """
    try:
        deadline = _read(text, today)
    except (ValueError, OverflowError):
        raise DateInputError(text, _DEADLINE_FORMS) from None
    if not EARLIEST_YEAR <= deadline.due.year <= LATEST_YEAR:
        raise DateInputError(text, _IN_RANGE, _OUTSIDE, earliest=EARLIEST_YEAR, latest=LATEST_YEAR)
    return deadline


def parse_day(text: str, today: date) -> date:
    """Read a date that must be a single day, such as the day a milestone was done."""
    try:
        deadline = parse_deadline(text, today)
    except DateInputError as error:
        raise DateInputError(text, _DAY_FORMS, error.problem_id, **error.values) from None
    if deadline.precision is not Precision.DAY:
        raise DateInputError(
            text, _DAY_FORMS, N_("is a {precision}, not a day"), precision=Word(deadline.precision)
        )
    return deadline.due


def parse_iso_week(text: str) -> tuple[date, date]:
    """The Monday and Sunday of an ISO week written ``2026-W48``."""
    match = _ISO_WEEK.fullmatch(_normalise(text))
    if match is None:
        raise DateInputError(text, _WEEK_FORMS, N_("is not an ISO week"))
    year, week = int(match["y"]), int(match["w"])
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateInputError(
            text, _WEEK_FORMS, _OUTSIDE, earliest=EARLIEST_YEAR, latest=LATEST_YEAR
        )
    try:
        return date.fromisocalendar(year, week, 1), date.fromisocalendar(year, week, 7)
    except ValueError:
        raise DateInputError(text, _WEEK_FORMS, N_("is not a week of {year}"), year=year) from None


def typed_text(due: date | None, precision: str | None) -> str:
    """A deadline as it can be typed back in: ``2027-03-31``, ``2027-03``, ``2027-Q1``, ``2027``."""
    if due is None:
        return ""
    match Precision(precision or "day"):
        case Precision.DAY:
            return due.isoformat()
        case Precision.MONTH:
            return f"{due.year}-{due.month:02d}"
        case Precision.QUARTER:
            return f"{due.year}-Q{(due.month - 1) // 3 + 1}"
        case Precision.YEAR:
            return str(due.year)


def iso_week_of(day: date) -> str:
    """The ISO week a day falls in, written ``2026-W48``; near New Year the year may differ."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
