"""A time of day she types as she says it: "14:00", "14.00", "1400" or "9:30"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit, QWidget


class TimeField(QTimeEdit):
    """Hours and minutes; typing always starts at the hour, wherever she clicked.

    A plain QTimeEdit puts the cursor where the mouse landed, so "14:00" typed after a
    click on the minutes went nowhere. A dot works like a colon.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # After the click that brought the focus has placed its cursor: start at the hour.
        QTimer.singleShot(0, self._select_hour)

    def _select_hour(self) -> None:
        if self.hasFocus():
            self.setSelectedSection(QDateTimeEdit.Section.HourSection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() in {".", ","}:
            # German habit: "14.30". Move on to the minutes as a colon would.
            self.setSelectedSection(QDateTimeEdit.Section.MinuteSection)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # Enter belongs to the dialog (save), not to the field
            return
        super().keyPressEvent(event)
