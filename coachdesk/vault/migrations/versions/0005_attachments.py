"""attachments

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Scans and PDFs inside the vault: the bytes once per file (content and its chunks), and
one row per paper in a participant's file. When the last paper using a file goes (removed,
or erased with her), a trigger deletes the file's bytes too, so erasure leaves none behind.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_content",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_content")),
        sa.UniqueConstraint("sha256", name=op.f("uq_attachment_content_sha256")),
    )
    op.create_table(
        "attachment_chunk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["content_id"],
            ["attachment_content.id"],
            name=op.f("fk_attachment_chunk_content_id_attachment_content"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_chunk")),
        sa.UniqueConstraint("content_id", "seq", name=op.f("uq_attachment_chunk_content_id")),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("consent_id", sa.Integer(), nullable=True),
        sa.Column("handover_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent.id"],
            name=op.f("fk_attachment_consent_id_consent"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["content_id"],
            ["attachment_content.id"],
            name=op.f("fk_attachment_content_id_attachment_content"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handover.id"],
            name=op.f("fk_attachment_handover_id_handover"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attachment_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_attachment_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        for column in ("participant_id", "content_id", "consent_id", "handover_id", "meeting_id"):
            batch_op.create_index(batch_op.f(f"ix_attachment_{column}"), [column])
    op.execute(
        "CREATE TRIGGER attachment_content_unused AFTER DELETE ON attachment "
        "WHEN NOT EXISTS (SELECT 1 FROM attachment WHERE content_id = OLD.content_id) "
        "BEGIN DELETE FROM attachment_content WHERE id = OLD.content_id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS attachment_content_unused")
    op.drop_table("attachment")
    op.drop_table("attachment_chunk")
    op.drop_table("attachment_content")
