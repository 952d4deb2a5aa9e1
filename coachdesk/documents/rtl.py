"""Right-to-left paragraphs (Arabic, Farsi): broken into lines in reading order, drawn shaped.

ReportLab's paragraphs break lines from left to right: given Arabic in visual order, the end
of a sentence would land on the first line. Here the text is broken into lines in its logical
order (measured in its shaped form), and each line is then put into visual order on its own
by the Unicode bidirectional algorithm with a right-to-left base direction, and drawn from
the right margin: Arabic-script runs in the Arabic font, everything else (digits, Latin
names, punctuation) in the Latin font. ICU's implementation does it (already here for
collation): it mirrors brackets in right-to-left runs and honours isolates (FSI ... PDI,
which keep an inserted Latin name such as "Frauen in Arbeit e.V." in one piece), where
python-bidi 0.6 does neither.

Measured with poppler's ``pdftotext`` (22.12): lines drawn in visual order come back in
logical order (poppler reorders right-to-left lines itself); an ``ActualText`` span with the
logical text, tried as well, came back reversed, so none is written. One thing does not come
back in logical order: a sentence's closing full stop on a page with more left-to-right than
right-to-left letters (most of our pages: German first). Poppler then reads every line of the
page left to right, wraps each right-to-left stretch in an embedding (U+202B ... U+202C) and
counts a full stop as part of a number, which ends such a stretch; the stop, drawn at the
line's left end where it belongs, comes back first: ".<RLE>sentence<PDF>" (right when shown,
not in logical order), and two sentences on one line come back swapped. Nothing drawn changes
that: a right-to-left mark (U+200F) left of the stop comes back as a stretch of its own with
the stop still in front; the Arabic letter mark (U+061C) has no glyph in the font and is not
written; a text object per line does not matter to poppler, which orders by position.
The tests leave the closing full stop out of the sentence they look for.

Arabic vowel marks (harakat) are dropped by the shaping (arabic_reshaper's default). Kept
(``delete_harakat=False``) and drawn without the font's mark positioning (GPOS), a single mark
sits right but a shadda and its vowel overlap. ReportLab's own HarfBuzz shaping (``shapeStr``,
with the ``uharfbuzz`` pyHanko brings) stacks them right, but pdftotext then reads words cut
at every mark and loses the lam-alef ligature (its glyph has no character): worse for the
reader than marks left out, so they stay dropped (measured 2026-12, ReportLab 5.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import icu
from arabic_reshaper import reshape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from coachdesk.documents.fonts import ARABIC, ARABIC_BOLD, SANS_BOLD, register_fonts

_ARABIC_SCRIPT = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u200c]"
)
_RTL_LEVEL = 1
ZWNJ = "\u200c"
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9().,§/\- ]*[A-Za-z0-9)]")
# Brackets mirrored in right-to-left runs. ICU's own removal of controls would also drop the
# zero-width non-joiner Farsi writes inside words (می‌کنم), so only direction marks go.
_WRITE = icu.Bidi.DO_MIRRORING
_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def arabic_font(latin_font: str) -> str:
    return ARABIC_BOLD if latin_font == SANS_BOLD else ARABIC


@cache
def _arabic_covers() -> frozenset[int]:
    """The characters the Arabic font draws itself (its own digits and punctuation too)."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(ARABIC).face.charToGlyph)


def _font_of(ch: str, latin_font: str) -> str:
    """Arabic script, and the digits, spaces and punctuation the Arabic font has, in that font:
    a full stop drawn in another font is a word of its own to a reader such as pdftotext,
    which then puts it before the sentence. Latin and Cyrillic letters in the Latin font."""
    if ch == ZWNJ:
        return latin_font  # the Arabic font draws it as a visible bar; shaping is done already
    if _ARABIC_SCRIPT.match(ch) or (not ch.isalpha() and ord(ch) in _arabic_covers()):
        return arabic_font(latin_font)
    return latin_font


def runs(visual: str, latin_font: str) -> Iterator[tuple[str, str]]:
    """(text, font) pieces of a line, left to right."""
    start = 0
    current: str | None = None
    for i, ch in enumerate(visual):
        font = _font_of(ch, latin_font)
        if font != current:
            if current is not None and i > start:
                yield visual[start:i], current
            start, current = i, font
    if current is not None and start < len(visual):
        yield visual[start:], current


def width_of(visual: str, latin_font: str, size: float) -> float:
    return float(sum(stringWidth(text, font, size) for text, font in runs(visual, latin_font)))


def visual_line(logical: str) -> str:
    """A shaped line in visual order, right-to-left base direction, without direction marks.

    Latin pieces (a citation "Art. 6(1)(a) GDPR", "SGB X § 67b", a date) are isolated left to
    right first: left to the algorithm alone, digits and brackets between Latin letters in a
    right-to-left line come out as "(a)(1)6".
    """
    logical = _LATIN_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", logical)
    text = icu.UnicodeString(logical)  # ICU reads it in place: kept alive until written
    bidi = icu.Bidi()
    bidi.setPara(text, _RTL_LEVEL)
    return str(bidi.writeReordered(_WRITE)).translate(_MARKS)


def break_lines(text: str, latin_font: str, size: float, width: float) -> list[str]:
    """Shaped lines in logical order, each no wider than ``width``."""
    lines: list[str] = []
    for source in text.split("\n"):
        shaped = reshape(source)
        line = ""
        for word in shaped.split(" "):
            candidate = f"{line} {word}" if line else word
            if not line or width_of(candidate, latin_font, size) <= width:
                line = candidate
                continue
            lines.append(line)
            line = word
        lines += _cut(line, latin_font, size, width)
    return lines


def _cut(line: str, latin_font: str, size: float, width: float) -> list[str]:
    """A line that is one word wider than the column, cut between characters."""
    out: list[str] = []
    while len(line) > 1 and width_of(line, latin_font, size) > width:
        end = len(line) - 1
        while end > 1 and width_of(line[:end], latin_font, size) > width:
            end -= 1
        out.append(line[:end])
        line = line[end:]
    return [*out, line]


class RtlText(Flowable):  # type: ignore[misc]
    """A right-aligned paragraph of right-to-left text in a ParagraphStyle's size and leading."""

    def __init__(self, text: object, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = "" if text is None else str(text)
        self.style = style
        self.lines: list[str] = []
        self._width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._width:
            inner = avail_width - self.style.leftIndent - self.style.rightIndent
            size = self.style.fontSize
            self.lines = break_lines(self.text, self.style.fontName, size, inner)
            self._width = avail_width
        self.width = avail_width
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.leading)
        if fit < 1 or fit >= len(self.lines):
            return [] if fit < 1 else [self]
        first = RtlText("\n".join(self.lines[:fit]), self.style)
        rest = RtlText("\n".join(self.lines[fit:]), self.style)
        # Already shaped: reshaping shaped text leaves it as it is.
        return [first, rest]

    def draw(self) -> None:
        st = self.style
        canvas = self.canv
        canvas.setFillColor(st.textColor)
        right = self.width - st.rightIndent
        baseline = self.height - st.fontSize
        for line in self.lines:
            visual = visual_line(line)
            x = right - width_of(visual, st.fontName, st.fontSize)
            for text, font in runs(visual, st.fontName):
                canvas.setFont(font, st.fontSize)
                canvas.drawString(x, baseline, text)
                x += stringWidth(text, font, st.fontSize)
            baseline -= st.leading
