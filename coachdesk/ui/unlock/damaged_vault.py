"""On the unlock screen, when the vault is damaged: restore the newest good backup.

The damaged vault is moved aside by the restore (``<name>.before-restore-<time>``), never
overwritten, so nothing that might still be rescued from it is lost.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _, format_datetime
from coachdesk.services.vault_admin import restore_vault
from coachdesk.ui.backup.model import local_time
from coachdesk.ui.kit.style import wrapping_label
from coachdesk.ui.shell.busy import busy_cursor
from coachdesk.vault.errors import VaultError, WrongPassphraseError, WrongRecoveryCodeError
from coachdesk.vault.generations import BackupFile, automatic_backup_folder, newest_good_backup
from coachdesk.vault.restore import RestoreResult


class DamagedVaultOffer(QWidget):
    """Hidden until :meth:`offer`; emits ``restored(message)`` once a backup took its place."""

    restored = Signal(str)

    def __init__(
        self, vault_path: Path, passphrase: QLineEdit, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("damaged_vault")
        self.vault_path = Path(vault_path)
        self.passphrase = passphrase
        self.newest: BackupFile | None = None
        self.text = wrapping_label()
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restore_newest")
        self.other_button = QPushButton()
        self.problem = wrapping_label(error=True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text)
        box.addWidget(self.restore_button)
        box.addWidget(self.other_button)
        box.addWidget(self.problem)
        self.restore_button.clicked.connect(self.restore_newest)
        self.other_button.clicked.connect(self.choose_backup)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        folder = automatic_backup_folder(self.vault_path)
        if self.newest is not None:
            when = format_datetime(local_time(self.newest.created_at), fmt="short")
            self.text.setText(
                _(
                    "The newest good backup is from {when}. Restoring it keeps the damaged "
                    "vault aside, untouched; changes made after {when} are not in the backup."
                ).format(when=when)
            )
            self.restore_button.setText(
                _("Restore the newest good backup ({when})").format(when=when)
            )
        else:
            self.text.setText(
                _("No good automatic backup was found in {folder}.").format(folder=str(folder))
            )
        self.restore_button.setVisible(self.newest is not None)
        self.other_button.setText(_("Restore another backup (for example from a USB stick)…"))

    def offer(self) -> None:
        """The vault could not be read: look for the newest backup that checks out."""
        with busy_cursor():
            self.newest = newest_good_backup(automatic_backup_folder(self.vault_path))
        self.problem.setText("")
        self.retranslate()
        self.setVisible(True)

    def restore_newest(self) -> None:
        if self.newest is not None:
            self.restore_file(self.newest.path)

    def choose_backup(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a backup"),
            str(automatic_backup_folder(self.vault_path)),
            _("CoachDesk backups (*.cdbackup)"),
        )
        if path:
            self.restore_file(Path(path))

    def restore_file(self, backup: Path) -> None:
        secret = self.passphrase.text()
        while True:
            try:
                with busy_cursor():
                    result = _restore(backup, self.vault_path, secret)
                break
            except WrongPassphraseError:
                secret, ok = QInputDialog.getText(
                    self,
                    _("Open the backup"),
                    _(
                        "The backup opens with the passphrase that was valid when it was made, "
                        "or with the recovery code. Passphrase or recovery code:"
                    ),
                    QLineEdit.EchoMode.Password,
                )
                if not ok or not secret:
                    return
            except VaultError as exc:
                self.problem.setText(str(exc))
                return
        self.setVisible(False)
        self.restored.emit(damaged_restored_text(result))


def _restore(backup: Path, vault_path: Path, secret: str) -> RestoreResult:
    try:
        return restore_vault(backup, vault_path, secret)
    except WrongPassphraseError:
        if not secret.isascii():  # a recovery code has only letters and digits
            raise
    try:
        return restore_vault(backup, vault_path, recovery_code=secret)
    except WrongRecoveryCodeError as exc:
        raise WrongPassphraseError() from exc


def damaged_restored_text(result: RestoreResult) -> str:
    when = format_datetime(local_time(result.info.created_at), fmt="short")
    text = _("The backup of {when} was restored.").format(when=when)
    if result.previous is not None:
        text += " " + _(
            "The damaged vault is kept at {path}; nothing in it was overwritten."
        ).format(path=str(result.previous))
    return text + " " + _("Unlock with the passphrase that was valid when the backup was made.")
