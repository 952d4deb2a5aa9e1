"""Names across scripts: a Latin spelling to suggest (``latin``) and the folded forms that
search and the duplicate check compare (``fold``). ICU only; no Qt, no database."""

from __future__ import annotations

from coachdesk.transliteration.fold import NameKeys, name_keys, query_forms, search_key
from coachdesk.transliteration.latin import latin_spelling, needs_latin

__all__ = ["NameKeys", "latin_spelling", "name_keys", "needs_latin", "query_forms", "search_key"]
