"""Small label helpers shared by the screens: headings and wrapping texts scale with the font."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

ERROR_COLOUR = "#b00020"


def heading_label(scale: float = 1.5) -> QLabel:
    label = QLabel()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrapping_label(*, error: bool = False) -> QLabel:
    """A label that wraps; ``error`` labels are red and named "error" for tests and styles."""
    label = QLabel()
    label.setWordWrap(True)
    if error:
        label.setObjectName("error")
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
    return label
