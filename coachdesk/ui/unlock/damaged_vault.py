"""On the unlock screen, when the vault is damaged: restore the newest good backup.

The damaged vault is moved aside by the restore (``<name>.before-restore-<time>``), never
overwritten, so nothing that might still be rescued from it is lost. Checking the backups
and restoring one (a key derivation and a copy of the whole vault) run off the UI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
from coachdesk.ui.kit.style import wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.vault.errors import VaultError, WrongPassphraseError, WrongRecoveryCodeError

# The backup and restore modules load the database layer; they are imported when a damaged
# vault is met, not with the unlock screen.
if TYPE_CHECKING:
    from coachdesk.vault.generations import BackupFile
    from coachdesk.vault.restore import RestoreResult


class DamagedVaultOffer(QWidget):
    """Hidden until :meth:`offer`; emits ``restored(message)`` once a backup took its place."""

    restored = Signal(str)

    def __init__(
        self,
        vault_path: Path,
        passphrase: QLineEdit,
        busy_too: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``busy_too``: the screen's controls that wait with this one's while it works."""
        super().__init__(parent)
        self.setObjectName("damaged_vault")
        self.vault_path = Path(vault_path)
        self.passphrase = passphrase
        self.newest: BackupFile | None = None
        self.offered = False
        self.text = wrapping_label()
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restore_newest")
        self.other_button = QPushButton()
        self.problem = wrapping_label(error=True)
        self.busy = BusyNote()
        controls = (self.restore_button, self.other_button, *busy_too)
        self.call = BackgroundCall(self, controls, self.busy)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text)
        box.addWidget(self.restore_button)
        box.addWidget(self.other_button)
        box.addWidget(self.problem)
        box.addWidget(self.busy)
        self.restore_button.clicked.connect(self.restore_newest)
        self.other_button.clicked.connect(self.choose_backup)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        if self.newest is not None:
            from coachdesk.ui.backup.model import local_time

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
        elif self.offered and not self.call.running:
            from coachdesk.vault.generations import automatic_backup_folder

            folder = automatic_backup_folder(self.vault_path)
            self.text.setText(
                _("No good automatic backup was found in {folder}.").format(folder=str(folder))
            )
        self.restore_button.setVisible(self.newest is not None)
        self.other_button.setText(_("Restore another backup (for example from a USB stick)…"))

    def offer(self) -> None:
        """The vault could not be read: look for the newest backup that checks out."""
        self.newest, self.offered = None, True
        self.text.setText("")
        self.problem.setText("")
        self.restore_button.setVisible(False)
        self.setVisible(True)
        self.call.start(self._newest_good, _("Looking for a good backup…"), self._found)

    def _newest_good(self) -> BackupFile | None:
        from coachdesk.vault.generations import automatic_backup_folder, newest_good_backup

        return newest_good_backup(automatic_backup_folder(self.vault_path))

    def _found(self, newest: BackupFile | None) -> None:
        self.newest = newest
        self.retranslate()

    def restore_newest(self) -> None:
        if self.newest is not None:
            self.restore_file(self.newest.path)

    def choose_backup(self) -> None:
        from coachdesk.vault.generations import automatic_backup_folder

        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a backup"),
            str(automatic_backup_folder(self.vault_path)),
            _("CoachDesk backups (*.cdbackup)"),
        )
        if path:
            self.restore_file(Path(path))

    def restore_file(self, backup: Path, secret: str | None = None) -> None:
        """Restore ``backup`` (with the typed passphrase first); asks again when it does not fit."""
        secret = self.passphrase.text() if secret is None else secret
        vault_path = self.vault_path

        def failed(exc: Exception) -> None:
            if isinstance(exc, WrongPassphraseError):
                self._ask_secret(backup)
            elif isinstance(exc, VaultError):
                self.problem.setText(str(exc))
            else:
                raise exc

        self.call.start(
            lambda: _restore(backup, vault_path, secret), _("Restoring…"), self._done, failed
        )

    def _ask_secret(self, backup: Path) -> None:
        secret, ok = QInputDialog.getText(
            self,
            _("Open the backup"),
            _(
                "The backup opens with the passphrase that was valid when it was made, "
                "or with the recovery code. Passphrase or recovery code:"
            ),
            QLineEdit.EchoMode.Password,
        )
        if ok and secret:
            self.restore_file(backup, secret)

    def _done(self, result: RestoreResult) -> None:
        self.setVisible(False)
        self.restored.emit(damaged_restored_text(result))


def _restore(backup: Path, vault_path: Path, secret: str) -> RestoreResult:
    from coachdesk.services.vault_admin import restore_vault

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
    from coachdesk.ui.backup.model import local_time

    when = format_datetime(local_time(result.info.created_at), fmt="short")
    text = _("The backup of {when} was restored.").format(when=when)
    if result.previous is not None:
        text += " " + _(
            "The damaged vault is kept at {path}; nothing in it was overwritten."
        ).format(path=str(result.previous))
    return text + " " + _("Unlock with the passphrase that was valid when the backup was made.")
