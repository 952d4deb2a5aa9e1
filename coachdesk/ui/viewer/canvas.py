"""The page area: every page laid out one below the other, drawn only when it is seen.

A 140-page document opens as fast as a one-page letter: the layout needs only the page
sizes, and a page is rendered when part of it is painted (and kept while it is near).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from coachdesk.ui.viewer.source import SCREEN_DPI, PageSource, UnreadableDocumentError, pixel_size

GAP = 16
"""Pixels of background around and between the pages."""
CACHED_PAGES = 8


class PageCanvas(QWidget):
    """All pages at one zoom (1.0 = printed size on a 96 dpi screen)."""

    def __init__(self, pages: PageSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.zoom = 1.0
        self._rects: list[QRect] = []
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self.broken: dict[int, str] = {}
        """Pages that could not be drawn, with the message shown in their place."""
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._relayout()

    # -- layout ------------------------------------------------------------------------------

    def page_size(self, index: int, zoom: float | None = None) -> QSize:
        """Page ``index`` on screen, in logical pixels."""
        dpi = SCREEN_DPI * (self.zoom if zoom is None else zoom)
        return pixel_size(self.pages.page_size_pt(index), dpi)

    def set_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) < 1e-6:
            return
        self.zoom = zoom
        self._images.clear()
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        sizes = [self.page_size(i) for i in range(self.pages.page_count)]
        width = max(s.width() for s in sizes) + 2 * GAP
        self._rects = []
        y = GAP
        for size in sizes:
            self._rects.append(QRect((width - size.width()) // 2, y, size.width(), size.height()))
            y += size.height() + GAP
        self.setFixedSize(width, y)

    def page_rect(self, index: int) -> QRect:
        return QRect(self._rects[index])

    def page_at(self, y: int) -> int:
        """The page shown at height ``y`` (the one above, when ``y`` falls in a gap)."""
        low, high = 0, len(self._rects) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._rects[middle].top() - GAP <= y:
                low = middle
            else:
                high = middle - 1
        return low

    # -- drawing -----------------------------------------------------------------------------

    def rendered(self, index: int) -> QImage | None:
        """The image drawn for page ``index`` at the current zoom, if it has been drawn."""
        return self._images.get(index)

    def _image(self, index: int) -> QImage | None:
        if index in self.broken:
            return None
        image = self._images.get(index)
        if image is None:
            ratio = self.devicePixelRatioF()
            try:
                image = self.pages.render(index, SCREEN_DPI * self.zoom * ratio)
            except UnreadableDocumentError as err:
                self.broken[index] = str(err)
                return None
            image.setDevicePixelRatio(ratio)
            self._images[index] = image
            while len(self._images) > CACHED_PAGES:
                self._images.popitem(last=False)
        self._images.move_to_end(index)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = event.rect()
        first = self.page_at(exposed.top())
        for index in range(first, len(self._rects)):
            rect = self._rects[index]
            if rect.top() > exposed.bottom():
                break
            if not rect.intersects(exposed):
                continue
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 60))  # a hint of paper
            image = self._image(index)
            if image is None:
                painter.fillRect(rect, QColor("white"))
                painter.setPen(QColor("black"))
                painter.drawText(
                    rect.adjusted(GAP, GAP, -GAP, -GAP),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self.broken.get(index, ""),
                )
            else:
                painter.drawImage(QRectF(rect), image)
        painter.end()


class PageScrollArea(QScrollArea):
    """Scrolls the canvas; page keys go to whole pages and Ctrl+wheel zooms."""

    def __init__(
        self,
        on_page_key: Callable[[int], None],
        on_zoom_wheel: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_page_key = on_page_key
        self._on_zoom_wheel = on_zoom_wheel
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        # Always there, so that fitting the width does not make it come and go.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    PAGE_KEYS = {
        Qt.Key.Key_PageDown: 1,
        Qt.Key.Key_PageUp: -1,
        Qt.Key.Key_Home: -(10**9),
        Qt.Key.Key_End: 10**9,
    }
    """A key and how many pages it moves; Home and End go to the first and the last."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = self.PAGE_KEYS.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._on_page_key(step)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self._on_zoom_wheel(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
