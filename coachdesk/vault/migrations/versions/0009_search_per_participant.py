"""the full-text index holds one document per participant

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Until now every participant, goal and meeting was a document of its own, and a search
mapped each matching document to its participant by reading her id from the index's
stored text. At 50,000 participants a word from meeting summaries matches 60,000
documents, and reading their ids cost 100–300 ms a search. Now a participant is one
document with a column for her own fields, one for her goals and one for her meetings'
agenda and shared summary (never the internal notes), and the document's rowid is her
id: a search reads no stored text at all. A ``scope`` column says whether her file is
current or archived, so the list (current files only) never visits the archive.

The triggers rebuild her document when a field the index holds changes; a change of
status or a date leaves the index alone. ``secure-delete`` stays on, so the words of an
erased person or a deleted meeting are removed from the index pages. Folding as before:
Turkish dotless i and German sharp s (ı -> i, ß -> ss; names also kept as typed).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fold(expression: str) -> str:
    return f"replace(replace({expression}, 'ı', 'i'), 'ß', 'ss')"


_PERSON = (
    "p.first_name || ' ' || p.last_name || ' ' || p.pseudonym || ' ' || "
    "p.jobcentre_customer_number || ' ' || p.programme || ' ' || "
    + _fold("p.first_name || ' ' || p.last_name")
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


# Her document, defined once: the triggers write one row of it, a bulk write all it touched.
# A later migration that changes what is indexed replaces this view and rebuilds the index.
DOCUMENT_VIEW = (
    "CREATE VIEW search_document AS "
    f"SELECT p.id AS id, {_SCOPE} AS scope, {_PERSON} AS person, {_GOALS} AS goals, "
    f"{_MEETINGS} AS meetings FROM participant AS p"
)


def document_of(participant_id: str) -> str:
    """The statements that write the document of ``participant_id`` (an SQL expression)."""
    return (
        f"DELETE FROM search_index WHERE rowid = {participant_id}; "
        "INSERT INTO search_index(rowid, scope, person, goals, meetings) "
        "SELECT id, scope, person, goals, meetings FROM search_document "
        f"WHERE id = {participant_id};"
    )


# While a row is in this table the triggers write nothing: a bulk write (the demo, an
# import) fills hundreds of rows per participant and rebuilds each document once, at its
# end, in the same transaction (coachdesk.vault.search_index.bulk_write).
PAUSED = "NOT EXISTS (SELECT 1 FROM search_index_paused)"


# (table, the columns whose change rewrites the document, its participant id column)
SOURCES = (
    (
        "participant",
        "first_name, last_name, pseudonym, jobcentre_customer_number, programme, archived_at",
        "id",
    ),
    ("goal", "title, description, participant_id", "participant_id"),
    ("meeting", "agenda, shared_summary, participant_id", "participant_id"),
)
OLD_KINDS = ("participant", "goal", "meeting")


def create_triggers(sources: tuple[tuple[str, str, str], ...]) -> None:
    """The triggers that write her document when a record of ``sources`` changes."""
    for table, columns, pid in sources:
        new, old = document_of(f"new.{pid}"), document_of(f"old.{pid}")
        op.execute(
            f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} "
            f"WHEN {PAUSED} BEGIN {new} END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE OF {columns} ON {table} "
            f"WHEN {PAUSED} BEGIN {new} END"
        )
        if table != "participant":
            # Moved to another participant: the old one's document loses the text.
            op.execute(
                f"CREATE TRIGGER {table}_search_au_old AFTER UPDATE OF participant_id "
                f"ON {table} WHEN {PAUSED} AND old.participant_id IS NOT new.participant_id "
                f"BEGIN {old} END"
            )
        op.execute(
            f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} "
            f"WHEN {PAUSED} BEGIN {old} END"
        )


def upgrade() -> None:
    for table in OLD_KINDS:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "scope, person, goals, meetings, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute("INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)")
    op.execute("CREATE TABLE search_index_paused (id INTEGER PRIMARY KEY CHECK (id = 1))")
    op.execute(DOCUMENT_VIEW)
    op.execute(
        "INSERT INTO search_index(rowid, scope, person, goals, meetings) "
        "SELECT id, scope, person, goals, meetings FROM search_document"
    )
    create_triggers(SOURCES)


def downgrade() -> None:
    """Back to one document per record: 0002's table and triggers, filled again."""
    for table in OLD_KINDS:
        for suffix in ("ai", "au", "au_old", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    op.execute("DROP VIEW IF EXISTS search_document")
    op.execute("DROP TABLE IF EXISTS search_index_paused")
    op.execute("DROP TABLE IF EXISTS search_index")
    spec = importlib.util.spec_from_file_location(
        "search_index_0002", Path(__file__).with_name("0002_search_index.py")
    )
    assert spec is not None and spec.loader is not None
    first = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(first)
    first.upgrade()
