"""The words an officer may type for a light, in either language: one parser for every door.

`green`/`amber`/`red` (and `yellow` for amber), their first letters, and 绿/黄/红 (with or
without 灯). The CLI's `--light` and the TUI's light field both read through `light_of`.
"""

from __future__ import annotations

from tracker.core.errors import InputError
from tracker.i18n.catalogue import N_

LIGHT_WORDS = {
    "g": "green",
    "green": "green",
    "绿": "green",
    "绿灯": "green",
    "a": "amber",
    "amber": "amber",
    "y": "amber",
    "yellow": "amber",
    "黄": "amber",
    "黄灯": "amber",
    "r": "red",
    "red": "red",
    "红": "red",
    "红灯": "red",
}
EXPECTED = N_("green, amber (yellow) or red; 绿, 黄 or 红")


def light_of(text: str, field: str = "--light") -> str:
    """The light ("green", "amber" or "red") a typed word names, or InputError naming `field`."""
    light = LIGHT_WORDS.get(text.strip().lower())
    if light is None:
        raise InputError(field, text, EXPECTED)
    return light
