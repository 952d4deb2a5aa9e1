"""PDF pages drawn by PDFium from the bytes in memory."""

from __future__ import annotations

import ctypes

import pypdfium2
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

from coachdesk.services.pdfium_lock import PDFIUM
from coachdesk.ui.viewer.source import (
    DAMAGED,
    PAGE_DAMAGED,
    POINTS_PER_INCH,
    PROTECTED,
    MeasuredPages,
    UnreadableDocumentError,
    capped_dpi,
)

_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
# PDFium is not thread-safe: every call holds the one lock of services.pdfium_lock, so that
# thumbnails made by a worker, a dropped file being recognised and a document being signed
# with its enclosures never meet the viewer drawing on the UI thread.


class PdfPages(MeasuredPages):
    """A PDF held in memory; PDFium reads it from the bytes (never from a file)."""

    def __init__(self, data: bytes) -> None:
        # The buffer stays referenced by the document for as long as it is open.
        self._data = bytes(data)
        self._closed = False
        with PDFIUM:
            try:
                self._pdf = pypdfium2.PdfDocument(self._data)
            except pypdfium2.PdfiumError as err:
                if getattr(err, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
                    raise UnreadableDocumentError(PROTECTED) from None
                raise UnreadableDocumentError(DAMAGED) from None
            try:
                self._pdf.init_forms()  # filled-in form fields are part of what she signed
                count = len(self._pdf)
                self._sizes = [QSizeF(*self._pdf.get_page_size(i)) for i in range(count)]
            except pypdfium2.PdfiumError:
                self._sizes = []
        if not self._sizes or any(s.isEmpty() for s in self._sizes):
            self.close()
            raise UnreadableDocumentError(DAMAGED)

    def render(self, index: int, dpi: float) -> QImage:
        dpi = capped_dpi(self._sizes[index], dpi)
        with PDFIUM:
            if self._closed:  # PDFium must never be handed a document it has let go
                raise ValueError("the document is closed")
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
            try:
                pixels = ctypes.string_at(bitmap.buffer, bitmap.stride * bitmap.height)
                size = (bitmap.width, bitmap.height, bitmap.stride)
            finally:
                bitmap.close()
        # A copy that owns its pixels: the bytes object goes when this function returns.
        return QImage(pixels, *size, QImage.Format.Format_RGBX8888).copy()

    def close(self) -> None:
        with PDFIUM:
            self._closed = True
            self._pdf.close()
