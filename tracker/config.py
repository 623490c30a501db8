"""Where the database lives and the run's settings (database, today, language, user).

Each setting comes from the command line, else the environment (`TRACKER_DB`, `TRACKER_TODAY`,
`TRACKER_LANG`, `TRACKER_USER`), else a default. Nothing here imports the ORM.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.errors import InputError

LANGUAGES = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings one run of tracker works with."""

    db_url: str
    today: date
    lang: str
    user: str
    settings_file: str | None = None
    """`--settings` / TRACKER_SETTINGS as given; read by tracker.settings.settings_for."""


def data_dir() -> Path:
    """The user's data directory for tracker, by the platform's convention."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False))


def default_database_path() -> Path:
    """The SQLite file used when neither --db nor TRACKER_DB names a database."""
    return data_dir() / "tracker.db"


def demo_database_path() -> Path:
    """The demo portfolio's own SQLite file, kept apart from the user's data."""
    return data_dir() / "demo.db"


def database_url(value: str | None) -> str:
    """A database URL from a file path or a URL (`sqlite:///…`, `postgresql+psycopg://…`)."""
    if not value:
        return f"sqlite:///{default_database_path()}"
    if "://" in value:
        if not value.startswith(("sqlite://", "postgresql")):
            raise InputError("--db", value, "a file path, sqlite:///PATH or postgresql+psycopg://…")
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for another database."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    return None


def resolve_today(value: str | None) -> date:
    """`--today` / TRACKER_TODAY as a day; the real date when neither is given."""
    from tracker.dates import DateInputError, parse_day

    if not value:
        return date.today()  # noqa: DTZ011 - the injected clock's single source
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


def resolve_user(value: str | None) -> str:
    """`--user` / TRACKER_USER, else the login name."""
    if value:
        return value
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
    )
