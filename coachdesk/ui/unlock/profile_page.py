"""The last page of creating a vault: who she is, for the documents she will sign."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.unlock.profile_fields import ProfileFields
from coachdesk.vault.store import Vault


class ProfilePage(QWidget):
    """Asks name and organisation for a new vault; ``completed`` once both are stored."""

    completed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault: Vault | None = None
        self.title = heading_label()
        self.fields = ProfileFields()
        self.continue_button = QPushButton()
        self.continue_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.fields)
        box.addLayout(buttons)
        box.addStretch(2)
        self.continue_button.clicked.connect(self.submit)
        self.fields.submitted.connect(self.submit)
        self.retranslate()

    def ask(self, vault: Vault) -> None:
        self._vault = vault
        self.fields.coach_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.title.setText(_("About you"))
        self.continue_button.setText(_("Continue"))
        self.fields.retranslate()

    def submit(self) -> None:
        if self._vault is None:
            return
        if self.fields.store(Services(self._vault.sessions)):
            self._vault = None
            self.completed.emit()
