"""plan versions: each printed "My plan" kept, to show what changed since the last

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

One row per printed plan: what it held (JSON, inside the encrypted vault like everything),
when, by whom, and its entry in the export register. Deleted with her file.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("export_record_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_record_id"],
            ["export_record.id"],
            name=op.f("fk_plan_version_export_record_id_export_record"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_plan_version_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_version")),
    )
    op.create_index("ix_plan_version_participant_created", "plan_version", ["participant_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_plan_version_participant_created", table_name="plan_version")
    op.drop_table("plan_version")
