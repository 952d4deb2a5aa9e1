"""Embedded Unicode fonts for documents, and paragraph markup that mixes scripts.

Noto Sans covers Latin (incl. Turkish), Cyrillic and Greek; Noto Naskh Arabic
covers Arabic script. ReportLab lays text out left to right without shaping,
so runs of Arabic script are shaped (contextual forms) and put into visual
order here, and drawn in the Arabic font.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from arabic_reshaper import reshape
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coachdesk.i18n import N_, Message

# A folder holding ``fonts/`` (packagers and tests may point elsewhere).
RESOURCES_ENV = "COACHDESK_RESOURCES"
SANS = "CoachSans"
SANS_BOLD = "CoachSans-Bold"
ARABIC = "CoachArabic"
ARABIC_BOLD = "CoachArabic-Bold"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
}

_ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run of Arabic-script words, with the spaces between them.
_ARABIC_RUN = re.compile(f"[{_ARABIC_CHARS}]+(?:[ \u00a0]+[{_ARABIC_CHARS}]+)*")


class FontsMissingError(Exception):
    """The shipped fonts are not where CoachDesk looked: a broken installation."""

    def __init__(self, searched: list[Path]) -> None:
        self.searched = searched
        self.message = Message(
            N_(
                "The fonts for documents are missing, so no document can be made. "
                "Please reinstall CoachDesk. (Looked in: {folders})"
            ),
            {"folders": "; ".join(str(p) for p in searched)},
        )
        super().__init__(self.message.msgid)

    def __str__(self) -> str:
        return self.message.render()


def _candidates() -> list[Path]:
    """Where the fonts may be, in order: an explicit folder, a bundle, the source tree, share/."""
    found = []
    override = os.environ.get(RESOURCES_ENV)
    if override:
        found.append(Path(override) / "fonts")
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks ``resources/`` here
    if bundle:
        found.append(Path(bundle) / "resources" / "fonts")
    found.append(Path(__file__).resolve().parents[2] / "resources" / "fonts")
    # A wheel installs them as data files: share/coachdesk/fonts under the environment.
    found.append(Path(sys.prefix) / "share" / "coachdesk" / "fonts")
    return found


@cache
def font_dir() -> Path:
    """The first folder holding every shipped font; ``FontsMissingError`` if there is none."""
    searched = _candidates()
    for folder in searched:
        if all((folder / filename).is_file() for filename in _FILES.values()):
            return folder
    raise FontsMissingError(searched)


def font_path(name: str) -> Path:
    return font_dir() / _FILES[name]


def shipped_fonts() -> dict[str, Path]:
    """Every font a document may use, by its ReportLab name."""
    return {name: font_path(name) for name in _FILES}


@cache
def register_fonts() -> None:
    """Register the shipped fonts with ReportLab once per process."""
    for name, path in shipped_fonts().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for family, normal, bold in ((SANS, SANS, SANS_BOLD), (ARABIC, ARABIC, ARABIC_BOLD)):
        addMapping(family, 0, 0, normal)
        addMapping(family, 1, 0, bold)
        # No italic cuts are shipped: italics fall back to the upright face.
        addMapping(family, 0, 1, normal)
        addMapping(family, 1, 1, bold)


def visual_arabic(text: str) -> str:
    """An Arabic-script run shaped and in visual (left-to-right drawing) order."""
    return str(get_display(reshape(text), base_dir="R"))


def markup(text: object) -> str:
    """Paragraph markup for plain ``text``: escaped, line breaks kept, Arabic runs shaped."""
    plain = "" if text is None else str(text)
    parts: list[str] = []
    pos = 0
    for m in _ARABIC_RUN.finditer(plain):
        parts.append(_escape_lines(plain[pos : m.start()]))
        # Non-breaking spaces keep a multi-word run on one line, so its order stays right.
        run = visual_arabic(m.group(0)).replace(" ", "\u00a0")
        parts.append(f'<font name="{ARABIC}">{escape(run)}</font>')
        pos = m.end()
    parts.append(_escape_lines(plain[pos:]))
    return "".join(parts)


def _escape_lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.split("\n"))
