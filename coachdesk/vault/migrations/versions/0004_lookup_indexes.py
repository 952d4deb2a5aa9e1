"""indexes for duplicate checks and the goals-due reminder

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

The duplicate check looks participants up by date of birth and customer number,
and Today lists goals by target date; at 10,000 participants these were full
table scans.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_date_of_birth"), ["date_of_birth"])
        batch_op.create_index(
            batch_op.f("ix_participant_jobcentre_customer_number"), ["jobcentre_customer_number"]
        )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_target_date"), ["target_date"])


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_target_date"))
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_jobcentre_customer_number"))
        batch_op.drop_index(batch_op.f("ix_participant_date_of_birth"))
