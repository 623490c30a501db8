"""The audit entry an undo (or a redo) reverts, named in the undo's own entries.

An undo leaves new entries that set the fields back; without a reference nothing tied them
to the entries they undid, so the audit trail could not say "undoes #41". `reverts` holds that
entry's id (NULL for an ordinary write, and for every entry written before this revision).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("change", sa.Column("reverts", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("change") as batch:  # SQLite drops a column by copying
        batch.drop_column("reverts")
