"""her programme by record only: the typed programme name goes

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

Since 0017 every file points to a programme record (``participant.programme_id``); the typed
name ``participant.programme`` is dropped, in place (a participant table made anew would
lose the search triggers and, with foreign keys on, take her records with it). First what
refers to the column goes: its index (0014), the search view and the participant's search
trigger (0011). The view is made anew with her programme's name read from the record, so
her document holds the same words as before and the index needs no rebuild; the trigger
now listens to ``programme_id``, and a new trigger on ``programme`` rewrites the documents
of a programme's participants when the programme is renamed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_NAME_OF_HER_PROGRAMME = (
    "coalesce((SELECT g.name FROM programme AS g WHERE g.id = p.programme_id), '')"
)
_COLUMNS_BEFORE = (
    "first_name, last_name, first_name_latin, last_name_latin, name_key, pseudonym, "
    "jobcentre_customer_number, programme, archived_at"
)
_COLUMNS = _COLUMNS_BEFORE.replace("programme,", "programme_id,")
_OF_PROGRAMME = "(SELECT p.id FROM participant AS p WHERE p.programme_id = new.id)"


def _load(name: str) -> Any:
    path = Path(__file__).with_name(name)
    spec = importlib.util.spec_from_file_location(path.stem.replace("0", "m", 1), path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    first, names = _load("0009_search_per_participant.py"), _load("0011_names_across_scripts.py")
    # The view and trigger anew first: SQLite checks them all when a column is dropped.
    op.execute("DROP VIEW search_document")
    person = names._PERSON.replace("p.programme", _NAME_OF_HER_PROGRAMME)
    op.execute(first.DOCUMENT_VIEW.replace(first._PERSON, person))
    names._participant_triggers(first, _COLUMNS)
    op.drop_index("ix_participant_programme", table_name="participant")
    op.execute("ALTER TABLE participant DROP COLUMN programme")
    op.execute(
        f"CREATE TRIGGER programme_search_au AFTER UPDATE OF name ON programme "
        f"WHEN {first.PAUSED} BEGIN "
        f"DELETE FROM search_index WHERE rowid IN {_OF_PROGRAMME}; "
        "INSERT INTO search_index(rowid, scope, person, goals, meetings) "
        "SELECT id, scope, person, goals, meetings FROM search_document "
        f"WHERE id IN {_OF_PROGRAMME}; END"
    )


def downgrade() -> None:
    """The typed name comes back, filled from the record; 0011's view and triggers too."""
    first, names = _load("0009_search_per_participant.py"), _load("0011_names_across_scripts.py")
    op.execute("DROP TRIGGER IF EXISTS programme_search_au")
    op.execute("ALTER TABLE participant ADD COLUMN programme VARCHAR(100) NOT NULL DEFAULT ''")
    op.execute("DROP VIEW search_document")
    op.execute(
        "UPDATE participant SET programme = coalesce("
        "(SELECT name FROM programme WHERE programme.id = participant.programme_id), '')"
    )
    op.create_index("ix_participant_programme", "participant", ["programme"])
    op.execute(first.DOCUMENT_VIEW.replace(first._PERSON, names._PERSON))
    names._participant_triggers(first, _COLUMNS_BEFORE)
