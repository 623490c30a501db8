"""A refusal (an error from tracker.core.errors) as one line in the user's language.

The errors carry English message ids and their values (see tracker.core.errors); this reads
them by attribute, so that i18n does not import the core it sits beside.
"""

from __future__ import annotations

from tracker.i18n.catalogue import Named, Said, Word, ptr, tr
from tracker.i18n.glossary import LABELS, label, name_in


def _values(values: dict[str, object], lang: str) -> dict[str, object]:
    return {
        name: tr(lang, value)
        if isinstance(value, Word)
        else name_in(lang, str(value), value.english)
        if isinstance(value, Named)
        else value.text(lang)
        if isinstance(value, Said)
        else value
        for name, value in values.items()
    }


def worded(lang: str, message: str, values: dict[str, object]) -> str:
    """An English message id in `lang`, its `{named}` places filled (a Word value translated)."""
    return tr(lang, message, **_values(values, lang))


def field_text(field: str, lang: str) -> str:
    """The field an error names: its glossary label beside an option (`--forecast`)."""
    key = field.lstrip("-").replace("-", "_")
    if key not in LABELS:
        return field
    if field.startswith("-"):
        return ptr(lang, "field", "{option}", option=field, label=label(key, lang))
    return ptr(lang, "field", "{name}", name=field, label=label(key, lang))


def refusal_text(error: BaseException, lang: str) -> str:
    """The error's line in `lang`: an InputError's field, value and what was expected; a date's
    or an amount's value, problem and what was expected (DateInputError, AmountInputError); a
    worded error's message; any other error as its English text."""
    expected = getattr(error, "expected", None)
    values = getattr(error, "values", None)
    if isinstance(expected, str) and isinstance(values, dict) and hasattr(error, "field"):
        return tr(
            lang,
            "{field}: {value!r} is not valid: expected {expected}",
            field=field_text(getattr(error, "field", ""), lang),
            value=getattr(error, "value", None),
            expected=tr(lang, expected, **_values(values, lang)),
        )
    problem = getattr(error, "problem_id", None)
    if isinstance(expected, str) and isinstance(problem, str) and isinstance(values, dict):
        shown = _values(values, lang)
        return tr(
            lang,
            "{value!r} {problem}: expected {expected}",
            value=getattr(error, "value", None),
            problem=tr(lang, problem, **shown),
            expected=tr(lang, expected, **shown),
        )
    message = getattr(error, "message", None)
    if isinstance(message, str) and isinstance(values, dict):
        return tr(lang, message, **_values(values, lang))
    return str(error)
