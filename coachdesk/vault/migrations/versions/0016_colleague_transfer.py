"""colleagues' certificates and the register of transfer packages

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

A coach hands a participant over to a colleague with a signed, encrypted transfer package
(docs/transfer-format.md). The colleague's certificate (public key only) is imported once
and verified by comparing its fingerprint; each package written or opened is registered
(never its content); the ids of packages received stay after an erasure, so that the same
package cannot be imported twice.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "colleague_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("certificate_der", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint_sha256", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("verified_at", sa.DateTime(), nullable=True),
        sa.Column("verified_by", sa.String(length=200), nullable=False),
        sa.Column("verified_how", sa.String(length=200), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_colleague_certificate_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            ["contact_person.id"],
            name=op.f("fk_colleague_certificate_contact_person_id_contact_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleague_certificate")),
        sa.UniqueConstraint(
            "fingerprint_sha256", name=op.f("uq_colleague_certificate_fingerprint_sha256")
        ),
    )
    op.create_table(
        "transfer_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("colleague_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("categories", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.String(length=40), nullable=False),
        sa.Column("consent_ids", sa.String(length=200), nullable=False),
        sa.Column("basis_note", sa.Text(), nullable=False),
        sa.Column("merged", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_transfer_record_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_record")),
        sa.UniqueConstraint("package_id", "direction", name=op.f("uq_transfer_record_package_id")),
    )
    op.create_table(
        "received_package",
        sa.Column("package_id", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_received_package")),
    )
    with op.batch_alter_table("transfer_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transfer_record_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("transfer_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_record_participant_id"))
    op.drop_table("received_package")
    op.drop_table("transfer_record")
    op.drop_table("colleague_certificate")
