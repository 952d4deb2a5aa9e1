"""Unlock screen: the passphrase, or the recovery code followed by a new passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
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
from coachdesk.ui.kit.forms import add_quit_shortcut
from coachdesk.ui.kit.passphrase_fields import PassphraseFields
from coachdesk.ui.kit.style import heading_label, link_button, wrapping_label
from coachdesk.ui.shell.busy import busy_cursor
from coachdesk.ui.unlock.damaged_vault import DamagedVaultOffer
from coachdesk.ui.unlock.older_state import accepted_if_older, tell_notices
from coachdesk.vault.errors import (
    DamagedVaultError,
    VaultError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
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
        self.pages.addWidget(self._build_recovery_page())
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
        self.damaged = DamagedVaultOffer(self.path, self.passphrase)
        self.damaged.restored.connect(self._restored)
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.recovery_button = link_button()
        self.other_button = link_button()
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
        return page

    def _build_recovery_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.recovery_title = heading_label()
        self.recovery_intro = wrapping_label()
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code_label = QLabel()
        self.new_passphrase = PassphraseFields()
        self.new_passphrase.insert_row(self.code_label, self.code)
        self.recovery_error = wrapping_label(error=True)
        self.back_button = QPushButton()
        self.recover_button = QPushButton()
        self.recover_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recover_button)
        box.addStretch(1)
        box.addWidget(self.recovery_title)
        box.addWidget(self.recovery_intro)
        box.addWidget(self.new_passphrase)
        box.addWidget(self.recovery_error)
        box.addLayout(buttons)
        box.addStretch(2)
        self.back_button.clicked.connect(self._show_passphrase)
        self.recover_button.clicked.connect(self.unlock_with_recovery_code)
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
        self.recovery_title.setText(_("Unlock with the recovery code"))
        self.recovery_intro.setText(
            _(
                "Type the code from your recovery sheet (upper or lower case, with or without "
                "dashes). Then choose a new passphrase; the old one stops working."
            )
        )
        self.code_label.setText(_("Recovery &code:"))
        self.new_passphrase.retranslate()
        self.back_button.setText(_("Back"))
        self.recover_button.setText(_("Unlock and set new passphrase"))
        self.damaged.retranslate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.passphrase.setFocus()

    def _show_recovery(self) -> None:
        self.error.setText("")
        self.pages.setCurrentIndex(RECOVERY_PAGE)
        self.code.setFocus()

    def _show_passphrase(self) -> None:
        self.recovery_error.setText("")
        self.pages.setCurrentIndex(PASSPHRASE_PAGE)
        self.passphrase.setFocus()

    def unlock(self) -> None:
        if not self.passphrase.text():
            self.error.setText(_("Please type your passphrase."))
            return
        try:
            with busy_cursor():
                vault = Vault.open(self.path, self.passphrase.text())
        except VaultError as exc:
            self.error.setText(str(exc))
            if isinstance(exc, DamagedVaultError):
                self.damaged.offer()
            if isinstance(exc, WrongPassphraseError):
                self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        if not accepted_if_older(self, vault):
            self.error.setText(_("The vault was not opened. Nothing was changed."))
            return
        tell_notices(self, vault)
        self.unlocked.emit(vault)

    def show_notice(self, text: str) -> None:
        """A message from what happened before this screen (a restore, a failed backup)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _restored(self, text: str) -> None:
        self.error.setText("")
        self.show_notice(text)
        self.restored.emit()
        self.passphrase.setFocus()

    def unlock_with_recovery_code(self) -> None:
        problem = self.new_passphrase.problem()
        if not self.code.text().strip():
            problem = _("Please type the recovery code.")
        if problem is not None:
            self.recovery_error.setText(problem)
            return
        try:
            with busy_cursor():
                vault = Vault.open_with_recovery_code(self.path, self.code.text())
            if not accepted_if_older(self, vault):
                self.recovery_error.setText(_("The vault was not opened. Nothing was changed."))
                return
            with busy_cursor():
                try:
                    vault.set_passphrase(self.new_passphrase.first.text())
                except BaseException:
                    vault.lock()
                    raise
        except VaultError as exc:
            self.recovery_error.setText(str(exc))
            if isinstance(exc, WrongRecoveryCodeError):
                self.code.selectAll()
                self.code.setFocus()
            return
        self.code.clear()
        self.new_passphrase.clear()
        tell_notices(self, vault)
        self.unlocked.emit(vault)
