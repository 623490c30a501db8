"""Which schema revisions this version of tracker knows, and where its migrations live.

Kept free of Alembic and the ORM so that every command can check a database's revision cheaply.
A test holds REVISIONS to the Alembic scripts in db/migrations/versions.
"""

from __future__ import annotations

from pathlib import Path

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
)
HEAD = REVISIONS[-1]


def resource_dir(name: str) -> Path:
    """`db/<name>` of the checkout, or its copy shipped inside the wheel (`tracker/_db/<name>`)."""
    package = Path(__file__).resolve().parents[1]  # tracker/, two up from tracker/store/schema.py
    shipped = package / "_db" / name
    return shipped if shipped.is_dir() else package.parent / "db" / name
