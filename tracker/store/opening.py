"""Opening the store for writing: the service on a run's database, once its schema is current."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.config.run import Settings
    from tracker.store.write.service import Service


def service(settings: Settings) -> Service:
    """The write service on the configured database, after checking the schema is current."""
    # Imported here: every command module imports this function, `tracker --help` loads them
    # all, and the ORM costs half a second.
    from tracker.store.engine import make_engine
    from tracker.store.migrate import ensure_current
    from tracker.store.write.service import Service

    ensure_current(settings.db_url)
    engine = make_engine(settings.db_url)
    if engine.dialect.name != "postgresql":
        return Service(engine, user=settings.user, today=settings.today)
    from tracker.store.identity import author, grant_of

    with engine.connect() as conn:
        grant = grant_of(conn)
    user = author(grant, settings.user_given)
    return Service(engine, user=user, today=settings.today, grant=grant)
