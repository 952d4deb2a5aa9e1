"""The languages a document can be printed in, their direction, and the review state of each.

A document language is any language with a compiled catalog (``translations/xx.po``, built
into ``coachdesk/locale/xx``), plus English, the language of the source strings: a new
language needs a catalog file and no code. The window itself stays German or English
(``i18n.SUPPORTED_LANGUAGES``).

Each catalog entry carries its review state as the gettext ``fuzzy`` flag ("needs work" in
Poedit, "needs editing" in Weblate): fuzzy means machine- or team-written, not yet checked
by a native speaker. ``make translations`` writes, beside each compiled catalog, the list of
its unreviewed entries (``scripts/review_state.py``); a document in a language with any of
them says on the page that the German text applies (``translations/README.md``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from coachdesk import i18n

BINDING = "de"
"""The language whose text is binding: German, printed first on every bilingual document."""
SOURCE = "en"
"""The language of the message ids: complete and reviewed by those who write them."""
REVIEW_FILE = "coachdesk.review.json"
"""Beside ``coachdesk.mo``: the catalog's unreviewed entries, written by ``make translations``."""
NOT_CHECKED = i18n.N_("Translation not yet checked; the German text applies.")
# What a coach may have written for the language (German, English or her own word for it).
_ALIASES = {"dari": "fa", "farsi": "fa", "persisch": "fa"}


def document_languages(locale_dir: Path | None = None) -> tuple[str, ...]:
    """German, English, then every other language with a compiled catalog, by code."""
    folder = locale_dir or i18n.LOCALE_DIR
    found = {p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.mo")}
    others = sorted(found - {BINDING, SOURCE})
    return (BINDING, SOURCE, *others)


@cache
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return None


def is_rtl(lang: str) -> bool:
    """Written right to left (Arabic, Farsi, ...), as Unicode's locale data says."""
    loc = _locale(lang)
    return loc is not None and loc.character_order == "right-to-left"


def language_name(lang: str) -> str:
    """The language's name in itself ("العربية", "Türkçe"), so she finds her own."""
    loc = _locale(lang)
    name = loc.get_display_name(lang) if loc is not None else None
    return (name[:1].upper() + name[1:]) if name else lang


def language_label(lang: str, shown_in: str) -> str:
    """A language as the coach reads it and as she does: "Arabisch – العربية", "English"."""
    theirs = language_name(lang)
    loc = _locale(lang)
    ours = loc.get_display_name(shown_in) if loc is not None else None
    ours = (ours[:1].upper() + ours[1:]) if ours else theirs
    return theirs if ours == theirs else f"{ours} – {theirs}"


def form_languages(document_lang: str, hers: str | None) -> tuple[str, ...]:
    """The languages of a consent form printed in her language too, in their order.

    German comes first, as the binding text, whatever the document's language; then the
    document's language, if it is another (English); then hers. Empty when she has no other
    language than the document's: the form is then in the document's language alone.
    """
    if hers is None or hers == document_lang:
        return ()
    return tuple(dict.fromkeys((BINDING, document_lang, hers)))


def language_of(recorded: str, choices: tuple[str, ...]) -> str | None:
    """The first document language named in a participant's free-text "languages" field.

    "Arabisch, etwas Englisch" gives ``ar``; German is skipped (it is printed anyway), so
    "Deutsch, Türkisch" gives ``tr``. None when no language of ``choices`` is named.
    """
    names: dict[str, str] = dict(_ALIASES)
    for lang in choices:
        loc = _locale(lang)
        if loc is None:
            continue
        for shown_in in (lang, "de", "en"):
            name = loc.get_display_name(shown_in)
            if name:
                names[name.casefold()] = lang
    words = re.findall(r"\w+", recorded.casefold())
    for word in words:
        named = names.get(word)
        if named is not None and named != BINDING and named in choices:
            return named
    return None


@dataclass(frozen=True)
class CatalogReview:
    """How far a native speaker has checked a document language's catalog."""

    lang: str
    unreviewed: frozenset[str]
    """Message ids whose translation is still marked fuzzy (not yet checked)."""
    known: bool
    """False when the catalog came without its review list: then nothing counts as checked."""

    @property
    def reviewed(self) -> bool:
        return self.known and not self.unreviewed


def catalog_review(lang: str, locale_dir: Path | None = None) -> CatalogReview:
    """The review state ``make translations`` recorded for ``lang``'s catalog.

    German is the binding text and English the source: both count as reviewed.
    """
    if lang in (BINDING, SOURCE):
        return CatalogReview(lang, frozenset(), True)
    folder = locale_dir or i18n.LOCALE_DIR
    path = folder / lang / "LC_MESSAGES" / REVIEW_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CatalogReview(lang, frozenset(str(m) for m in data["unreviewed"]), True)
    except (OSError, ValueError, KeyError, TypeError):
        return CatalogReview(lang, frozenset(), False)


def is_checked(lang: str, msgids: tuple[str, ...]) -> bool:
    """Every one of ``msgids`` translated into ``lang`` and checked by a native speaker."""
    review = catalog_review(lang)
    if not review.known or review.unreviewed.intersection(msgids):
        return False
    return not untranslated(lang, msgids)


def untranslated(lang: str, msgids: tuple[str, ...]) -> list[str]:
    """Those of ``msgids`` the catalog of ``lang`` has no translation for."""
    if lang == SOURCE:
        return []
    return [m for m in msgids if i18n._(m, lang) == m]
