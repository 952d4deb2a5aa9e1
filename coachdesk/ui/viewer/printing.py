"""Printing the pages: each page drawn at the printer's resolution and fitted to the paper.

The pages go to the printer as images painted straight from memory; no file is made on
the way (no PDF for a spooler, no temp file).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from coachdesk.ui.viewer.source import POINTS_PER_INCH, PageSource, UnreadableDocumentError

MAX_PRINT_DPI = 300.0
"""Sharp on paper; more only makes the print job larger and slower."""
JOB_NAME = "CoachDesk"
"""The name a shared printer's queue shows: never the document's title, which names a person."""


class PrintingFailedError(Exception):
    """The printer could not be started (no paper size, not reachable)."""


def pages_to_print(printer: QPrinter, page_count: int, current: int) -> list[int]:
    """The pages (from 0) that the print dialog's choice asks for, in order."""
    every = list(range(page_count))
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [current]
    if mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            return [i for i in every if ranges.contains(i + 1)]
        first, last = printer.fromPage(), printer.toPage()
        if first > 0:
            return every[first - 1 : (last or page_count)]
    return every


def print_pages(
    pages: PageSource,
    printer: QPrinter,
    indexes: Sequence[int],
    on_page: Callable[[int], bool] | None = None,
) -> int:
    """Paint ``indexes`` onto ``printer``, one page of paper each; returns how many were printed.

    ``on_page(n)`` is called before the n-th page (from 0) and stops the job when it
    returns False (she cancelled), which aborts the print instead of sending half of it.
    """
    printer.setDocName(JOB_NAME)
    if not indexes:
        return 0
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintingFailedError(printer.printerName())
    printed = 0
    try:
        for copy in range(copies):
            for n, index in enumerate(indexes):
                if on_page is not None and not on_page(copy * len(indexes) + n):
                    printer.abort()
                    return printed
                if printed and not printer.newPage():
                    raise PrintingFailedError(printer.printerName())
                _paint_page(painter, printer, pages, index)
                printed += 1
    finally:
        if painter.isActive():
            painter.end()
    return printed


def _paint_page(painter: QPainter, printer: QPrinter, pages: PageSource, index: int) -> None:
    paper = printer.pageLayout().paintRectPixels(printer.resolution())
    area = QSizeF(paper.width(), paper.height())
    size = pages.page_size_pt(index)
    upright = min(area.width() / size.width(), area.height() / size.height())
    turned = min(area.width() / size.height(), area.height() / size.width())
    # A landscape page on portrait paper is turned, as PDF readers print it, when it then
    # fills more of the sheet.
    rotate = turned > upright * 1.01
    scale = turned if rotate else upright  # printer pixels per point
    resolution = float(printer.resolution())
    dpi = POINTS_PER_INCH * scale * min(resolution, MAX_PRINT_DPI) / resolution
    try:
        image = pages.render(index, dpi)
    except UnreadableDocumentError:
        return  # a damaged page stays blank on paper, as it is blank on screen
    width, height = size.width() * scale, size.height() * scale
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.translate(QPointF(area.width() / 2, area.height() / 2))
    if rotate:
        painter.rotate(90)
    painter.drawImage(QRectF(-width / 2, -height / 2, width, height), image)
    painter.restore()
