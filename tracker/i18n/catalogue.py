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
_texts: dict[str, dict[str, str]] = {}
"""Each language's messages looked up so far: an alert rule asks for the same few thousands of
times, and a dictionary read is cheaper than gettext's own lookup."""


class Word(str):
    """A value that is itself an English message id, translated with the message it fills
    (an error's `record`, say)."""

    __slots__ = ()


class Named(str):
    """A record's name that may have an English one, shown in English in English (a conflict's
    `label`, say)."""

    english: str | None

    def __new__(cls, name: str, english: str | None = None) -> Named:
        named = super().__new__(cls, name)
        named.english = english
        return named


class Said:
    """A sentence not yet in a language: an English message id and the values of its `{named}`
    places, put in a language by `text`; a value that is a Word or a Said goes with it (the
    reality check's basis, say, which is worded in the core and shown at the door)."""

    __slots__ = ("message", "values")

    def __init__(self, message: str, /, **values: object) -> None:
        self.message = message
        self.values = values

    def text(self, lang: str) -> str:
        """The sentence in `lang`."""
        shown = {
            name: value.text(lang)
            if isinstance(value, Said)
            else tr(lang, value)
            if isinstance(value, Word)
            else value
            for name, value in self.values.items()
        }
        return tr(lang, self.message, **shown)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Said):
            return NotImplemented
        return (self.message, self.values) == (other.message, other.values)

    def __hash__(self) -> int:
        return hash(self.message)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Said({self.text('en')!r})"


def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of `lang`, read once per process; English translates nothing."""
    found = _catalogues.get(lang)
    if found is None:
        locale = LOCALES.get(lang)
        if locale is None:
            found = gettext.NullTranslations()
        else:
            # The file itself, not gettext.translation(): that would import `locale` to expand
            # language names we already know.
            path = os.path.join(LOCALE_DIR, locale, "LC_MESSAGES", f"{DOMAIN}.mo")
            with open(path, "rb") as file:
                found = gettext.GNUTranslations(file)
        _catalogues[lang] = found
    return found


def _looked_up(lang: str, message: str) -> str:
    text = catalogue(lang).gettext(message)
    _texts.setdefault(lang, {})[message] = text
    return text


def tr(lang: str, message: str, /, **values: object) -> str:
    """`message` (an English message id) in `lang`, with its `{named}` values filled in."""
    try:
        text = _texts[lang][message]
    except KeyError:
        text = _looked_up(lang, message)
    return text.format_map(values) if values else text


def ptr(lang: str, context: str, message: str, /, **values: object) -> str:
    """`message` in `lang` as meant in `context` (gettext's msgctxt), values filled in."""
    text = catalogue(lang).pgettext(context, message)
    return text.format_map(values) if values else text


def N_(message: str) -> str:
    """Mark `message` for extraction where it is translated later, through a variable."""
    return message


def ntr(lang: str, singular: str, plural: str, n: int, /, **values: object) -> str:
    """The singular or plural message for `n` in `lang`; `{n}` and `{named}` values filled in."""
    text = catalogue(lang).ngettext(singular, plural, n)
    return text.format(n=n, **values)
