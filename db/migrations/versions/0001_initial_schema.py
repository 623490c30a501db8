"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('project_code', sa.String(), nullable=True),
    sa.Column('record', sa.String(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('old', sa.String(), nullable=True),
    sa.Column('new', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_at'), ['at'], unique=False)
        batch_op.create_index('ix_change_project_at', ['project_code', 'at'], unique=False)

    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('name_en', sa.String(), nullable=True),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('stage', sa.String(), nullable=False),
    sa.Column('unit', sa.String(), nullable=True),
    sa.Column('officer', sa.String(), nullable=True),
    sa.Column('owner_org', sa.String(), nullable=True),
    sa.Column('location', sa.String(), nullable=True),
    sa.Column('scale', sa.String(), nullable=True),
    sa.Column('total_investment_cents', sa.BigInteger(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('baseline_start', sa.Date(), nullable=True),
    sa.Column('baseline_start_precision', sa.String(), nullable=True),
    sa.Column('baseline_finish', sa.Date(), nullable=True),
    sa.Column('baseline_finish_precision', sa.String(), nullable=True),
    sa.Column('forecast_finish', sa.Date(), nullable=True),
    sa.Column('forecast_finish_precision', sa.String(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_finish', sa.Date(), nullable=True),
    sa.Column('sources', sa.String(), nullable=True),
    sa.Column('notes', sa.String(), nullable=True),
    sa.Column('light_override', sa.String(), nullable=True),
    sa.Column('light_override_reason', sa.String(), nullable=True),
    sa.Column('light_override_by', sa.String(), nullable=True),
    sa.Column('light_override_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_code'), ['code'], unique=True)

    op.create_table('investment_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('planned_cents', sa.BigInteger(), nullable=True),
    sa.Column('progress_target', sa.String(), nullable=True),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'year')
    )
    with op.batch_alter_table('investment_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_investment_plan_project_id'), ['project_id'], unique=False)

    op.create_table('investment_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('funds_in_place_cents', sa.BigInteger(), nullable=True),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'year', 'month')
    )
    with op.batch_alter_table('investment_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_investment_report_project_id'), ['project_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('name_en', sa.String(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('baseline', sa.Date(), nullable=True),
    sa.Column('baseline_precision', sa.String(), nullable=True),
    sa.Column('forecast', sa.Date(), nullable=True),
    sa.Column('forecast_precision', sa.String(), nullable=True),
    sa.Column('done', sa.Date(), nullable=True),
    sa.Column('done_precision', sa.String(), nullable=True),
    sa.Column('owner', sa.String(), nullable=True),
    sa.Column('lead_days', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'name')
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index('ix_milestone_due', ['done', 'forecast', 'baseline'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_project_id'), ['project_id'], unique=False)

    op.create_table('problem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('due_precision', sa.String(), nullable=True),
    sa.Column('resolved', sa.Date(), nullable=True),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_project_id'), ['project_id'], unique=False)

    op.create_table('status_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('light', sa.String(), nullable=False),
    sa.Column('narrative', sa.String(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('status_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_update_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('status_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_update_project_id'))

    op.drop_table('status_update')
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_project_id'))

    op.drop_table('problem')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_project_id'))
        batch_op.drop_index('ix_milestone_due')

    op.drop_table('milestone')
    with op.batch_alter_table('investment_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_investment_report_project_id'))

    op.drop_table('investment_report')
    with op.batch_alter_table('investment_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_investment_plan_project_id'))

    op.drop_table('investment_plan')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_code'))

    op.drop_table('project')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_project_at')
        batch_op.drop_index(batch_op.f('ix_change_at'))

    op.drop_table('change')
