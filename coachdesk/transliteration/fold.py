"""Names folded over scripts, case and diacritics: for the search index and duplicates.

A name is folded into lowercase ASCII words, the way a coach types it on a German keyboard:
Şahin -> sahin, Yılmaz -> yilmaz, Müller -> muller and mueller, Олена -> olena, Ганна ->
hanna (Ukrainian rules) and ganna (Russian rules): both, since which one applies cannot
be told from the letters alone.

Arabic and Persian script write no short vowels, so no spelling can be computed from
أمل that equals what she types (Amal). For these names the key also holds a consonant
skeleton ("ml"): vowels, y, w and v left out, q as k, doubled letters once. A typed
word's skeleton then finds the name. Skeletons are prefixed so that they never meet a
word of the text: "0" for skeletons of names in an abjad (Arabic, Hebrew, Syriac script),
"1" for skeletons of Latin spellings. A word typed in Latin letters looks for "0" only
(Fatma finds فاطمة, never Fatima), a word typed in Arabic script also for "1" (فاطمة
finds Fatima).

``participant.name_key`` stores ``search_key`` (migration 0011 filled it for stored files);
a change to what it holds needs a migration that fills it anew.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

import icu

from coachdesk.transliteration.latin import (
    CYRILLIC_RU,
    CYRILLIC_UK,
    kind_of,
    scripts,
    transliterate,
)

ABJAD_MARK, LATIN_MARK = "0", "1"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NOT_LETTER = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_NOT_SKELETON = re.compile(r"[^bcdfghjklmnprstxz]+")


@cache
def _latin_ascii() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Latin-ASCII; Lower")


@cache
def _german_ascii() -> icu.Transliterator:
    return icu.Transliterator.createInstance("de-ASCII; Latin-ASCII; Lower")


def _clean(text: str) -> str:
    return _NOT_LETTER.sub("", text.lower())


@lru_cache(maxsize=16384)  # names repeat: filling the keys of a big vault is 3x faster
def word_forms(word: str, context: str = "") -> tuple[str, ...]:
    """The folded spellings of one word (first the most likely), each one ASCII word."""
    found = scripts(word)
    if not found or found == {"Latn"}:
        candidates = [_latin_ascii().transliterate(word), _german_ascii().transliterate(word)]
    else:
        kind = kind_of(word, context)
        kinds = [kind, CYRILLIC_RU if kind == CYRILLIC_UK else CYRILLIC_UK]
        candidates = [transliterate(word, k) for k in (kinds if "Cyrl" in found else [kind])]
    forms: list[str] = []
    for candidate in candidates:
        folded = _clean(candidate)
        if folded and folded not in forms:
            forms.append(folded)
    return tuple(forms)


def field_forms(text: str) -> list[str]:
    """The folded spellings of a whole name field, words joined by one space."""
    per_word = [word_forms(w, text) for w in _WORD.findall(text)]
    per_word = [forms for forms in per_word if forms]
    return [" ".join(combo) for combo in product(*per_word)][:8] if per_word else []


_GERMAN_SPELLING = (("tsch", "ch"), ("dsch", "j"), ("sch", "sh"), ("q", "k"))


def skeleton(folded: str) -> str:
    """The consonants of a folded spelling (spaces too are left out): Amal, أمل -> ml.
    German spellings of Arabic sounds count as the English ones (Schirin as Shirin)."""
    for german, english in _GERMAN_SPELLING:
        folded = folded.replace(german, english)
    return _NOT_SKELETON.sub("", _DOUBLE.sub(r"\1", folded))


def _abjad(text: str) -> bool:
    return bool(scripts(text) & {"Arab", "Hebr", "Syrc"})


def _skeletons(folded: str, abjad: bool) -> set[str]:
    """The skeletons of one folded spelling: of the whole and of each word (and of an
    Arabic word without its article al-)."""
    words = folded.split()
    if abjad:
        words += [w[2:] for w in words if w.startswith("al") and len(w) > 4]
    found = {skeleton(w) for w in [folded.replace(" ", ""), *words]}
    return {s for s in found if len(s) >= 2}


def _as_indexed(text: str) -> set[str]:
    """The words of ``text`` as the index's tokenizer keeps them (lower case, no accents)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return set(_WORD.findall(bare.lower()))


def search_key(first: str, last: str, first_latin: str = "", last_latin: str = "") -> str:
    """What the search index holds of her names beyond the names as typed: each folded
    spelling the index does not already have (sahin for Şahin it has; yilmaz for Yılmaz,
    mueller for Müller, olena for Олена it has not) and the marked skeletons, as words."""
    words: list[str] = []
    names = (first, last, first_latin, last_latin)
    indexed = _as_indexed(" ".join(names))
    for text in names:
        abjad = _abjad(text)
        mark = ABJAD_MARK if abjad else LATIN_MARK
        for form in field_forms(text):
            words += [w for w in form.split() if w not in indexed]
            words += sorted(mark + s for s in _skeletons(form, abjad))
    return " ".join(dict.fromkeys(words))


def query_forms(word: str) -> tuple[list[str], list[str]]:
    """For one typed word: its folded spellings, and the marked skeletons it looks for."""
    forms = list(word_forms(word))
    abjad = _abjad(word)
    marks = (ABJAD_MARK, LATIN_MARK) if abjad else (ABJAD_MARK,)
    found = {skeleton(f) for f in forms}
    skeletons = sorted(m + s for s in found if len(s) >= 2 for m in marks)
    return forms, skeletons


@dataclass(frozen=True)
class NameKeys:
    """A person's names as the duplicate check compares them."""

    spellings: frozenset[tuple[str, str]]
    """(first, last) in every folded spelling, of the names as typed and the Latin ones."""
    abjad: frozenset[tuple[str, str]]
    """Skeletons of names written in Arabic (or Hebrew) script."""
    latin: frozenset[tuple[str, str]]
    """Skeletons of the other spellings."""

    def same_person(self, other: NameKeys) -> bool:
        """The same names, in any of their spellings; a name in Arabic script matches a
        Latin one by its skeleton (with the same date of birth, that is her)."""
        return bool(
            self.spellings & other.spellings
            or self.abjad & (other.abjad | other.latin)
            or other.abjad & self.latin
        )


def name_keys(first: str, last: str, first_latin: str = "", last_latin: str = "") -> NameKeys:
    spellings: set[tuple[str, str]] = set()
    abjad: set[tuple[str, str]] = set()
    latin: set[tuple[str, str]] = set()
    for f_text, l_text in ((first, last), (first_latin or first, last_latin or last)):
        pairs = set(product(field_forms(f_text), field_forms(l_text)))
        spellings |= pairs
        target = abjad if _abjad(f_text + l_text) else latin
        target |= {(skeleton(first_form), skeleton(last_form)) for first_form, last_form in pairs}
    return NameKeys(frozenset(spellings), frozenset(abjad), frozenset(latin))
