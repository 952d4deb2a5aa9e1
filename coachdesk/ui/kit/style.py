"""Small label helpers shared by the screens: headings and wrapping texts scale with the font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton

ERROR_COLOUR = "#b00020"


def heading_label(scale: float = 1.5) -> QLabel:
    label = QLabel()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class MessageLabel(QLabel):
    """A wrapping label that keeps its line while it has nothing to say, so a message
    appearing or going never moves the fields below it (the next click would land wrong)."""

    def __init__(self) -> None:
        super().__init__()
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


def wrapping_label(*, error: bool = False) -> QLabel:
    """A label that wraps; ``error`` labels are red and named "error" for tests and styles."""
    label = QLabel()
    label.setWordWrap(True)
    if error:
        label.setObjectName("error")
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
    return label


def link_button() -> QPushButton:
    """A secondary action that reads like a link but takes focus and Enter like a button."""
    button = QPushButton()
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        "QPushButton { color: palette(link); text-decoration: underline; border: none;"
        " text-align: left; padding: 2px; }"
    )
    return button


def message_label(*, error: bool = False) -> MessageLabel:
    """Like :func:`wrapping_label`, blank while empty (validation and result messages)."""
    label = MessageLabel()
    label.setWordWrap(True)
    label.setVisible(False)
    if error:
        label.setObjectName("error")
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
    return label
