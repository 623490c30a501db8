"""The shared database's trust: who is who, and an audit trail no one can rewrite.

Adds the officer table (login, display name, units, role) and each audit entry's link in the
hash chain (`change.hash`, computed here for every existing entry, in id order). On SQLite a
trigger links each new entry; on PostgreSQL tracker.store.trust installs the group roles,
grants, row-level security and audit triggers. Every record is kept.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from tracker.store import trust
from tracker.store.chain import SELECT_CHAIN, SQLITE_TRIGGER, chained_hash

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer",
        sa.Column("login", sa.String(), primary_key=True),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("units", sa.String(), nullable=False, server_default="[]"),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.add_column("change", sa.Column("hash", sa.String(), nullable=True))
    bind = op.get_bind()
    previous = None
    links = []
    for row in bind.exec_driver_sql(SELECT_CHAIN).all():
        previous = chained_hash(previous, *row[:-1])
        links.append({"id": row[0], "hash": previous})
    if links:
        change = sa.table("change", sa.column("id"), sa.column("hash"))
        bind.execute(
            change.update()
            .where(change.c.id == sa.bindparam("b_id"))
            .values(hash=sa.bindparam("b_hash")),
            [{"b_id": link["id"], "b_hash": link["hash"]} for link in links],
        )
    if bind.dialect.name == "postgresql":
        trust.install(bind)
    else:
        bind.exec_driver_sql(SQLITE_TRIGGER)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS change_chain")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_column("hash")
    op.drop_table("officer")
