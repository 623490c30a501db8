"""Text cells a spreadsheet must not run: what tracker writes to CSV and XLSX, and reads back.

A cell that begins with = + - @, a tab or a carriage return is a formula to Excel and
LibreOffice (`=HYPERLINK(…)`, `@SUM(A1)`). Every CSV and XLSX tracker writes puts a leading
apostrophe before such text, as a spreadsheet user would type it; tracker's importer takes that
apostrophe off again, so its own files read back to the values written. A plain number (-5)
is no formula and is written as it is.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
"""-5 or +1 is a number to a spreadsheet, not a formula: written as it is."""


def neutral(text: str | None) -> str:
    """`text` as a cell no spreadsheet runs as a formula ("" for None)."""
    if not text:
        return ""
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_START) or original(text) != text:
        return "'" + text  # (text that itself begins '= keeps its apostrophe on reading back)
    return text


def original(text: str) -> str:
    """The text `neutral` was given: a leading apostrophe before a formula start taken off."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
