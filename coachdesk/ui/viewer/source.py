"""What every kind of page source shares: the protocol, the sizes and the one error."""

from __future__ import annotations

import math
from typing import Literal, Protocol

from PySide6.QtCore import QSize, QSizeF
from PySide6.QtGui import QImage

from coachdesk.i18n import N_, Message

Kind = Literal["pdf", "image"]

POINTS_PER_INCH = 72.0
SCREEN_DPI = 96.0
"""An image without a trustworthy resolution is shown one pixel to one screen pixel at 100 %."""
MAX_RENDER_PIXELS = 80_000_000
"""A page is never drawn larger than this (about 9,000 x 9,000): the zoom stops before memory."""

DAMAGED = N_("The document is damaged or incomplete and cannot be shown.")
PROTECTED = N_("The document is protected by a password and cannot be shown.")
NOT_AN_IMAGE = N_("The picture is damaged, incomplete or of a kind CoachDesk cannot show.")
TOO_LARGE = N_("The picture is too large to be shown.")
PAGE_DAMAGED = N_("This page is damaged and cannot be shown.")


class UnreadableDocumentError(Exception):
    """The bytes cannot be shown; ``message`` says why in words a coach understands."""

    def __init__(self, msgid: str) -> None:
        self.message = Message(msgid)
        super().__init__(msgid)

    def __str__(self) -> str:
        return self.message.render()


class PageSource(Protocol):
    """Pages to show or print, each drawn on request at the resolution asked for."""

    @property
    def page_count(self) -> int: ...

    def page_size_pt(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch), as it would be printed."""
        ...

    def render(self, index: int, dpi: float) -> QImage:
        """Page ``index`` (from 0) as an opaque image at ``dpi`` dots per inch."""
        ...


class MeasuredPages:
    """What PDF and picture pages share: the size of each page in points, found on opening."""

    _sizes: list[QSizeF]

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_size_pt(self, index: int) -> QSizeF:
        return QSizeF(self._sizes[index])


def pixel_size(size_pt: QSizeF, dpi: float) -> QSize:
    """The size in pixels of a page drawn at ``dpi`` (rounded up, as PDFium and pdftoppm do)."""
    scale = dpi / POINTS_PER_INCH
    width, height = size_pt.width() * scale, size_pt.height() * scale
    return QSize(max(1, math.ceil(width)), max(1, math.ceil(height)))


def capped_dpi(size_pt: QSizeF, dpi: float) -> float:
    """``dpi``, or less for a page that would be drawn larger than MAX_RENDER_PIXELS."""
    area = size_pt.width() * size_pt.height() * (dpi / POINTS_PER_INCH) ** 2
    if area <= MAX_RENDER_PIXELS:
        return dpi
    return dpi * math.sqrt(MAX_RENDER_PIXELS / area)
