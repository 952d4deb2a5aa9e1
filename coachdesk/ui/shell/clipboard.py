"""Text copied inside CoachDesk (a phone number, a name) must not outlive the lock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication


class ClipboardGuard(QObject):
    """Notes whether the clipboard's content was copied here while a vault was open."""

    def __init__(self, vault_open: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault_open = vault_open
        self._copied_here = False
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        active = QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        self._copied_here = active and self._vault_open()

    def clear(self) -> None:
        """Empty the clipboard if what it holds came from CoachDesk."""
        clipboard = QGuiApplication.clipboard()
        if self._copied_here or clipboard.ownsClipboard():
            clipboard.clear()
        self._copied_here = False
