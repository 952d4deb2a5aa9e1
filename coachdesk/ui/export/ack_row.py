"""The export dialog's row for her acknowledgement: what is recorded, Record… and Remove."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from coachdesk.doc_languages import language_of
from coachdesk.export.acknowledgement import HOW_LABELS, Acknowledgement
from coachdesk.i18n import _
from coachdesk.ui.export.ack_dialog import SPOKEN_LANGUAGES, AcknowledgementDialog


class AcknowledgementRow(QWidget):
    changed = Signal()
    """She gave, changed or withdrew her acknowledgement."""

    def __init__(self, her_languages: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value: Acknowledgement | None = None
        self.her_language = language_of(her_languages, SPOKEN_LANGUAGES)
        """Her language as her file names it: where the language of an interpreter starts."""
        self.dialog: AcknowledgementDialog | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self.record)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.record_button)
        layout.addWidget(self.remove_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.remove_button.setText(_("Remove"))
        self._show()

    def _show(self) -> None:
        ack = self.value
        self.remove_button.setVisible(ack is not None)
        if ack is None:
            self.record_button.setText(_("Record her acknowledgement…"))
            self.summary.setText(_("Not recorded: the document says nothing about it."))
            return
        self.record_button.setText(_("Change…"))
        parts = [_(HOW_LABELS[ack.how])]
        parts.append(_("she agrees") if ack.agrees else _("she objects"))
        if ack.signature is not None:
            parts.append(_("signed by hand"))
        self.summary.setText("; ".join(parts))

    def record(self) -> None:
        self.dialog = AcknowledgementDialog(self.value, self.her_language, self.window())
        try:
            if self.dialog.exec() == QDialog.DialogCode.Accepted:
                self.value = self.dialog.value
                self._show()
                self.changed.emit()
        finally:
            self.dialog = None
        self.record_button.setFocus()

    def remove(self) -> None:
        self.value = None
        self._show()
        self.changed.emit()
        self.record_button.setFocus()
