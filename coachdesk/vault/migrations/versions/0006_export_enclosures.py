"""papers enclosed with a document, in the export register

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

A document may carry papers of her file as appended pages; the register keeps which ones
(attachment id and the SHA-256 of its file), so it still says what left after a paper is
removed from her file. Earlier exports enclosed nothing: the column starts empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enclosures", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.drop_column("enclosures")
