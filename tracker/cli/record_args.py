"""What the record-keeping commands share: reading amounts, months and years from the command
line, finding a project by a code typed in any case, and help that ends with real examples and
the date and money forms accepted (in the chosen language)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.cli.main import HelpFormatter
from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_, tr

if TYPE_CHECKING:
    from tracker.cli.shared import PlainConnection

DATE_FORMS = N_("YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月, +2w/-10d/+3m or today")
MONEY_FORMS = "9500000000, 95亿, 3,200万元, ¥1,234.56, 9.5 bn, £20,147m"


class ExampleFormatter(HelpFormatter):
    """Help whose epilog keeps its lines (one example a line)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in text.splitlines())


def examples(lang: str, *lines: str, dates: bool = False, money: bool = False) -> dict[str, Any]:
    """The keywords of `add_parser` for help ending with `lines` (real command lines) and,
    when asked, the date and money forms the command reads."""
    text = [tr(lang, "examples:"), *(f"  {line}" for line in lines)]
    if dates:
        text.append(tr(lang, "dates: {forms}", forms=tr(lang, DATE_FORMS)))
    if money:
        text.append(tr(lang, "amounts: {forms}", forms=MONEY_FORMS))
    return {"epilog": "\n".join(text), "formatter_class": ExampleFormatter}


def amount_arg(field: str, text: str | None) -> int | None:
    """An amount in cents from a command-line value (None when not given), or InputError."""
    if text is None:
        return None
    from tracker.core.money import AmountInputError, parse_amount, to_cents

    try:
        return to_cents(parse_amount(text))
    except AmountInputError as error:
        raise InputError(field, text, error.expected) from None


def record_number(field: str, text: str, expected: str) -> int:
    """A record's number typed on the command line (3 or #3), or InputError naming the field
    and `expected` (an English message id)."""
    value = text.strip().lstrip("#")
    if not value.isdigit():
        raise InputError(field, text, expected)
    return int(value)


def year_arg(field: str, text: str) -> int:
    """A year (1900–2199) from a command-line value, or InputError."""
    from tracker.core.days import EARLIEST_YEAR, LATEST_YEAR

    value = text.strip().removesuffix("年")
    if not value.isdigit() or not EARLIEST_YEAR <= int(value) <= LATEST_YEAR:
        raise InputError(field, text, "a year such as 2026")
    return int(value)


def project_row(conn: PlainConnection, code: str) -> dict[str, Any]:
    """The project a code names, in any case; NotFoundError naming the nearest codes."""
    from tracker.core.codes import same_code, unknown_project
    from tracker.store.read import queries

    rows = queries.projects(conn, code)
    if rows:
        return rows[0]
    codes = [row["code"] for row in conn.rows("SELECT code FROM project")]
    found = same_code(code, codes)
    if found is None:
        raise unknown_project(code, codes)
    return queries.projects(conn, found)[0]


def wrapped(text: str, indent: str = "") -> str:
    """`text` wrapped to the terminal's width: between words, or between any two CJK characters
    (each counted as two columns); every line after the first indented by `indent`."""
    import re

    from tracker.cli.main import terminal_columns
    from tracker.core.textable import display_width, visible

    columns = max(terminal_columns() - 1, 20)
    lines: list[str] = []
    for paragraph in map(visible, text.splitlines() or [""]):  # ESC shown as \x1b, never run
        line = ""
        for token in re.findall(r"[\x00-\u2e7f]+?(?=\s|[^\x00-\u2e7f]|$)\s*|.", paragraph):
            if line.strip() and display_width(line + token.rstrip()) > columns:
                lines.append(line.rstrip())
                line = indent
            line += token
        lines.append(line.rstrip())
    return "\n".join(lines)
