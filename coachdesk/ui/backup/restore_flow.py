"""Choosing a backup to restore: check it, unlock it, say what will happen, then ask.

Nothing is changed here. The result is a :class:`RestoreRequest` that the application
carries out after locking the vault (a restore needs the vault closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from coachdesk.i18n import _, format_datetime, ngettext
from coachdesk.services.vault_admin import restore_vault
from coachdesk.ui.backup.model import local_time
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import BackupInfo, verify_backup
from coachdesk.vault.errors import (
    StorageError,
    VaultError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.restore import RestoreResult


@dataclass(frozen=True)
class RestoreRequest:
    """A checked backup and the secret that opens it."""

    path: Path
    passphrase: str | None
    recovery_code: str | None
    info: BackupInfo


def when_text(info: BackupInfo) -> str:
    return format_datetime(local_time(info.created_at), fmt="short")


def header_problem(path: Path) -> str | None:
    """Why ``path`` is no backup at all (read from its header at once), or None."""
    try:
        fmt.read_header(path)
    except OSError as exc:
        return str(StorageError.from_read_error(exc))
    except VaultError as exc:
        return str(exc)
    return None


def ask_secret(parent: QWidget, again: bool = False) -> str | None:
    """The passphrase or recovery code of a backup; None if she cancels."""
    prompt = (
        _("Neither the passphrase nor the recovery code fits this backup. Try again:")
        if again
        else _(
            "The backup opens with the passphrase that was valid when it was made, "
            "or with the recovery code. Passphrase or recovery code:"
        )
    )
    secret, ok = QInputDialog.getText(
        parent, _("Open the backup"), prompt, QLineEdit.EchoMode.Password
    )
    return secret if ok and secret else None


def verify(path: Path, secret: str) -> RestoreRequest:
    """Unlock the backup with ``secret`` (passphrase, else recovery code) and check every page.

    Slow for a big vault: run it off the UI thread. A secret that fits neither raises
    :class:`WrongPassphraseError`.
    """
    try:
        return RestoreRequest(path, secret, None, verify_backup(path, secret))
    except WrongPassphraseError:
        if not secret.isascii():  # a recovery code has only letters and digits
            raise
    try:
        return RestoreRequest(path, None, secret, verify_backup(path, recovery_code=secret))
    except WrongRecoveryCodeError as exc:
        raise WrongPassphraseError() from exc


def confirm_restore(parent: QWidget, request: RestoreRequest, vault_path: Path) -> bool:
    participants = request.info.counts.get("participant", 0)
    box = QMessageBox(parent)
    box.setObjectName("confirm_restore")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Restore from backup"))
    box.setText(
        ngettext(
            "Restore the backup of {when}? It holds {count} participant.",
            "Restore the backup of {when}? It holds {count} participants.",
            participants,
        ).format(when=when_text(request.info), count=participants)
    )
    box.setInformativeText(
        _(
            "CoachDesk locks the vault, puts the backup in its place and keeps the current "
            "vault as an encrypted copy beside it ({folder}). Changes made after the backup "
            "are only in that copy. Then unlock with the passphrase that was valid when the "
            "backup was made."
        ).format(folder=str(vault_path.parent))
    )
    restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def restored_text(result: RestoreResult) -> str:
    text = _("The backup of {when} was restored.").format(when=when_text(result.info))
    if result.previous is not None:
        text += " " + _(
            "The vault it replaced is kept at {path}; nothing in it was deleted."
        ).format(path=str(result.previous))
    return text + " " + _("Unlock with the passphrase that was valid when the backup was made.")


def carry_out(request: RestoreRequest, vault_path: Path) -> tuple[bool, str]:
    """Restore the (closed) vault from the checked backup; whether it worked, and what to say."""
    try:
        result = restore_vault(
            request.path, vault_path, request.passphrase, recovery_code=request.recovery_code
        )
    except VaultError as exc:
        return False, _("The backup was not restored: {reason}").format(reason=str(exc))
    return True, restored_text(result)
