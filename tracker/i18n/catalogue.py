"""The message catalogue: every user-facing string, by its English message id, in gettext.

    tr(lang, "Unknown project {code}", code=code)
    ntr(lang, "{n} project", "{n} projects", n)

English is the message id itself; Chinese comes from `locale/zh_CN/LC_MESSAGES/tracker.po`
(kept in the repository) through its compiled `tracker.mo` (shipped in the wheel). Values are
filled in with `str.format` after translation, so a translation may reorder them. The workflow
for a new or changed message is in the README (Translations).
"""

from __future__ import annotations

import gettext
import os

LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
DOMAIN = "tracker"
LOCALES = {"zh": "zh_CN"}
"""Each interface language (`--lang`) other than English, and the gettext locale it reads."""

_catalogues: dict[str, gettext.NullTranslations] = {}


class Word(str):
    """A value that is itself an English message id, translated with the message it fills
    (an error's `record`, say)."""

    __slots__ = ()


def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of `lang`, read once per process; English translates nothing."""
    found = _catalogues.get(lang)
    if found is None:
        locale = LOCALES.get(lang)
        found = (
            gettext.NullTranslations()
            if locale is None
            else gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale])
        )
        _catalogues[lang] = found
    return found


def tr(lang: str, message: str, /, **values: object) -> str:
    """`message` (an English message id) in `lang`, with its `{named}` values filled in."""
    text = catalogue(lang).gettext(message)
    return text.format(**values) if values else text


def ptr(lang: str, context: str, message: str, /, **values: object) -> str:
    """`message` in `lang` as meant in `context` (gettext's msgctxt), values filled in."""
    text = catalogue(lang).pgettext(context, message)
    return text.format(**values) if values else text


def N_(message: str) -> str:
    """Mark `message` for extraction where it is translated later, through a variable."""
    return message


def ntr(lang: str, singular: str, plural: str, n: int, /, **values: object) -> str:
    """The singular or plural message for `n` in `lang`; `{n}` and `{named}` values filled in."""
    text = catalogue(lang).ngettext(singular, plural, n)
    return text.format(n=n, **values)
