"""An index on the audit trail by record and field.

The slipped rule counts how often each milestone's forecast moved (change rows with
record = 'milestone' and field = 'forecast'); without an index every `tracker alerts` read the
whole audit trail, which grows with every edit and every import.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_change_record_field", "change", ["record", "field", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_change_record_field", table_name="change")
