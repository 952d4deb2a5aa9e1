"""Transfer records per person: one package may carry several participants

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

A package now carries one or several people; each vault keeps one transfer record per
person and direction, so the unique key of ``transfer_record`` adds ``participant_id``.
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_NAME = "uq_transfer_record_package_id"


def upgrade() -> None:
    with op.batch_alter_table("transfer_record", schema=None) as batch_op:
        batch_op.drop_constraint(_NAME, type_="unique")
        batch_op.create_unique_constraint(_NAME, ["package_id", "direction", "participant_id"])


def downgrade() -> None:
    with op.batch_alter_table("transfer_record", schema=None) as batch_op:
        batch_op.drop_constraint(_NAME, type_="unique")
        batch_op.create_unique_constraint(_NAME, ["package_id", "direction"])
