"""Where a screen opens: over the window it replaces, and always wholly on a screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget

DEFAULT_SIZE = QSize(760, 600)


def place_screen(screen: QWidget, previous: QWidget | None) -> None:
    """Give ``screen`` the size of ``previous`` (or a comfortable default), centred on the
    display ``previous`` was on, never larger than that display's free area: the lock screen
    comes back where the window was, not half off the edge."""
    display = (previous.screen() if previous is not None else None) or (
        QGuiApplication.primaryScreen()
    )
    size = previous.size() if previous is not None else DEFAULT_SIZE
    if display is None:
        screen.resize(size)
        return
    area = display.availableGeometry()
    # The frame (title bar, borders) is outside the widget's geometry: leave room for it.
    frame = QSize(16, 48)
    size = size.boundedTo(area.size() - frame)
    rect = QStyle.alignedRect(
        Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, size, area
    )
    screen.setGeometry(rect)
