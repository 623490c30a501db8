"""From lights to action (issue #17): the escalation ledger, the dispatch meetings and their
actions. Three new tables, empty; every existing record is kept. On PostgreSQL each new table
gets the grants, row-level security and audit trigger of tracker.store.trust (an officer writes
no instrument and no meeting, only the actions of their own units' projects).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from tracker.store import trust

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("instrument", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=True),
        sa.Column("addressee", sa.String(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("evidence", sa.String(), nullable=False, server_default="[]"),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answer", sa.String(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by", sa.String(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_escalation_project_id", "escalation", ["project_id"])
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("agenda", sa.String(), nullable=False, server_default="{}"),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_meeting_held_on", "meeting", ["held_on"])
    op.create_table(
        "meeting_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("due_precision", sa.String(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_meeting_action_meeting_id", "meeting_action", ["meeting_id"])
    op.create_index("ix_meeting_action_project_id", "meeting_action", ["project_id"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in ("escalation", "meeting", "meeting_action"):
            trust.install_table(bind, table)


def downgrade() -> None:
    op.drop_table("meeting_action")
    op.drop_index("ix_meeting_held_on", table_name="meeting")
    op.drop_table("meeting")
    op.drop_index("ix_escalation_project_id", table_name="escalation")
    op.drop_table("escalation")
