"""The visible signature stamp and its font, prepared once per process and signer.

pyHanko embeds a subset of the stamp font in every signed PDF. Subsetting the shipped
Noto Sans as it is costs about a third of a second per signature, almost all of it in
decoding the large glyph substitution and positioning tables (GSUB, GPOS, GDEF) that
pyHanko then drops from the subset anyway; and even without them, parsing and subsetting
all 3,300 glyphs for every signature took 17 ms. So the process keeps one small copy of
the font in memory for each set of characters a stamp needs (printable ASCII and Latin-1
for the time and the fingerprint, plus the signer's name and the stamp's wording), without
those tables, and every signature subsets that copy. A signer's name renders in every
script Noto Sans covers (Latin incl. Turkish, Cyrillic, Greek), exactly as before; the
stamp only loses kerning, which a signature stamp does not need.

That copy is small (about a hundred glyphs, 12 KB compressed), so a signature embeds it
whole, compressed once per process, instead of subsetting it again to the glyphs of its
stamp (3 ms of fontTools for each signature, to save about 7 KB of the file).
"""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from fontTools import subset, ttLib  # type: ignore[import-untyped]
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import CIDFontType2, GlyphAccumulator
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
BASE_CHARACTERS = frozenset(chr(c) for c in (*range(0x20, 0x7F), 0x2026))
"""What every stamp may show besides its signer and wording: the time and zone, the
fingerprint, "SHA-256" and the ellipsis."""


_made_elsewhere: dict[frozenset[str], bytes] = {}
"""Stamp fonts another process made (the application, for its batch workers)."""


def stamp_font_bytes(characters: frozenset[str] = BASE_CHARACTERS) -> bytes:
    """The stamp font for ``characters`` (Noto Sans without its shaping tables).

    Made once per process and set of characters (0.15 s of fontTools); a batch's workers
    are given the one the application made (``keep_stamp_font``) instead of each making it.
    """
    given = _made_elsewhere.get(characters)
    return given if given is not None else _subset_font(characters)


def keep_stamp_font(characters: frozenset[str], font: bytes) -> None:
    """Use ``font``, made by ``stamp_font_bytes(characters)`` in another process."""
    _made_elsewhere[characters] = font


@lru_cache(maxsize=8)
def _subset_font(characters: frozenset[str]) -> bytes:
    font = ttLib.TTFont(str(font_path(SANS)))
    options = subset.Options(
        layout_features=[],
        notdef_outline=True,
        name_IDs=["*"],
        name_languages=["*"],
        drop_tables=[*subset.Options().drop_tables, *_DROPPED_TABLES],
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters | BASE_CHARACTERS))
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _compressed_font(characters: frozenset[str]) -> bytes:
    return zlib.compress(stamp_font_bytes(characters))


class _WholeFontFile(CIDFontType2):  # type: ignore[misc]
    """The stamp font's program embedded as it is, from bytes compressed once."""

    def __init__(self, engine: GlyphAccumulator, compressed: bytes) -> None:
        made = engine.cidfont_obj  # pyHanko's, named "<subset prefix>+<PostScript name>"
        super().__init__(engine.tt, made.name.partition("+")[2], engine.subset_prefix)
        self.compressed = compressed

    def set_font_file(self, writer: BasePdfFileWriter) -> generic.IndirectObject:
        stream = generic.StreamObject(
            {generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")},
            encoded_data=self.compressed,
        )
        ref = writer.add_object(stream)
        self._font_descriptor[generic.pdf_name("/FontFile2")] = ref
        return ref


class _WholeStampFont(GlyphAccumulator):  # type: ignore[misc]
    """pyHanko's glyph accumulator, embedding the (already small) stamp font whole."""

    def __init__(self, compressed: bytes, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cidfont_obj = _WholeFontFile(self, compressed)

    def _extract_subset(self, options: Any = None) -> None:
        """Nothing to cut away: the stamp font holds only what stamps may show."""


@dataclass(frozen=True)
class StampFontFactory(FontEngineFactory):  # type: ignore[misc]
    """Gives pyHanko a fresh glyph accumulator over the in-memory stamp font.

    A fresh one per signature: it collects the glyphs and widths of one stamp.
    """

    characters: frozenset[str] = BASE_CHARACTERS
    font_size: int = STAMP_FONT_SIZE

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: Any = None
    ) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()  # type: ignore[no-untyped-call]
        return _WholeStampFont(
            _compressed_font(self.characters),
            writer=writer,
            font_handle=BytesIO(stamp_font_bytes(self.characters)),
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def stamp_characters(text: str) -> frozenset[str]:
    """What a stamp showing ``text`` needs beyond ``BASE_CHARACTERS``."""
    return frozenset(unicodedata.normalize("NFC", text)) - BASE_CHARACTERS - {"\n"}


def stamp_style(text: str = "") -> TextStampStyle:
    """The stamp, with a font holding the characters of ``text`` (its name and wording)."""
    return _stamp_style(stamp_characters(text))


@lru_cache(maxsize=8)
def _stamp_style(characters: frozenset[str]) -> TextStampStyle:
    return TextStampStyle(
        border_width=1,
        stamp_text=STAMP_TEXT,
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
        text_box_style=TextBoxStyle(font=StampFontFactory(characters)),
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
