"""Full-text search over participants, goals and meeting summaries (SQLite FTS5).

The index is kept in step with every write by triggers (migration 0002); this
module only turns what a coach types into a safe FTS5 query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, column, select, table, text
from sqlalchemy.orm import Session

from coachdesk.services.context import ServiceContext

_WORD = re.compile(r"\w+", re.UNICODE)
SEARCH_PARTICIPANT = table("search_index", column("participant_id")).c.participant_id


def fts_query(user_text: str) -> str | None:
    """Each typed word becomes a quoted prefix term; all must match. None if nothing to search."""
    words = _WORD.findall(user_text.replace("ı", "i").replace("ß", "ss"))
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words[:12])


def matching_participants(user_text: str) -> Select[Any] | None:
    """A subquery of the ids of participants with a match, for ``Participant.id.in_(...)``.

    None when the text holds nothing to search for. Kept inside the one SQL statement of
    the list (no id list travels through Python, none is cut off).
    """
    query = fts_query(user_text)
    if query is None:
        return None
    return select(SEARCH_PARTICIPANT).where(text("search_index MATCH :q").bindparams(q=query))


def participant_ids_matching(s: Session, user_text: str) -> list[int]:
    subquery = matching_participants(user_text)
    if subquery is None:
        return []
    return sorted({int(pid) for pid in s.execute(subquery).scalars()})


@dataclass(frozen=True)
class SearchHit:
    """Where a search word was found: ``kind`` is participant, goal or meeting."""

    kind: str
    ref_id: int
    participant_id: int
    snippet: str


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(self, user_text: str, limit: int = 50) -> list[SearchHit]:
        query = fts_query(user_text)
        if query is None:
            return []
        with self.ctx.read() as s:
            rows = s.execute(
                text(
                    "SELECT kind, rowid / 4, participant_id, "
                    "snippet(search_index, 2, '[', ']', '…', 12) "
                    "FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :limit"
                ),
                {"q": query, "limit": limit},
            )
            return [SearchHit(str(r[0]), int(r[1]), int(r[2]), str(r[3])) for r in rows]
