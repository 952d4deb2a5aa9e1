"""Translation and locale-aware formatting.

The UI has one current language (German on a German system, English otherwise,
switchable at run time). Documents choose their own language, so every function
here also takes an explicit ``lang``.

Messages that are created before the language is known (validation errors,
vault errors) keep their message id and parameters and are translated when
they are shown: see :class:`Message`.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import locale
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale
from babel import dates as _dates
from babel import numbers as _numbers

SUPPORTED_LANGUAGES: tuple[str, ...] = ("de", "en")
DOMAIN = "coachdesk"
LOCALE_DIR = Path(__file__).parent / "locale"

_current = "en"
_listeners: list[Callable[[str], None]] = []


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """German on a German system, English otherwise."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    if environ is None:
        loc = locale.getlocale()[0] or ""
        if loc.lower().startswith("de"):
            return "de"
    return "en"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog for ``lang``; English source strings when there is none."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    """Switch the application language; listeners (the UI's retranslate) are told."""
    global _current
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def current_language() -> str:
    return _current


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def off_language_changed(listener: Callable[[str], None]) -> None:
    """Stop telling ``listener`` (a window that is closed for good)."""
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str, lang: str | None = None) -> str:
    """Translate ``message`` into ``lang`` (default: the current language)."""
    return translations(lang or _current).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translations(lang or _current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


@dataclass(frozen=True)
class Message:
    """A translatable message with named parameters, rendered when it is shown."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        text = _(self.msgid, lang)
        if not self.params:
            return text
        values = {k: _render_value(v, lang) for k, v in self.params.items()}
        return text.format(**values)

    def __str__(self) -> str:
        return self.render()


def _render_value(value: object, lang: str | None) -> object:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, dt.datetime):
        return format_datetime(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, float):
        return format_number(value, lang)  # "2,5" in German, "2.5" in English
    return value


@cache
def _locale_of(lang: str) -> Locale:
    return Locale.parse(lang)


def babel_locale(lang: str | None = None) -> Locale:
    """Babel's locale object for ``lang`` (the current language by default), made once: given
    a language code instead, Babel builds it again on every call, three times the cost of
    formatting a date (Today and the lists format hundreds)."""
    return _locale_of(lang or _current)


def format_date(value: dt.date | None, lang: str | None = None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    return str(_dates.format_date(value, format=fmt, locale=babel_locale(lang)))


def format_datetime(value: dt.datetime | None, lang: str | None = None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    return str(_dates.format_datetime(value, format=fmt, locale=babel_locale(lang)))


def format_time(value: dt.time | dt.datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return str(_dates.format_time(value, format="short", locale=babel_locale(lang)))


def format_number(value: float, lang: str | None = None) -> str:
    return str(_numbers.format_decimal(value, locale=babel_locale(lang)))


def date_pattern(lang: str | None = None) -> str:
    """The short date pattern a user types, e.g. ``dd.MM.yy`` in German."""
    return str(_dates.get_date_format("medium", locale=babel_locale(lang)).pattern)


def parse_date(text: str, lang: str | None = None) -> dt.date:
    """Parse a date as a user of ``lang`` types it (also ISO ``YYYY-MM-DD``).

    Raises ValueError for anything that is not a real date.
    """
    text = text.strip()
    if not text:
        raise ValueError("empty date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    lang = lang or _current
    formats: tuple[str, ...]
    if lang == "de":
        formats = ("%d.%m.%Y", "%d.%m.%y")
    else:
        formats = ("%d/%m/%Y", "%d/%m/%y", "%b %d, %Y", "%d %b %Y")
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")
