"""names across scripts: Latin spellings, and a folded key of her names in the index

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Each name gets its Latin spelling (``first_name_latin``, ``last_name_latin``: the passport
spelling of a name written in another script; empty for names in Latin letters). Search
is to find her whichever script or spelling is typed, with or without diacritics: "Olena"
finds Олена, "Sahin" finds Şahin, "Amal" finds أمل. That folding takes ICU, which a
trigger cannot call, so ``participant.name_key`` holds it, written in Python at every
write through the ORM (a listener on the model) and filled here for the stored files;
the index holds it in the ``person`` column with the Latin spellings (see
``coachdesk.transliteration.fold`` for what it holds). Since the key holds the folded
names, the ``person`` column no longer repeats them with ı and ß replaced.

Her document is the view ``search_document`` (0009): it is made anew with these columns,
the participant's trigger learns that a change of them rewrites her document, and the
index is made anew from the view (emptying it under secure-delete took two minutes at
50,000; made anew, seconds).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op

from coachdesk.transliteration import search_key

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


_PERSON = (
    "p.first_name || ' ' || p.last_name || ' ' || p.first_name_latin || ' ' || "
    "p.last_name_latin || ' ' || p.pseudonym || ' ' || p.jobcentre_customer_number || ' ' || "
    "p.programme || ' ' || p.name_key"
)
_PARTICIPANT_COLUMNS = (
    "first_name, last_name, first_name_latin, last_name_latin, name_key, pseudonym, "
    "jobcentre_customer_number, programme, archived_at"
)


def _earlier() -> Any:
    """Migration 0009, whose view, triggers and index this one changes."""
    spec = importlib.util.spec_from_file_location(
        "search_per_participant_0009", Path(__file__).with_name("0009_search_per_participant.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _participant_triggers(earlier: Any, columns: str) -> None:
    """Her trigger on insert and on a change of ``columns`` (the others stay as they are)."""
    op.execute("DROP TRIGGER IF EXISTS participant_search_ai")
    op.execute("DROP TRIGGER IF EXISTS participant_search_au")
    new = earlier.document_of("new.id")
    op.execute(
        f"CREATE TRIGGER participant_search_ai AFTER INSERT ON participant "
        f"WHEN {earlier.PAUSED} BEGIN {new} END"
    )
    op.execute(
        f"CREATE TRIGGER participant_search_au AFTER UPDATE OF {columns} ON participant "
        f"WHEN {earlier.PAUSED} BEGIN {new} END"
    )


def _index_anew() -> None:
    op.execute("DROP TABLE search_index")
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "scope, person, goals, meetings, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute("INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)")
    op.execute(
        "INSERT INTO search_index(rowid, scope, person, goals, meetings) "
        "SELECT id, scope, person, goals, meetings FROM search_document"
    )


def _fill_name_keys() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, first_name, last_name FROM participant")).all()
    keys = [{"id": pid, "key": search_key(first, last)} for pid, first, last in rows]
    if keys:
        conn.execute(sa.text("UPDATE participant SET name_key = :key WHERE id = :id"), keys)


def upgrade() -> None:
    earlier = _earlier()
    op.execute("DROP VIEW search_document")
    # Adding a column fires no trigger; filling the keys would rewrite each document on the
    # way (the index is made anew below).
    op.execute("DROP TRIGGER IF EXISTS participant_search_au")
    for name in ("first_name_latin", "last_name_latin"):
        op.add_column(
            "participant", sa.Column(name, sa.String(100), nullable=False, server_default="")
        )
    op.add_column(
        "participant", sa.Column("name_key", sa.Text(), nullable=False, server_default="")
    )
    _fill_name_keys()
    op.execute(earlier.DOCUMENT_VIEW.replace(earlier._PERSON, _PERSON))
    _participant_triggers(earlier, _PARTICIPANT_COLUMNS)
    _index_anew()


def downgrade() -> None:
    """The columns go; 0009's view, triggers and index come back."""
    earlier = _earlier()
    # SQLite drops the columns in place (a table made anew would, with foreign keys on,
    # delete every goal and meeting with it); nothing may refer to them meanwhile.
    for table, _columns, _pid in earlier.SOURCES:
        for suffix in ("ai", "au", "au_old", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    op.execute("DROP VIEW search_document")
    for name in ("name_key", "last_name_latin", "first_name_latin"):
        op.execute(f"ALTER TABLE participant DROP COLUMN {name}")
    op.execute(earlier.DOCUMENT_VIEW)
    earlier.create_triggers(earlier.SOURCES)
    _index_anew()
