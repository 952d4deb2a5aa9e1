"""Paragraphs of plain text, laid out with less of ReportLab's work where it is not needed."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from coachdesk.documents.fonts import markup


class Text(Paragraph):  # type: ignore[misc]
    """A paragraph that keeps its lines for the width it was last wrapped to.

    ReportLab breaks a paragraph into lines each time it is measured: a table cell is
    measured for the table's height and again when drawn, a kept-together block once to
    keep it together and again to place it. The lines depend only on the width.
    """

    _wrapped_width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_width and hasattr(self, "blPara"):  # split drops it
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_width = avail_width if size[0] == avail_width else None
        return size


_plain_frag: WeakKeyDictionary[ParagraphStyle, Any] = WeakKeyDictionary()
"""Per style, the fragment ReportLab's markup parser makes of a plain word."""


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup from data).

    Most texts are one line of text without Arabic script or characters to escape: their
    markup is the text itself, which ReportLab's parser turns into one fragment of the
    style's font.
    That fragment is made here without the parser (a third of a paragraph's layout),
    from the one it made for the style; any other text goes through the parser.
    """
    marked = markup(text)
    plain = "" if text is None else str(text)
    if marked != plain or not plain.strip():  # markup, entities, line breaks, Arabic
        return Text(marked, style)
    template = _plain_frag.get(style)
    if template is None:
        template = _plain_frag[style] = Text("x", style).frags[0]
    return Text(marked, style, frags=[template.clone(text=cleanBlockQuotedText(plain))])
