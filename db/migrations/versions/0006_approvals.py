"""The approvals pipeline (前期手续, issue #16): the approval items of each project, and whether a
project's approvals run in parallel rather than along the template's main line (主线).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "approval_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("department", sa.String(), nullable=False),
        sa.Column("officer", sa.String(), nullable=True),
        sa.Column("planned", sa.Date(), nullable=True),
        sa.Column("planned_precision", sa.String(), nullable=True),
        sa.Column("submitted", sa.Date(), nullable=True),
        sa.Column("approved", sa.Date(), nullable=True),
        sa.Column("number", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "step"),
    )
    op.create_index("ix_approval_item_project_id", "approval_item", ["project_id"])
    # Plain ADD COLUMN: a batch copy of the project table is not needed for one flag.
    op.add_column(
        "project",
        sa.Column("approvals_parallel", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("approvals_parallel")
    op.drop_index("ix_approval_item_project_id", table_name="approval_item")
    op.drop_table("approval_item")
