"""Icons of the navigation and the main actions, from one set (Lucide, resources/icons/).

The SVGs draw with ``currentColor``; Qt's SVG renderer has no such colour, so each icon
is drawn in the palette's text colour (and again for the disabled and selected states),
which keeps them readable in a dark or high-contrast theme.
"""

from __future__ import annotations

import enum
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from coachdesk.resources import find

SIZES = (16, 20, 24, 32, 48)


class Icon(enum.StrEnum):
    """What an icon means in CoachDesk -> the file of the set that shows it."""

    TODAY = "calendar-check"
    PARTICIPANTS = "users"
    MEETINGS = "messages-square"
    MODULES = "book-open"
    CONTACTS = "contact-round"
    REPORTS = "chart-column"
    SETTINGS = "settings"
    NEW = "plus"
    NEW_PARTICIPANT = "user-plus"
    SAVE = "save"
    DOCUMENT = "file-signature"
    LOCK = "lock"
    BACKUP = "hard-drive-download"
    SEARCH = "search"
    DONE = "circle-check"
    OVERDUE = "triangle-alert"
    ARCHIVE = "archive"
    DELETE = "trash-2"
    PRINT = "printer"
    EDIT = "pencil"
    REGISTER = "list-checks"
    UNDO = "undo-2"
    CHECKLIST = "clipboard-list"
    TEXT = "file-text"


def icon_folder() -> str | None:
    folder = find("icons", [f"{name.value}.svg" for name in Icon])
    return None if folder is None else str(folder)


@cache
def _svg(name: Icon) -> str:
    folder = icon_folder()
    if folder is None:
        return ""
    with open(f"{folder}/{name.value}.svg", encoding="utf-8") as f:
        return f.read()


def _pixmap(svg: str, colour: QColor, size: QSize, ratio: float) -> QPixmap:
    data = QByteArray(svg.replace("currentColor", colour.name()).encode("utf-8"))
    renderer = QSvgRenderer(data)
    pixmap = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return pixmap


class _ColouredSvg(QIconEngine):
    """Draws the SVG in the colour of each mode when Qt first asks for a size, and keeps
    it: drawing every size in every mode up front cost 10 ms an icon, a sixth of a second
    on the UI thread between Unlock and the list."""

    def __init__(self, svg: str, colours: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self._svg = svg
        self._colours = colours
        self._drawn: dict[tuple[int, int, QIcon.Mode, float], QPixmap] = {}

    def _colour(self, mode: QIcon.Mode) -> QColor:
        return self._colours.get(mode, self._colours[QIcon.Mode.Normal])

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        key = (size.width(), size.height(), mode, scale)
        pixmap = self._drawn.get(key)
        if pixmap is None:
            pixmap = self._drawn[key] = _pixmap(self._svg, self._colour(mode), size, scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def clone(self) -> QIconEngine:
        return _ColouredSvg(self._svg, self._colours)


def icon(name: Icon, colour: QColor | None = None) -> QIcon:
    """``name`` drawn in ``colour`` (default: the text colour); an empty icon if the set is
    missing (a broken installation shows text-only buttons, it does not fail)."""
    svg = _svg(name)
    if not svg:
        return QIcon()
    palette = QGuiApplication.palette()
    colours = {
        QIcon.Mode.Normal: colour or palette.color(QPalette.ColorRole.WindowText),
        QIcon.Mode.Disabled: palette.color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText
        ),
        QIcon.Mode.Selected: palette.color(QPalette.ColorRole.HighlightedText),
    }
    return QIcon(_ColouredSvg(svg, colours))
