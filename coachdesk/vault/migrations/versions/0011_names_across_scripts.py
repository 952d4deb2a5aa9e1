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
the triggers index it in the ``person`` column with the Latin spellings (see
``coachdesk.transliteration.fold`` for what it holds). Since the key holds the folded
names, the ``person`` column no longer repeats them with ı and ß replaced.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from coachdesk.transliteration import search_key

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _fold(expression: str) -> str:
    return f"replace(replace({expression}, 'ı', 'i'), 'ß', 'ss')"


_PERSON = (
    "p.first_name || ' ' || p.last_name || ' ' || p.first_name_latin || ' ' || "
    "p.last_name_latin || ' ' || p.pseudonym || ' ' || p.jobcentre_customer_number || ' ' || "
    "p.programme || ' ' || p.name_key"
)
_GOALS = _fold(
    "coalesce((SELECT group_concat(g.title || ' ' || g.description, ' ') "
    "FROM goal AS g WHERE g.participant_id = p.id), '')"
)
_MEETINGS = _fold(
    "coalesce((SELECT group_concat(m.agenda || ' ' || m.shared_summary, ' ') "
    "FROM meeting AS m WHERE m.participant_id = p.id), '')"
)
_SCOPE = "CASE WHEN p.archived_at IS NULL THEN 'current' ELSE 'archived' END"
_DOCUMENT = f"SELECT p.id, {_SCOPE}, {_PERSON}, {_GOALS}, {_MEETINGS} FROM participant AS p"


def document_of(participant_id: str) -> str:
    """The statements that write the document of ``participant_id`` (an SQL expression)."""
    return (
        f"DELETE FROM search_index WHERE rowid = {participant_id}; "
        "INSERT INTO search_index(rowid, scope, person, goals, meetings) "
        f"{_DOCUMENT} WHERE p.id = {participant_id};"
    )


# (table, the columns whose change rewrites the document, its participant id column)
SOURCES = (
    (
        "participant",
        "first_name, last_name, first_name_latin, last_name_latin, name_key, pseudonym, "
        "jobcentre_customer_number, programme, archived_at",
        "id",
    ),
    ("goal", "title, description, participant_id", "participant_id"),
    ("meeting", "agenda, shared_summary, participant_id", "participant_id"),
)
SUFFIXES = ("ai", "au", "au_old", "ad")


def _drop_triggers() -> None:
    for table, _columns, _pid in SOURCES:
        for suffix in SUFFIXES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")


def _fill_name_keys() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, first_name, last_name FROM participant")).all()
    keys = [{"id": pid, "key": search_key(first, last)} for pid, first, last in rows]
    if keys:
        conn.execute(sa.text("UPDATE participant SET name_key = :key WHERE id = :id"), keys)


def upgrade() -> None:
    _drop_triggers()  # filling the keys must not rewrite each document on the way
    for name in ("first_name_latin", "last_name_latin"):
        op.add_column(
            "participant", sa.Column(name, sa.String(100), nullable=False, server_default="")
        )
    op.add_column(
        "participant", sa.Column("name_key", sa.Text(), nullable=False, server_default="")
    )
    _fill_name_keys()
    # Made anew rather than emptied: with secure-delete, deleting each of 50,000 documents
    # rewrote the index pages again and again (two minutes instead of seconds).
    op.execute("DROP TABLE search_index")
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "scope, person, goals, meetings, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute("INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)")
    op.execute(f"INSERT INTO search_index(rowid, scope, person, goals, meetings) {_DOCUMENT}")
    for table, columns, pid in SOURCES:
        new, old = document_of(f"new.{pid}"), document_of(f"old.{pid}")
        op.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {new} END")
        op.execute(
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {columns} ON {table} BEGIN {new} END"
        )
        if table != "participant":
            # Moved to another participant: the old one's document loses the text.
            op.execute(
                f"CREATE TRIGGER {table}_search_au_old AFTER UPDATE OF participant_id "
                f"ON {table} WHEN old.participant_id IS NOT new.participant_id BEGIN {old} END"
            )
        op.execute(f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {old} END")


def downgrade() -> None:
    """The columns go; 0009's index and triggers come back, filled again."""
    _drop_triggers()
    with op.batch_alter_table("participant", schema=None) as batch_op:
        for name in ("name_key", "last_name_latin", "first_name_latin"):
            batch_op.drop_column(name)
    spec = importlib.util.spec_from_file_location(
        "search_per_participant_0009", Path(__file__).with_name("0009_search_per_participant.py")
    )
    assert spec is not None and spec.loader is not None
    earlier = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(earlier)
    earlier.upgrade()
