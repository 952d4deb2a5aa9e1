"""Writing many records at once without rewriting a search document per record.

The full-text index holds one document per participant (migration 0009), written by
triggers from the view ``search_document``. A bulk write (the demo generator, an import)
adds dozens of goals and meetings per participant; each would rewrite her document, and
the work grows with the square of her records. Inside :func:`bulk_write` the triggers
pause, and her document is written once at the end, in the same transaction, so a crash
leaves either everything or nothing (never a paused index).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

_PAUSE = text("INSERT INTO search_index_paused (id) VALUES (1)")
_GO_ON = text("DELETE FROM search_index_paused")
_FORGET = text("DELETE FROM search_index WHERE rowid IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
_WRITE = text(
    "INSERT INTO search_index (rowid, scope, person, goals, meetings) "
    "SELECT id, scope, person, goals, meetings FROM search_document WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))


@contextmanager
def bulk_write(s: Session, participant_ids: Iterable[int]) -> Iterator[None]:
    """Within the transaction of ``s``: write the records of ``participant_ids`` (and only
    theirs) in the block; their documents are written once when it ends."""
    ids = sorted(set(participant_ids))
    s.execute(_PAUSE)
    yield
    s.execute(_GO_ON)
    for start in range(0, len(ids), 500):  # SQLite's limit on bound values
        chunk = ids[start : start + 500]
        s.execute(_FORGET, {"ids": chunk})
        s.execute(_WRITE, {"ids": chunk})
