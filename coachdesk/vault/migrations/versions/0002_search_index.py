"""full-text search index over participants, goals and meeting summaries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

An FTS5 table kept in step with writes by triggers, so every path that writes
(services, demo generator, migrations) keeps the index right. The rowid
encodes the source row (id * 4 + kind) so that an update touches one index
row instead of scanning the table. FTS5's ``secure-delete`` option removes
the tokens of deleted rows from the index pages, so erased people leave no
words behind. Turkish dotless i and German sharp s are folded (ı -> i, ß -> ss, names
also kept as typed) because unicode61 keeps them apart and coaches type
"Yilmaz" for "Yılmaz".
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (kind code, table, participant id expression, text expression)
SOURCES = (
    (
        1,
        "participant",
        "{r}.id",
        "{r}.first_name || ' ' || {r}.last_name || ' ' || {r}.pseudonym || ' ' || "
        "{r}.jobcentre_customer_number || ' ' || {r}.programme || ' ' || "
        "replace(replace({r}.first_name || ' ' || {r}.last_name, 'ı', 'i'), 'ß', 'ss')",
    ),
    (
        2,
        "goal",
        "{r}.participant_id",
        "replace(replace({r}.title || ' ' || {r}.description, 'ı', 'i'), 'ß', 'ss')",
    ),
    (
        3,
        "meeting",
        "{r}.participant_id",
        "replace(replace({r}.agenda || ' ' || {r}.shared_summary, 'ı', 'i'), 'ß', 'ss')",
    ),
)


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, participant_id UNINDEXED, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute("INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)")
    for code, table, pid, text in SOURCES:
        new_pid, new_text = pid.format(r="new"), text.format(r="new")
        insert = (
            f"INSERT INTO search_index(rowid, kind, participant_id, body) "
            f"VALUES (new.id * 4 + {code}, '{table}', {new_pid}, {new_text});"
        )
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 4 + {code};"
        op.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(
            f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END"
        )
        op.execute(f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END")
        op.execute(
            f"INSERT INTO search_index(rowid, kind, participant_id, body) "
            f"SELECT r.id * 4 + {code}, '{table}', {pid.format(r='r')}, {text.format(r='r')} "
            f"FROM {table} AS r"
        )


def downgrade() -> None:
    for _code, table, _pid, _text in SOURCES:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_index")
