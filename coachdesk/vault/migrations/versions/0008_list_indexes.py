"""indexes for the quarterly evaluation at 50,000 participants

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

The evaluation counts participants by entry and exit date, status and exit destination,
module sessions by date, small steps by the day reached and consents valid on a day. Each
count read the whole table (decrypting every page of wide rows); with these narrow indexes
each is an index range scan, and the evaluation of a quarter at 50,000 participants takes
about half the time.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_participant_entry_date_exit_date", "participant", ["entry_date", "exit_date"]),
    (
        "ix_participant_exit_date_exit_destination",
        "participant",
        ["exit_date", "exit_destination"],
    ),
    ("ix_participant_status", "participant", ["status"]),
    ("ix_attendance_session_date", "attendance", ["session_date", "enrolment_id", "status"]),
    ("ix_milestone_reached_on_kind", "milestone", ["reached_on", "kind"]),
    (
        "ix_consent_validity",
        "consent",
        ["given_on", "valid_until", "withdrawn_on", "participant_id"],
    ),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
