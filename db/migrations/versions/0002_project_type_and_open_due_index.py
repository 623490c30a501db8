"""Project type (the Green Book's classes, for the reality check) and an index for what is due.

The due-date question ("which open milestones fall due before D?") is the hottest read; a
partial index on the due day (forecast, else baseline) of open milestones answers it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_type", sa.String(), nullable=True))
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_due")
    op.create_index(
        "ix_milestone_open_due",
        "milestone",
        [sa.text("COALESCE(forecast, baseline)"), "project_id"],
        sqlite_where=sa.text("done IS NULL"),
        postgresql_where=sa.text("done IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_milestone_open_due", table_name="milestone")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index("ix_milestone_due", ["done", "forecast", "baseline"], unique=False)
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("project_type")
