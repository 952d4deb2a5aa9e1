"""ESF Plus questionnaires and programmes as records

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

The entry, leaving and six-month questionnaires of the ESF Plus monitoring (one row per
participant each), and programmes (MY TURN, Stark im Beruf) as records that participants
and modules belong to. Each distinct programme name typed in a participant's file becomes
a programme record, and the file points to it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_ENTRY_ANSWERS = (
    "gender",
    "labour_status",
    "education",
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural",
    "disability",
    "minority",
)
_EXIT_ANSWERS = ("job_searching", "in_education", "qualification", "employed")


def _stamps() -> list[Any]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _owner(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f(f"fk_{table}_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("participant_id", name=op.f(f"uq_{table}_participant_id")),
    ]


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("funder", sa.String(length=200), nullable=False),
        sa.Column("funded_from", sa.Date(), nullable=True),
        sa.Column("funded_until", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_stamps(),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("name", name=op.f("uq_programme_name")),
    )
    op.create_table(
        "esf_entry",
        *_owner("esf_entry"),
        sa.Column("answered_on", sa.Date(), nullable=True),
        *(sa.Column(n, sa.String(), nullable=True) for n in _ENTRY_ANSWERS),
        *_stamps(),
    )
    op.create_table(
        "esf_exit",
        *_owner("esf_exit"),
        sa.Column("answered_on", sa.Date(), nullable=True),
        *(sa.Column(n, sa.Boolean(), nullable=True) for n in _EXIT_ANSWERS),
        *_stamps(),
    )
    op.create_table(
        "esf_followup",
        *_owner("esf_followup"),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("employed", sa.Boolean(), nullable=True),
        sa.Column("improved_situation", sa.Boolean(), nullable=True),
        sa.Column("not_reached", sa.Boolean(), nullable=False),
        *_stamps(),
    )
    op.create_index("ix_esf_followup_due_on", "esf_followup", ["due_on"])

    # In place: a table made anew would lose the search triggers (and, with foreign keys on,
    # take her records with it). SQLite adds a named reference with the column.
    for table in ("participant", "module"):
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN programme_id INTEGER "
            f"CONSTRAINT fk_{table}_programme_id_programme "
            "REFERENCES programme (id) ON DELETE SET NULL"
        )
        op.create_index(f"ix_{table}_programme_id", table, ["programme_id"])

    # Each name typed in a file becomes a programme; spaces around it do not make another.
    op.execute(
        "INSERT INTO programme (name, funder, note, created_at, updated_at) "
        "SELECT DISTINCT trim(programme), '', '', datetime('now'), datetime('now') "
        "FROM participant WHERE trim(programme) != ''"
    )
    op.execute(
        "UPDATE participant SET programme_id = "
        "(SELECT id FROM programme WHERE programme.name = trim(participant.programme)) "
        "WHERE trim(programme) != ''"
    )


def downgrade() -> None:
    for table in ("module", "participant"):
        op.drop_index(f"ix_{table}_programme_id", table_name=table)
        op.execute(f"ALTER TABLE {table} DROP COLUMN programme_id")
    op.drop_index("ix_esf_followup_due_on", table_name="esf_followup")
    for table in ("esf_followup", "esf_exit", "esf_entry", "programme"):
        op.drop_table(table)
