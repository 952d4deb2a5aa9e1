"""PDF pages drawn by PDFium from the bytes in memory."""

from __future__ import annotations

import ctypes

import pypdfium2
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

from coachdesk.ui.viewer.source import (
    DAMAGED,
    PAGE_DAMAGED,
    POINTS_PER_INCH,
    PROTECTED,
    UnreadableDocumentError,
    capped_dpi,
)

_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


class PdfPages:
    """A PDF held in memory; PDFium reads it from the bytes (never from a file)."""

    def __init__(self, data: bytes) -> None:
        # The buffer stays referenced by the document for as long as it is open.
        self._data = bytes(data)
        self._closed = False
        try:
            self._pdf = pypdfium2.PdfDocument(self._data)
        except pypdfium2.PdfiumError as err:
            if getattr(err, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
                raise UnreadableDocumentError(PROTECTED) from None
            raise UnreadableDocumentError(DAMAGED) from None
        self._pdf.init_forms()  # filled-in form fields are part of what she signed
        self._sizes = [QSizeF(*self._pdf.get_page_size(i)) for i in range(len(self._pdf))]
        if not self._sizes or any(s.isEmpty() for s in self._sizes):
            raise UnreadableDocumentError(DAMAGED)

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_size_pt(self, index: int) -> QSizeF:
        return QSizeF(self._sizes[index])

    def render(self, index: int, dpi: float) -> QImage:
        if self._closed:  # PDFium must never be handed a document it has let go
            raise ValueError("the document is closed")
        size = self._sizes[index]
        dpi = capped_dpi(size, dpi)
        try:
            page = self._pdf[index]
            try:
                bitmap = page.render(
                    scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True
                )
            finally:
                page.close()
        except pypdfium2.PdfiumError:
            raise UnreadableDocumentError(PAGE_DAMAGED) from None
        buffer = ctypes.string_at(bitmap.buffer, bitmap.stride * bitmap.height)
        image = QImage(
            buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        ).copy()  # own the pixels: the bitmap's memory goes with it
        bitmap.close()
        return image

    def close(self) -> None:
        self._closed = True
        self._pdf.close()
