"""What a district office steers (issue #16): organisations and leaders as records, the
project's library and statistics enrolment, programme membership, typed problems.

`project.unit` and `project.owner_org` keep their text and become references to
`organisation.name` (ON UPDATE CASCADE): the organisations are created here from the distinct
names the projects hold, so every record is kept and every reference holds.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_organisation_name", "organisation", ["name"], unique=True)
    op.create_table(
        "leader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_leader_name", "leader", ["name"], unique=True)
    op.create_table(
        "programme_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_programme_membership_project_id", "programme_membership", ["project_id"])
    op.create_table(
        "enrolment_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "item"),
    )
    op.create_index("ix_enrolment_evidence_project_id", "enrolment_evidence", ["project_id"])
    # Every name a project holds becomes an organisation; a name in both columns is a unit.
    op.execute(
        """INSERT INTO organisation (name, kind, illustrative, version)
        SELECT name, MAX(kind), false, 1 FROM (
            SELECT unit AS name, 'unit' AS kind FROM project WHERE unit IS NOT NULL
            UNION SELECT owner_org, 'owner' FROM project WHERE owner_org IS NOT NULL
        ) AS named GROUP BY name ORDER BY name"""
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("leader_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("library", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("enrolled_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("enrolled_cents", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(
            "fk_project_leader_id", "leader", ["leader_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            "fk_project_unit", "organisation", ["unit"], ["name"], onupdate="CASCADE"
        )
        batch_op.create_foreign_key(
            "fk_project_owner_org", "organisation", ["owner_org"], ["name"], onupdate="CASCADE"
        )
    # Plain ADD COLUMN: a batch copy of the milestone table is not needed for the problem.
    op.add_column("problem", sa.Column("kind", sa.String(), nullable=True))
    op.add_column("problem", sa.Column("level", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_column("level")
        batch_op.drop_column("kind")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_constraint("fk_project_owner_org", type_="foreignkey")
        batch_op.drop_constraint("fk_project_unit", type_="foreignkey")
        batch_op.drop_constraint("fk_project_leader_id", type_="foreignkey")
        batch_op.drop_column("enrolled_cents")
        batch_op.drop_column("enrolled_on")
        batch_op.drop_column("library")
        batch_op.drop_column("leader_id")
    op.drop_table("enrolment_evidence")
    op.drop_table("programme_membership")
    op.drop_index("ix_leader_name", table_name="leader")
    op.drop_table("leader")
    op.drop_index("ix_organisation_name", table_name="organisation")
    op.drop_table("organisation")
