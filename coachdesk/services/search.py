"""Full-text search over participants, goals and meeting summaries (SQLite FTS5).

The index, one document per participant, is kept in step with every write by
triggers (migrations 0009 and 0011); this module only turns what a coach types into a
safe FTS5 query.

Names are found across scripts and spellings: the ``person`` column holds, beside her
names as typed and their Latin spellings, ``participant.name_key`` (her names folded to
lowercase ASCII, and consonant skeletons of names in Arabic script: see
``coachdesk.transliteration.fold``). Each typed word is folded the same way here, and
matches as typed, as folded, or (in ``person`` only) by its skeleton.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, column, select, table, text
from sqlalchemy.orm import Session

from coachdesk.services.context import ServiceContext
from coachdesk.transliteration import query_forms

_WORD = re.compile(r"\w+", re.UNICODE)
_SKELETON = re.compile(r" \[?[01][a-z]+\]?(?=\s|…|$)")
SEARCH_ROWID = table("search_index", column("rowid")).c.rowid


_TEXT_COLUMNS = "{person goals meetings}"
_KIND_OF_COLUMN = ("participant", "goal", "meeting")


def fts_query(user_text: str, current_only: bool = False) -> str | None:
    """Each typed word becomes quoted prefix terms over her fields, goals and meetings (as
    typed, and folded over scripts and diacritics) or over her names' skeletons; all words
    must match (each in any of them). ``current_only`` leaves out archived files. None if
    nothing to search."""
    words = _WORD.findall(user_text)
    if not words:
        return None
    query = " AND ".join(_word_term(w) for w in words[:12])
    return f"scope : current AND {query}" if current_only else query


def _word_term(word: str) -> str:
    folded, skeletons = query_forms(word)
    spellings = dict.fromkeys([word.casefold().replace("ı", "i"), *folded])
    term = f"{_TEXT_COLUMNS} : ({_any_of(spellings)})"
    if skeletons:
        term += f" OR person : ({_any_of(skeletons)})"
    return f"({term})"


def _any_of(words: Iterable[str]) -> str:
    return " OR ".join(f'"{w}"*' for w in words)


def matching_participants(user_text: str, current_only: bool = False) -> Select[Any] | None:
    """A subquery of the ids of participants with a match, for ``Participant.id.in_(...)``.

    None when the text holds nothing to search for. Kept inside the one SQL statement of
    the list (no id list travels through Python, none is cut off). The index holds one
    document per participant whose rowid is her id, so no stored text is read.
    """
    query = fts_query(user_text, current_only)
    if query is None:
        return None
    return select(SEARCH_ROWID).where(text("search_index MATCH :q").bindparams(q=query))


def participant_ids_matching(s: Session, user_text: str) -> list[int]:
    subquery = matching_participants(user_text)
    if subquery is None:
        return []
    return sorted({int(pid) for pid in s.execute(subquery).scalars()})


@dataclass(frozen=True)
class SearchHit:
    """A participant whose file holds the search words: ``kind`` says where the best
    match is (participant, goal or meeting), ``snippet`` shows it in context."""

    kind: str
    participant_id: int
    snippet: str


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(self, user_text: str, limit: int = 50) -> list[SearchHit]:
        query = fts_query(user_text)
        if query is None:
            return []
        snippets = ", ".join(
            f"snippet(search_index, {column}, '[', ']', '…', 12)" for column in (1, 2, 3)
        )
        with self.ctx.read() as s:
            rows = s.execute(
                text(
                    f"SELECT rowid, {snippets} FROM search_index "
                    "WHERE search_index MATCH :q ORDER BY rank LIMIT :limit"
                ),
                {"q": query, "limit": limit},
            )
            return [_hit(int(r[0]), [str(x) for x in r[1:]]) for r in rows]


def _hit(participant_id: int, snippets: list[str]) -> SearchHit:
    """The first column with a marked word; a match made of words from several columns
    shows the first of them."""
    snippets[0] = _SKELETON.sub("", snippets[0])  # her names' skeletons are no words to show
    for kind, snippet in zip(_KIND_OF_COLUMN, snippets, strict=True):
        if "[" in snippet:
            return SearchHit(kind, participant_id, snippet)
    return SearchHit(_KIND_OF_COLUMN[0], participant_id, snippets[0])
