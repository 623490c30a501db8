"""The milestone that marks a project's completion, and whether its finish was set by hand.

A project's forecast finish follows its completion milestone (one a project), unless an officer
set the project's finish explicitly (`forecast_finish_explicit`).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: a batch copy of the table on SQLite would drop the
    # expression index on the open milestones' due day (Alembic cannot reflect it).
    op.add_column(
        "milestone",
        sa.Column("completion", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "project",
        sa.Column(
            "forecast_finish_explicit", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("forecast_finish_explicit")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_column("completion")
