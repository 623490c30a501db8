"""Project codes as officers type them: matched without regard to case, and an unknown code
answered with the nearest codes there are (so `yh-sport` suggests YH-SPORTS)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tracker.core.errors import NotFoundError


def same_code(typed: str, codes: Iterable[str]) -> str | None:
    """The code among `codes` that `typed` names, ignoring case (None when there is none)."""
    wanted = typed.strip().casefold()
    return next((code for code in codes if code.casefold() == wanted), None)


def unknown_project(typed: str, codes: Iterable[str]) -> NotFoundError:
    """The refusal of a code no project has, naming up to three nearest codes."""
    known = {code.casefold(): code for code in codes}
    near = difflib.get_close_matches(typed.strip().casefold(), list(known), n=3, cutoff=0.5)
    if not near:
        return NotFoundError("project", typed, "the code of an existing project")
    return NotFoundError(
        "project",
        typed,
        "the code of an existing project (nearest: {nearest})",
        nearest=", ".join(known[n] for n in near),
    )
