"""Icons of the navigation and the main actions, from one set (Lucide, resources/icons/).

The SVGs draw with ``currentColor``; Qt's SVG renderer has no such colour, so each icon
is drawn in the palette's text colour (and again for the disabled and selected states),
which keeps them readable in a dark or high-contrast theme.
"""

from __future__ import annotations

import enum
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
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


def _pixmap(svg: str, colour: QColor, size: int, ratio: float) -> QPixmap:
    data = QByteArray(svg.replace("currentColor", colour.name()).encode("utf-8"))
    renderer = QSvgRenderer(data)
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def icon(name: Icon, colour: QColor | None = None) -> QIcon:
    """``name`` drawn in ``colour`` (default: the text colour); an empty icon if the set is
    missing (a broken installation shows text-only buttons, it does not fail)."""
    svg = _svg(name)
    result = QIcon()
    if not svg:
        return result
    palette = QGuiApplication.palette()
    normal = colour or palette.color(QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    selected = palette.color(QPalette.ColorRole.HighlightedText)
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    for size in SIZES:
        result.addPixmap(_pixmap(svg, normal, size, ratio), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(svg, disabled, size, ratio), QIcon.Mode.Disabled)
        result.addPixmap(_pixmap(svg, selected, size, ratio), QIcon.Mode.Selected)
    return result
