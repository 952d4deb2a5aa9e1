"""Erasing cannot be undone, so she types a word to confirm rather than clicking "Yes"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _


def confirmation_word() -> str:
    return _("ERASE")


class TypedConfirmation(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("erasure_confirmation")
        self.setWindowTitle(_("Erase {name}?").format(name=name))
        text = QLabel(
            _(
                "Everything about {name} will be deleted from the vault and cannot be "
                "brought back. Type {word} to confirm."
            ).format(name=name, word=confirmation_word())
        )
        text.setWordWrap(True)
        self.word = QLineEdit()
        self.word.setObjectName("confirmation_word")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Erase for ever"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        box = QVBoxLayout(self)
        box.addWidget(text)
        box.addWidget(self.word)
        box.addWidget(self.buttons)
        self.setMinimumWidth(36 * self.fontMetrics().horizontalAdvance("M"))
        self.word.textChanged.connect(self._typed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _typed(self, text: str) -> None:
        self.ok.setEnabled(text.strip().casefold() == confirmation_word().casefold())
