"""A window around one participant file; closing it never loses unsaved changes silently."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind
from coachdesk.ui.file.sections import SECTION_OF_KIND


class ParticipantFileWindow(QWidget):
    """Holds D2's ``ParticipantFile``; emits ``closed(participant_id)`` when it has closed."""

    closed = Signal(int)

    def __init__(
        self, file_widget: Any, participant_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file = file_widget
        self.participant_id = participant_id
        self.name = name
        self._closing_for_lock = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(file_widget)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.name)  # Qt adds " — CoachDesk"
        if hasattr(self.file, "retranslate"):
            self.file.retranslate()

    def has_unsaved_changes(self) -> bool:
        return bool(self.file.has_unsaved_changes())

    def close_for_lock(self) -> None:
        """Keep unsaved work as a draft in the vault, then close without asking."""
        self.file.draft_timer.stop()  # no later draft into a vault that is being locked
        if self.has_unsaved_changes():
            self.file.save_draft()
        self._closing_for_lock = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_for_lock and not self._may_leave():
            event.ignore()
            return
        event.accept()
        self.closed.emit(self.participant_id)

    def _may_leave(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        confirm_leave = getattr(self.file, "confirm_leave", None)
        if confirm_leave is not None:
            # The file asks Save / Discard / Cancel itself.
            return bool(confirm_leave())
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(_("This file has changes that are not saved yet."))
        box.setInformativeText(_("Keep them as a draft? The draft opens again with the file."))
        keep = box.addButton(_("Keep as draft"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            self.file.save_draft()
            return True
        return False

    def show_section(self, kind: ChangeKind) -> None:
        """Bring the tab of a record kind to the front (Today opens a meeting, a goal...)."""
        section = SECTION_OF_KIND.get(kind)
        if section is not None:
            self.file.show_section(section)
