"""Unlock screen: the passphrase, or the recovery code followed by a new passphrase.

The key derivation (Argon2id) and opening run off the UI thread: the window keeps
painting, shows that it is unlocking, and nothing that would start a second unlock or
leave the screen can be pressed meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.ui.kit.shortcuts import add_quit_shortcut
from coachdesk.ui.kit.style import heading_label, link_button, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.ui.unlock.code_page import RecoveryCodePage, vault_opener
from coachdesk.ui.unlock.damaged_vault import DamagedVaultOffer
from coachdesk.ui.unlock.older_state import accepted_if_older, tell_notices
from coachdesk.vault.errors import DamagedVaultError, VaultError, WrongPassphraseError

if TYPE_CHECKING:
    from coachdesk.vault.store import Vault

PASSPHRASE_PAGE, RECOVERY_PAGE = range(2)


class UnlockWindow(QWidget):
    """Emits ``unlocked(Vault)`` with the open vault, ``other_vault_requested`` to choose again,
    ``restored`` after a damaged vault was replaced by its newest good backup."""

    unlocked = Signal(object)
    other_vault_requested = Signal()
    restored = Signal()

    def __init__(self, path: Path, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.hint_text = hint
        self.setObjectName("unlock")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_passphrase_page())
        self.recovery = RecoveryCodePage(path)
        self.recovery.unlocked.connect(self.unlocked)
        self.recovery.back_requested.connect(self._show_passphrase)
        self.pages.addWidget(self.recovery)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.pages, 3)
        outer.addStretch(1)
        add_quit_shortcut(self)
        self.retranslate()

    def _build_passphrase_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.title = heading_label()
        self.folder_label = wrapping_label()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.hint = wrapping_label()
        self.notice = wrapping_label()
        self.notice.setObjectName("notice")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setVisible(False)
        self.error = wrapping_label(error=True)
        self.busy = BusyNote()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.recovery_button = link_button()
        self.other_button = link_button()
        controls = (self.passphrase, self.unlock_button, self.recovery_button, self.other_button)
        self.damaged = DamagedVaultOffer(self.path, self.passphrase, controls)
        self.damaged.restored.connect(self._restored)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        unlock_row = QHBoxLayout()
        unlock_row.addStretch(1)
        unlock_row.addWidget(self.unlock_button)
        # One per line: long translations never push the window wider than the screen.
        links = QVBoxLayout()
        links.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        links.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.folder_label)
        box.addLayout(form)
        box.addWidget(self.hint)
        box.addWidget(self.notice)
        box.addWidget(self.error)
        box.addWidget(self.busy)
        box.addWidget(self.damaged)
        box.addLayout(unlock_row)
        box.addSpacing(self.fontMetrics().height())
        box.addLayout(links)
        box.addStretch(2)
        self.passphrase.returnPressed.connect(self.unlock)
        self.passphrase.textEdited.connect(lambda: self.error.setText(""))
        self.unlock_button.clicked.connect(self.unlock)
        self.recovery_button.clicked.connect(self._show_recovery)
        self.other_button.clicked.connect(self.other_vault_requested)
        self.call = BackgroundCall(self, (*controls, self.damaged), self.busy)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(_("Locked"))  # Qt adds " — CoachDesk"
        self.title.setText(_("Unlock your vault"))
        self.folder_label.setText(_("Vault folder: {path}").format(path=str(self.path)))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.hint.setText(self.hint_text)
        self.hint.setVisible(bool(self.hint_text))
        self.unlock_button.setText(_("Unlock"))
        self.recovery_button.setText(_("Forgot the passphrase? Use the recovery code…"))
        self.other_button.setText(_("Open another vault…"))
        self.recovery.retranslate()
        self.damaged.retranslate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.passphrase.setFocus()

    def _show_recovery(self) -> None:
        self.error.setText("")
        self.pages.setCurrentIndex(RECOVERY_PAGE)
        self.recovery.code.setFocus()

    def _show_passphrase(self) -> None:
        self.recovery.error.setText("")
        self.pages.setCurrentIndex(PASSPHRASE_PAGE)
        self.passphrase.setFocus()

    def unlock(self) -> None:
        if self.call.running:
            return
        if not self.passphrase.text():
            self.error.setText(_("Please type your passphrase."))
            return
        self.error.setText("")
        opener = vault_opener(self.path, self.passphrase.text())
        self.call.start(opener, _("Unlocking…"), self._opened, self._not_opened)

    def _opened(self, vault: Vault) -> None:
        self.passphrase.clear()
        if not accepted_if_older(self, vault):
            self.error.setText(_("The vault was not opened. Nothing was changed."))
            return
        tell_notices(self, vault)
        self.unlocked.emit(vault)

    def _not_opened(self, exc: Exception) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.error.setText(str(exc))
        if isinstance(exc, DamagedVaultError):
            self.damaged.offer()
        if isinstance(exc, WrongPassphraseError):
            self.passphrase.selectAll()
        self.passphrase.setFocus()

    def show_notice(self, text: str) -> None:
        """A message from what happened before this screen (a restore, a failed backup)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _restored(self, text: str) -> None:
        self.error.setText("")
        self.show_notice(text)
        self.restored.emit()
        self.passphrase.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed (Ctrl+Q, quitting) while a vault was being opened: it is closed again.
        self.damaged.call.settle()  # a restore in progress finishes (it cannot stop half way)
        for call in (self.call, self.recovery.call):
            outcome = call.settle()
            if outcome is not None and outcome[0]:
                outcome[1].lock()
        super().closeEvent(event)
