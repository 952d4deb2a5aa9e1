"""The pages of a document, drawn in memory: PDF pages by PDFium, images by Qt.

Nothing here writes a file. The bytes come from the vault or from a signed export and
the pages exist only as images in memory: a plaintext copy on the disk (a temp file
for a "real" PDF program) is exactly what attachments must never leave behind.
"""

from __future__ import annotations

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QImage

from coachdesk.ui.viewer.image_pages import ImagePages, image_thumbnail
from coachdesk.ui.viewer.pdf_pages import PdfPages
from coachdesk.ui.viewer.source import (
    DAMAGED,
    NOT_AN_IMAGE,
    POINTS_PER_INCH,
    Kind,
    PageSource,
    UnreadableDocumentError,
)

__all__ = ["DocumentPages", "Kind", "PageSource", "UnreadableDocumentError", "thumbnail"]


class DocumentPages:
    """The pages of a PDF or an image file given as bytes; see :class:`PageSource`.

    Raises :class:`UnreadableDocumentError` when the bytes cannot be shown.
    """

    def __init__(self, data: bytes, kind: Kind) -> None:
        if not data:
            raise UnreadableDocumentError(DAMAGED if kind == "pdf" else NOT_AN_IMAGE)
        self.kind: Kind = kind
        self._source: PdfPages | ImagePages = PdfPages(data) if kind == "pdf" else ImagePages(data)

    @property
    def page_count(self) -> int:
        return self._source.page_count

    def page_size_pt(self, index: int) -> QSizeF:
        return self._source.page_size_pt(index)

    def render(self, index: int, dpi: float) -> QImage:
        return self._source.render(index, dpi)

    def close(self) -> None:
        self._source.close()


def thumbnail(data: bytes, kind: Kind, max_px: int) -> QImage:
    """The first page, fitted into a square of ``max_px`` pixels (for a list of attachments).

    May be called from a worker thread (it makes a QImage, no widget). Raises
    :class:`UnreadableDocumentError` when the bytes cannot be shown.
    """
    if kind == "image" and data:
        return image_thumbnail(data, max_px)
    pages = DocumentPages(data, kind)
    try:
        size = pages.page_size_pt(0)
        longest = max(size.width(), size.height())
        image = pages.render(0, max_px * POINTS_PER_INCH / longest)
    finally:
        pages.close()
    if image.width() > max_px or image.height() > max_px:  # rounded up by a pixel
        image = image.scaled(
            max_px,
            max_px,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image
