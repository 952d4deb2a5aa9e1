"""Sorting and comparing text by the rules of a language (ICU collation).

Code-point order put "Bäcker" after "Botan", "Şahin" after "Zêbarî" and every Cyrillic
and Arabic name at the end. ICU orders letters as a German or English reader expects;
scripts come in ICU's root order (Latin, then Greek, Cyrillic, ..., Arabic), the same in
every list and document.
"""

from __future__ import annotations

from functools import cache

import icu

from coachdesk import i18n


@cache
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def sort_key(text: str, lang: str | None = None) -> bytes:
    """A key whose byte order is the collation order of ``text`` in ``lang`` (default: the
    language of the window). Keys of the same language compare with plain ``<``."""
    key: bytes = _collator(lang or i18n.current_language()).getSortKey(text)
    return key


def name_key(last: str, first: str, tie: int = 0, lang: str | None = None) -> bytes:
    """Sort by last name, then first name, then ``tie`` (an id, for a stable order)."""
    # ICU keys end in one zero byte and hold none before it: joined by zero bytes, a shorter
    # last name sorts before a longer one that starts with it.
    return (
        sort_key(last, lang).rstrip(b"\x00")
        + b"\x00"
        + sort_key(first, lang).rstrip(b"\x00")
        + b"\x00"
        + tie.to_bytes(8, "big")
    )
