"""The unlock screen's second page: the recovery code, then a new passphrase.

Both steps derive a key (the code's slot, then the new passphrase's), so each runs off the
UI thread with a busy note; she is asked about an older state of the vault between them,
before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coachdesk.i18n import _
from coachdesk.ui.kit.passphrase_fields import PassphraseFields
from coachdesk.ui.kit.style import heading_label, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.ui.unlock.older_state import accepted_if_older, tell_notices
from coachdesk.vault.errors import VaultError, WrongRecoveryCodeError

if TYPE_CHECKING:
    from coachdesk.vault.store import Vault


class RecoveryCodePage(QWidget):
    """Emits ``unlocked(Vault)`` once the vault is open with its new passphrase set, and
    ``back_requested`` for the passphrase page."""

    unlocked = Signal(object)
    back_requested = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        box = QVBoxLayout(self)
        self.title = heading_label()
        self.intro = wrapping_label()
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code_label = QLabel()
        self.new_passphrase = PassphraseFields()
        self.new_passphrase.insert_row(self.code_label, self.code)
        self.error = wrapping_label(error=True)
        self.busy = BusyNote()
        self.back_button = QPushButton()
        self.recover_button = QPushButton()
        self.recover_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.intro)
        box.addWidget(self.new_passphrase)
        box.addWidget(self.error)
        box.addWidget(self.busy)
        box.addLayout(buttons)
        box.addStretch(2)
        self.call = BackgroundCall(
            self, (self.code, self.new_passphrase, self.back_button, self.recover_button), self.busy
        )
        self.back_button.clicked.connect(self.back_requested)
        self.recover_button.clicked.connect(self.unlock_with_recovery_code)

    def retranslate(self) -> None:
        self.title.setText(_("Unlock with the recovery code"))
        self.intro.setText(
            _(
                "Type the code from your recovery sheet (upper or lower case, with or without "
                "dashes). Then choose a new passphrase; the old one stops working."
            )
        )
        self.code_label.setText(_("Recovery &code:"))
        self.new_passphrase.retranslate()
        self.back_button.setText(_("Back"))
        self.recover_button.setText(_("Unlock and set new passphrase"))

    def unlock_with_recovery_code(self) -> None:
        if self.call.running:
            return
        problem = self.new_passphrase.problem()
        if not self.code.text().strip():
            problem = _("Please type the recovery code.")
        if problem is not None:
            self.error.setText(problem)
            return
        self.error.setText("")
        self.call.start(
            vault_opener(self.path, recovery_code=self.code.text()),
            _("Unlocking…"),
            self._opened,
            self._failed,
        )

    def _opened(self, vault: Vault) -> None:
        if not accepted_if_older(self, vault):
            self.error.setText(_("The vault was not opened. Nothing was changed."))
            return

        def set_passphrase(new: str = self.new_passphrase.first.text()) -> Vault:
            try:
                vault.set_passphrase(new)
            except BaseException:
                vault.lock()
                raise
            return vault

        self.call.start(set_passphrase, _("Setting the new passphrase…"), self._done, self._failed)

    def _done(self, vault: Vault) -> None:
        self.code.clear()
        self.new_passphrase.clear()
        tell_notices(self, vault)
        self.unlocked.emit(vault)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.error.setText(str(exc))
        if isinstance(exc, WrongRecoveryCodeError):
            self.code.selectAll()
            self.code.setFocus()


def vault_opener(
    path: Path, passphrase: str | None = None, *, recovery_code: str | None = None
) -> Callable[[], Vault]:
    """The work of unlocking, for a worker thread: the key derivation and opening."""

    def open_vault() -> Vault:
        # Imported here, in the worker: the unlock window shows before the database layer
        # is loaded (it is loaded in the background meanwhile, see ui.shell.warm_up).
        from coachdesk.vault.store import Vault

        if recovery_code is not None:
            return Vault.open_with_recovery_code(path, recovery_code)
        assert passphrase is not None
        return Vault.open(path, passphrase)

    return open_vault
