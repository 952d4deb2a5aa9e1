"""indexes for Today's lists: open agreements by due date, open goals by target date

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Today shows the most urgent entries of each list and counts the rest. Nearly every
agreement ever made is due in the past and done, so the index of every due date led
SQLite through all of them; the partial index holds only the open ones (and replaces it:
nothing else looks agreements up by due date). Goals likewise: only those not archived.
Written consents waiting for their scan are walked by the day they were given. Counting
a list finds the files not archived by index (participants by archived_at, meetings not
archived by participant) instead of reading every participant's row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index("ix_agreement_due_date")
        batch_op.create_index(
            "ix_agreement_open_due", ["due_date"], sqlite_where=sa.text("done_on IS NULL")
        )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_target_date")
        batch_op.create_index(
            "ix_goal_open_target", ["target_date"], sqlite_where=sa.text("archived_at IS NULL")
        )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index("ix_consent_given_on", ["given_on"])
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index("ix_participant_archived_at", ["archived_at"])
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            "ix_meeting_active", ["participant_id"], sqlite_where=sa.text("archived_at IS NULL")
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_active")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index("ix_participant_archived_at")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_given_on")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_open_target")
        batch_op.create_index("ix_goal_target_date", ["target_date"])
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index("ix_agreement_open_due")
        batch_op.create_index("ix_agreement_due_date", ["due_date"])
