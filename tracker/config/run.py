"""Where the database lives and the run's settings (database, today, language, user).

Each setting comes from the command line, else the environment (`TRACKER_DB`, `TRACKER_TODAY`,
`TRACKER_LANG`, `TRACKER_USER`), else a default. Nothing here imports the ORM.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping

LANGUAGES = ("zh", "en")
APP_NAME = "tracker"


class Settings:
    """The settings one run of tracker works with; read-only once made.

    A plain class rather than a dataclass: every command builds one, and importing
    `dataclasses` (it imports `inspect`) would cost a headless command much of its start-up.
    """

    _fields = ("db_url", "today", "lang", "user", "settings_file", "user_given")
    __slots__ = _fields
    db_url: str
    today: date
    lang: str
    user: str
    settings_file: str | None
    """`--settings` / TRACKER_SETTINGS as given; read by config.settings_file.settings_for."""
    user_given: str | None
    """`--user` / TRACKER_USER as given (None: the login name was taken); on a shared database
    it must name the database login (tracker.store.identity)."""

    def __init__(
        self,
        db_url: str,
        today: date,
        lang: str,
        user: str,
        settings_file: str | None = None,
        user_given: str | None = None,
    ) -> None:
        for name, value in zip(
            self._fields, (db_url, today, lang, user, settings_file, user_given), strict=True
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Settings are read-only ({name})")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"Settings({fields})"

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` (field name -> value) made."""
        values = dict(zip(self._fields, self._values(), strict=True))
        values.update(changes)
        return Settings(**values)


def data_dir() -> Path:
    """The user's data directory for tracker, by the platform's convention."""
    return Path(data_dir_text())


def data_dir_text() -> str:
    """`data_dir()` as text. On Linux with an absolute XDG_DATA_HOME or HOME this is the XDG
    rule platformdirs applies, worked out here because importing platformdirs would cost a
    headless command a good part of its start-up; anything else is asked of platformdirs."""
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, APP_NAME)
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return os.path.join(home, ".local", "share", APP_NAME)
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    """The SQLite file used when neither --db nor TRACKER_DB names a database."""
    return data_dir() / "tracker.db"


def demo_database_path() -> Path:
    """The demo portfolio's own SQLite file, kept apart from the user's data."""
    return data_dir() / "demo.db"


def database_url(value: str | None) -> str:
    """A database URL from a file path or a URL (`sqlite:///…`, `postgresql+psycopg://…`)."""
    if not value:
        return f"sqlite:///{os.path.join(data_dir_text(), 'tracker.db')}"
    if "://" in value:
        if not value.startswith(("sqlite://", "postgresql")):
            raise InputError("--db", value, "a file path, sqlite:///PATH or postgresql+psycopg://…")
        return value
    return f"sqlite:///{os.path.realpath(os.path.expanduser(value))}"


def sqlite_file(url: str) -> str | None:
    """The file behind an SQLite URL as text, or None for another database."""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for another database."""
    file = sqlite_file(url)
    return None if file is None else Path(file)


def resolve_today(value: str | None) -> date:
    """`--today` / TRACKER_TODAY as a day; the real date when neither is given."""
    if not value:
        return date.today()  # noqa: DTZ011 - the injected clock's single source
    from tracker.core.days import plain_iso_day

    day = plain_iso_day(value)
    if day is not None:
        return day
    from tracker.core.dates import DateInputError, parse_day

    try:
        return parse_day(value, date.today())  # noqa: DTZ011
    except DateInputError as error:
        raise InputError("--today", value, error.expected) from None


def resolve_lang(value: str | None, environ: Mapping[str, str]) -> str:
    """`--lang` / TRACKER_LANG, else Chinese when the locale is Chinese, else English."""
    if value:
        if value not in LANGUAGES:
            raise InputError("--lang", value, "zh or en")
        return value
    locale = environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (C0, DEL or C1: ESC, newline, tab…)."""
    return any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in text)


def resolve_user(value: str | None) -> str:
    """`--user` / TRACKER_USER, else the login name; a name with control characters (an ESC
    sequence, a line break) is refused: it would forge lines in `tracker log`."""
    if value:
        if has_control(value):
            raise InputError("--user", value, "a name without control characters")
        return value
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def settings_from(
    db: str | None,
    today: str | None,
    lang: str | None,
    user: str | None,
    settings_file: str | None = None,
) -> Settings:
    """Settings from command-line values, falling back on the environment."""
    env = os.environ
    return Settings(
        db_url=database_url(db or env.get("TRACKER_DB")),
        today=resolve_today(today or env.get("TRACKER_TODAY")),
        lang=resolve_lang(lang or env.get("TRACKER_LANG"), env),
        user=resolve_user(user or env.get("TRACKER_USER")),
        settings_file=settings_file or env.get("TRACKER_SETTINGS"),
        user_given=user or env.get("TRACKER_USER") or None,
    )
