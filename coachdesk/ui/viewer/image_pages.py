"""Photos and scans decoded by Qt from the bytes in memory (JPEG, PNG, TIFF, WebP...)."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

from coachdesk.ui.viewer.source import (
    NOT_AN_IMAGE,
    POINTS_PER_INCH,
    SCREEN_DPI,
    TOO_LARGE,
    MeasuredPages,
    UnreadableDocumentError,
    capped_dpi,
    pixel_size,
)

KEPT_PIXELS = 40_000_000
"""Larger pictures are decoded smaller (an A4 page at 600 dpi is 35 million pixels): sharp
enough for the screen and for paper at 300 dpi, and a page costs at most 160 MB."""
ALLOCATION_LIMIT_MB = 1024
"""Qt refuses to decode more than 256 MB by default; the vault accepts pictures of up to 200
million pixels (800 MB), which must open too."""


class ImagePages(MeasuredPages):
    """A photo or scan; a multi-page TIFF has a page per frame, an animation only its first."""

    def __init__(self, data: bytes) -> None:
        self._data = QByteArray(bytes(data))
        self._cache: OrderedDict[int, tuple[QImage, float]] = OrderedDict()
        with _reader(self._data) as reader:
            if not reader.canRead():
                raise UnreadableDocumentError(NOT_AN_IMAGE)
            frames = 1 if reader.supportsAnimation() else max(1, reader.imageCount())
        self._sizes: list[QSizeF] = []
        for index in range(frames):
            self._sizes.append(_size_pt(*self._decode(index)))

    def render(self, index: int, dpi: float) -> QImage:
        size = pixel_size(self._sizes[index], capped_dpi(self._sizes[index], dpi))
        image, _kept = self._decode(index)
        if image.size() == size:
            return image.copy()
        return image.scaled(
            size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )

    def close(self) -> None:
        self._cache.clear()

    def _decode(self, index: int) -> tuple[QImage, float]:
        """Frame ``index`` and the share of its pixels kept in each direction (1.0: all)."""
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        kept = 1.0
        with _reader(self._data) as reader:
            if index:
                reader.jumpToImage(index)
            full = _checked_size(reader)
            if full.isValid() and full.width() * full.height() > KEPT_PIXELS:
                kept = math.sqrt(KEPT_PIXELS / (full.width() * full.height()))
                reader.setScaledSize(
                    QSize(max(1, int(full.width() * kept)), max(1, int(full.height() * kept)))
                )
            image = reader.read()
            if image.isNull():
                raise UnreadableDocumentError(NOT_AN_IMAGE)
        self._cache[index] = (_opaque(image), kept)
        while len(self._cache) > 3:
            self._cache.popitem(last=False)
        return self._cache[index]


@contextmanager
def _reader(data: QByteArray) -> Iterator[QImageReader]:
    """A reader on the bytes in memory; its decoder goes before the buffer it reads from."""
    if QImageReader.allocationLimit() < ALLOCATION_LIMIT_MB:
        QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a phone photo taken upright is shown upright
    reader.setDecideFormatFromContent(True)
    try:
        yield reader
    finally:
        reader.setDevice(None)  # type: ignore[arg-type]  # drops the decoder, which may seek
        buffer.close()


def _checked_size(reader: QImageReader) -> QSize:
    """The picture's size in pixels, read from its header; too large to decode is said now
    (Qt would only report "unable to read", as if the file were damaged)."""
    size = reader.size()
    if size.isValid() and size.width() * size.height() * 4 > ALLOCATION_LIMIT_MB * 2**20:
        raise UnreadableDocumentError(TOO_LARGE)
    return size


def _size_pt(image: QImage, kept: float) -> QSizeF:
    """The printed size: a scan's own resolution when it has one, else one pixel per 1/96 inch
    (of the picture as scanned, before it was decoded smaller)."""
    dpi_x = image.dotsPerMeterX() * 0.0254
    dpi_y = image.dotsPerMeterY() * 0.0254
    if not (SCREEN_DPI <= dpi_x <= 2400 and SCREEN_DPI <= dpi_y <= 2400):
        dpi_x = dpi_y = SCREEN_DPI
    dpi_x, dpi_y = dpi_x * kept, dpi_y * kept
    return QSizeF(image.width() * POINTS_PER_INCH / dpi_x, image.height() * POINTS_PER_INCH / dpi_y)


def _opaque(image: QImage) -> QImage:
    """Transparent parts of a picture become white paper, as they would print."""
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_RGB32)
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.setDotsPerMeterX(image.dotsPerMeterX())
    paper.setDotsPerMeterY(image.dotsPerMeterY())
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def image_thumbnail(data: bytes, max_px: int) -> QImage:
    """Decoded at the small size directly: a 20 MB photo need not be unpacked whole."""
    with _reader(QByteArray(bytes(data))) as reader:
        full = _checked_size(reader)
        if full.isValid() and (full.width() > max_px or full.height() > max_px):
            reader.setScaledSize(full.scaled(max_px, max_px, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            raise UnreadableDocumentError(NOT_AN_IMAGE)
    return _opaque(image)
