"""The running header's text: an organisation's name of 200 characters fits above the rule."""

from __future__ import annotations

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from coachdesk.documents.fonts import SANS

HEADER_LINES = 3
"""Lines that fit between the page's top edge and the rule under the header."""


def header_lines(text: str, width: float) -> tuple[float, list[str]]:
    """The running header's text in at most three lines above the rule, smaller if needed.

    An organisation's name may have 200 characters, one word among them a long one.
    """
    size, lines = 8.0, [text]
    for size in (8.0, 7.0, 6.0):
        lines = wrap_text(text, SANS, size, width)
        if len(lines) <= HEADER_LINES:
            break
    if len(lines) <= HEADER_LINES:
        return size, lines
    return size, [*lines[: HEADER_LINES - 1], lines[HEADER_LINES - 1][:-1] + "…"]


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``: broken between words, inside a word if needed."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width) or [""]:
        start, used = 0, 0.0
        for i, ch in enumerate(line):
            used += stringWidth(ch, font, size)
            if used > width and i > start:
                lines.append(line[start:i])
                start, used = i, stringWidth(ch, font, size)
        lines.append(line[start:])
    return lines
