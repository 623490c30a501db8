"""Why a value or a write was refused, in the user's language.

The core's errors carry their parts (the value, the problem, what was expected); each part that
is a sentence is translated through the message catalogue and the whole put together by it, so
the Chinese screens never show the English of `str(error)`.
"""

from __future__ import annotations

from tracker.core.dates import DateInputError
from tracker.core.errors import InputError
from tracker.core.money import AmountInputError
from tracker.i18n.catalogue import tr
from tracker.i18n.glossary import label


def input_problem(error: DateInputError | AmountInputError, lang: str) -> str:
    """What is wrong with a typed date or amount: `'2027-02-30' 不是日期：应为 …`."""
    return tr(
        lang,
        "{value} {problem}: expected {expected}",
        value=repr(error.value),
        problem=tr(lang, error.problem),
        expected=tr(lang, error.expected),
    )


def refusal(error: InputError, lang: str) -> str:
    """A refused input or record: `项目: 'X' 无效：应为 …`."""
    return tr(
        lang,
        "{field}: {value} is not valid: expected {expected}",
        field=label(error.field, lang),
        value=repr(error.value),
        expected=tr(lang, error.expected, **error.values),
    )
