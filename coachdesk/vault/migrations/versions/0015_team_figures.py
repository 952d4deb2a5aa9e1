"""team figures files imported by a project lead

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

A project lead imports each coach's signed figures file for a period (counts only, no
participant data) and reports the team's figures with small counts hidden after merging.
The same file twice (file id or SHA-256) and a second file of one coach for one period are
refused by unique constraints.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_figures_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("coach_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("coach_name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("programme", sa.String(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_figures_file")),
        sa.UniqueConstraint("file_id", name=op.f("uq_team_figures_file_file_id")),
        sa.UniqueConstraint("sha256", name=op.f("uq_team_figures_file_sha256")),
        sa.UniqueConstraint(
            "coach_fingerprint",
            "period_start",
            "period_end",
            name=op.f("uq_team_figures_file_period"),
        ),
    )


def downgrade() -> None:
    op.drop_table("team_figures_file")
