"""A Latin spelling for a name written in another script, as her passport would print it.

ICU does the work. Where a country prints passports by a national standard, its rules are
given to ICU (``Transliterator.createFromRules``), because the passport spelling is the one
the job centre and every German authority use:

- Ukrainian: the national transliteration of 2010 (Cabinet of Ministers resolution 55),
  printed in Ukrainian passports: Юлія -> Yuliia, Григорій -> Hryhorii, Згурський ->
  Zghurskyi. ICU's own ``Ukrainian-Latin/BGN`` is the older BGN/PCGN table (Yuliya,
  Hryhoriy, Kovalʹchuk) that no passport uses.
- Russian: ICAO Doc 9303, printed in Russian passports since 2013: Юлия -> Iuliia,
  Татьяна -> Tatiana, Фёдорова -> Fedorova. ICU's ``Russian-Latin/BGN`` writes Yuliya,
  Tatʹyana, Fëdorova.
  A Cyrillic name counts as Ukrainian when either name holds a letter only Ukrainian has
  (є, і, ї, ґ, the apostrophe); otherwise as Russian, so a Ukrainian name without them
  (Ганна) gets the Russian spelling (Ganna, not Hanna) until the coach corrects it.
- Persian: ICU's ``Persian-Latin/BGN`` (ض is z, as in Persian), then ``Any-Latin``.
- Arabic: ICU's ``Any-Latin`` (``Arabic-Latin/BGN`` leaves unvocalised letters behind);
  final ة is written a (Fatma), the article ال as "al-", a first ع as a vowel (Abd).
  Arabic script does not write short vowels: أمل gives "Aml", not "Amal". The suggestion
  is a start the coach corrects from the passport; search and the duplicate check do not
  depend on it (see ``coachdesk.transliteration.fold``).
- Everything else (Tigrinya, Greek, Georgian, Armenian, ...): ``Any-Latin``.
Every chain ends in ``Latin-ASCII``: a German form or letter has no room for ʹ or ā.
"""

from __future__ import annotations

import re
from functools import cache

import icu

UKRAINIAN_RULES = r"""
:: NFC ;
$letter = [[:L:][:M:]'ʼ’] ;
зг > zgh ; Зг > Zgh ; ЗГ > ZGH ;
$letter { є > ie ; $letter { ї > i ; $letter { й > i ; $letter { ю > iu ; $letter { я > ia ;
$letter { Є > IE ; $letter { Ї > I ; $letter { Й > I ; $letter { Ю > IU ; $letter { Я > IA ;
є > ye ; ї > yi ; й > y ; ю > yu ; я > ya ;
Є > Ye ; Ї > Yi ; Й > Y ; Ю > Yu ; Я > Ya ;
а > a ; б > b ; в > v ; г > h ; ґ > g ; д > d ; е > e ; ж > zh ; з > z ; и > y ; і > i ;
к > k ; л > l ; м > m ; н > n ; о > o ; п > p ; р > r ; с > s ; т > t ; у > u ; ф > f ;
х > kh ; ц > ts ; ч > ch ; ш > sh ; щ > shch ; ь > ; [\'ʼ’] > ;
А > A ; Б > B ; В > V ; Г > H ; Ґ > G ; Д > D ; Е > E ; Ж > Zh ; З > Z ; И > Y ; І > I ;
К > K ; Л > L ; М > M ; Н > N ; О > O ; П > P ; Р > R ; С > S ; Т > T ; У > U ; Ф > F ;
Х > Kh ; Ц > Ts ; Ч > Ch ; Ш > Sh ; Щ > Shch ; Ь > ;
"""

RUSSIAN_RULES = r"""
:: NFC ;
а > a ; б > b ; в > v ; г > g ; д > d ; е > e ; ё > e ; ж > zh ; з > z ; и > i ; й > i ;
к > k ; л > l ; м > m ; н > n ; о > o ; п > p ; р > r ; с > s ; т > t ; у > u ; ф > f ;
х > kh ; ц > ts ; ч > ch ; ш > sh ; щ > shch ; ъ > ie ; ы > y ; ь > ; э > e ; ю > iu ; я > ia ;
А > A ; Б > B ; В > V ; Г > G ; Д > D ; Е > E ; Ё > E ; Ж > Zh ; З > Z ; И > I ; Й > I ;
К > K ; Л > L ; М > M ; Н > N ; О > O ; П > P ; Р > R ; С > S ; Т > T ; У > U ; Ф > F ;
Х > Kh ; Ц > Ts ; Ч > Ch ; Ш > Sh ; Щ > Shch ; Ъ > Ie ; Ы > Y ; Ь > ; Э > E ; Ю > Iu ; Я > Ia ;
"""

_LATIN = frozenset({"Latn"})
UKRAINIAN_ONLY = frozenset("єіїґЄІЇҐ'ʼ’")
PERSIAN_ONLY = frozenset("پچژگیک")
_ARTICLE = re.compile(r"(?<!\w)ال(?=\w)")
_TA_MARBUTA = re.compile(r"ة(?!\w)")
_AYN_FIRST = re.compile(r"(?<!\w)ع")
_LEFTOVER = re.compile(r"[^A-Za-z0-9 '\-.]+")

# How each script reaches Latin letters, after the passport rules above where they apply.
CYRILLIC_UK, CYRILLIC_RU, ARABIC, PERSIAN, OTHER = "uk", "ru", "ar", "fa", "other"
_CHAINS = {
    CYRILLIC_UK: "Any-Latin; Latin-ASCII",
    CYRILLIC_RU: "Any-Latin; Latin-ASCII",
    ARABIC: "Any-Latin; Latin-ASCII",
    PERSIAN: "Persian-Latin/BGN; Any-Latin; Latin-ASCII",
    OTHER: "Any-Latin; Latin-ASCII",
}
_RULES = {CYRILLIC_UK: UKRAINIAN_RULES, CYRILLIC_RU: RUSSIAN_RULES}


@cache
def _transliterator(kind: str) -> icu.Transliterator:
    rules = _RULES.get(kind)
    if rules is not None:
        return icu.Transliterator.createFromRules(kind, rules, icu.UTransDirection.FORWARD)
    return icu.Transliterator.createInstance(_CHAINS[kind])


@cache
def _to_ascii() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def scripts(text: str) -> frozenset[str]:
    """The ICU short names of the scripts of the letters in ``text`` ("Latn", "Cyrl", ...)."""
    return frozenset(icu.Script.getScript(ord(c)).getShortName() for c in text if c.isalpha()) - {
        "Zyyy",
        "Zinh",
    }


def needs_latin(text: str) -> bool:
    """Whether ``text`` holds a letter that is not a Latin one (a Latin spelling helps)."""
    return bool(scripts(text) - {"Latn"})


def is_abjad(text: str) -> bool:
    """Written in a script without short vowels (Arabic, Hebrew, Syriac)."""
    return bool(scripts(text) & {"Arab", "Hebr", "Syrc"})


def kind_of(text: str, context: str = "") -> str:
    """Which rules spell ``text``; ``context`` (her other name) helps tell Ukrainian from
    Russian and Persian from Arabic."""
    found = scripts(text)
    both = text + context
    if "Cyrl" in found:
        return CYRILLIC_UK if any(c in UKRAINIAN_ONLY for c in both) else CYRILLIC_RU
    if "Arab" in found:
        return PERSIAN if any(c in PERSIAN_ONLY for c in both) else ARABIC
    return OTHER


def transliterate(text: str, kind: str) -> str:
    """``text`` in Latin ASCII letters by the rules of ``kind`` (case as ICU leaves it)."""
    if kind in (ARABIC, PERSIAN):
        # Allah as one word; a first ع is heard as a vowel (Abd, Ali); final ة as a.
        text = _ARTICLE.sub("al-", text.replace("الله", "Allah"))
        text = _TA_MARBUTA.sub("a", _AYN_FIRST.sub("ا", text))
    latin = _transliterator(kind).transliterate(text)
    return _LEFTOVER.sub("", _to_ascii().transliterate(latin))


def latin_spelling(text: str, context: str = "") -> str:
    """The suggested Latin spelling of one name (first or last), "" when it needs none."""
    text = " ".join(text.split())
    if not needs_latin(text):
        return ""
    latin = transliterate(text, kind_of(text, context))
    words = re.split(r"([ \-])", latin)
    return "".join(w[:1].upper() + w[1:] if w.islower() else w for w in words).strip()
