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


STORED_ORDER = "name_order_collation"
"""The vault setting naming the collation of ``participant.name_order``'s keys."""


def stored_order_version() -> str:
    """The collation the stored name order is made with: ICU's root collation of this ICU.

    Keys of another ICU version may order some names differently; a vault whose keys were
    made by another version has them made anew when it is opened."""
    return f"icu-{icu.ICU_VERSION}-root"


def stored_order_key(last: str, first: str) -> bytes:
    """Her place in the participant list, kept in ``participant.name_order``: the
    :func:`name_key` of her names in the root collation, without the id (SQLite orders by
    ``name_order, id``: the same order as :func:`name_key` with her id as the tie)."""
    return name_key(last, first, 0, "root")[:-8]


def stored_order_fits(lang: str | None = None) -> bool:
    """Whether the stored name order is the order of ``lang`` (default: the window's): a
    language whose collation has no rules of its own (German, English) sorts as the root."""
    collator = _collator(lang or i18n.current_language())
    return not collator.getRules()
