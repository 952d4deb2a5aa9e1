"""her acknowledgement of a document, with the export register entry

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

Before a report about her goes to the job centre, the coach records how the participant
took note of it (read it herself, had it read aloud or interpreted, by whom, in which
language), whether she agrees or what she objects to, and optionally her signature drawn
on the screen. One row per export record; it goes when the record goes (erasure cascades).
Earlier exports have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_acknowledgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("export_record_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("how", sa.String(length=40), nullable=False),
        sa.Column("helper_name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("agrees", sa.Boolean(), nullable=False),
        sa.Column("objection", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["export_record_id"],
            ["export_record.id"],
            name=op.f("fk_document_acknowledgement_export_record_id_export_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_acknowledgement")),
        sa.UniqueConstraint(
            "export_record_id", name=op.f("uq_document_acknowledgement_export_record_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("document_acknowledgement")
