"""The visible signature stamp and its font, prepared once per process.

pyHanko embeds a subset of the stamp font in every signed PDF. Subsetting the shipped
Noto Sans as it is costs about a third of a second per signature, almost all of it in
decoding the large glyph substitution and positioning tables (GSUB, GPOS, GDEF) that
pyHanko then drops from the subset anyway. So the process keeps one copy of the font
without those tables, in memory, and every signature subsets that copy. All glyphs stay,
so the signer's name renders in every script Noto Sans covers (Latin incl. Turkish,
Cyrillic, Greek); the stamp only loses kerning, which a signature stamp does not need.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from fontTools import ttLib  # type: ignore[import-untyped]
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from coachdesk.documents.fonts import SANS, font_path, register_fonts
from coachdesk.documents.header import wrap_text

if TYPE_CHECKING:
    from pyhanko.pdf_utils.writer import BasePdfFileWriter

STAMP_FONT_SIZE = 8
# Shaping tables: only needed for kerning and ligatures, and the most expensive to decode.
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "DSIG")
STAMP_TEXT = "%(line)s\n%(signer)s\n%(ts)s\nSHA-256 %(fp)s"


@cache
def stamp_font_bytes() -> bytes:
    """The stamp font (Noto Sans without its shaping tables), built on first use."""
    font = ttLib.TTFont(str(font_path(SANS)))
    for tag in _DROPPED_TABLES:
        if tag in font:
            del font[tag]
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class StampFontFactory(FontEngineFactory):  # type: ignore[misc]
    """Gives pyHanko a fresh glyph accumulator over the in-memory stamp font.

    A fresh one per signature: pyHanko's subsetting overwrites the font it is given.
    """

    font_size: int = STAMP_FONT_SIZE

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: Any = None
    ) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()  # type: ignore[no-untyped-call]
        return GlyphAccumulator(
            writer=writer,
            font_handle=BytesIO(stamp_font_bytes()),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


@cache
def stamp_style() -> TextStampStyle:
    return TextStampStyle(
        border_width=1,
        stamp_text=STAMP_TEXT,
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
        text_box_style=TextBoxStyle(font=StampFontFactory()),
    )


def stamp_name(name: str, box_width: float) -> str:
    """The signer's name in as many lines as the stamp needs (a name may have 200 characters).

    pyHanko shrinks the whole stamp to its longest line: one long line made it unreadable.
    """
    register_fonts()  # measured with the document font (a PDF from elsewhere registered none)
    return stamp_text("\n".join(wrap_text(name, SANS, STAMP_FONT_SIZE, box_width - 24)))


def stamp_text(text: str) -> str:
    """Composed characters, so accents need no mark positioning (the stamp font has none)."""
    return unicodedata.normalize("NFC", text)
