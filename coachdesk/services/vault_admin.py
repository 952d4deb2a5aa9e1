"""What is done to the vault as a whole: backups, restore, passphrase, recovery code.

The one path for these, from the window and from the command line alike, so each writes
its audit entry (no file names, no secrets) and none is assembled twice.

Audit entries and a failing disk: the action itself is what she asked for. A backup that
was written and checked, a passphrase that was changed, stays done when the audit entry
that follows cannot be written (a full disk, the vault locked meanwhile); that entry is
then missing, and nothing claims the action failed.

A restore replaces the database, so its entry cannot be written before: the restored vault
gets it when it is next opened (:meth:`VaultAdminService.record_restore`), and the entry
sits in the vault that is in use from then on.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from coachdesk.services import audit
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.vault.backup import DEFAULT_GENERATIONS, BackupInfo, Progress, backup
from coachdesk.vault.errors import VaultError
from coachdesk.vault.generations import automatic_backup
from coachdesk.vault.integrity import IntegrityReport
from coachdesk.vault.keyslots import DEFAULT_KDF, KdfParams
from coachdesk.vault.output_paths import check_output_paths
from coachdesk.vault.restore import RestoreResult, restore
from coachdesk.vault.store import Vault

BACKUP, AUTOMATIC_BACKUP, RESTORE = "backup", "automatic_backup", "restore"
PASSPHRASE_CHANGE, RECOVERY_CODE_RENEWAL = "passphrase_change", "recovery_code_renewal"
ACTIONS = frozenset({BACKUP, AUTOMATIC_BACKUP, RESTORE, PASSPHRASE_CHANGE, RECOVERY_CODE_RENEWAL})


def restore_vault(
    backup_file: Path,
    vault_path: Path,
    passphrase: str | None = None,
    *,
    recovery_code: str | None = None,
) -> RestoreResult:
    """Put a checked backup in place of the (locked) vault at ``vault_path``; the vault it
    replaces is kept aside. Call :meth:`VaultAdminService.record_restore` once it is open."""
    return restore(backup_file, vault_path, passphrase, recovery_code=recovery_code)


class VaultAdminService:
    """Administration of one open vault."""

    def __init__(self, ctx: ServiceContext, vault: Vault) -> None:
        self.ctx = ctx
        self.vault = vault

    def back_up(self, dest: Path, *, progress: Progress | None = None) -> BackupInfo:
        """A backup she makes (to a USB stick): written, checked, and logged; never into a
        vault's folder or the folder of its automatic backups."""
        check_output_paths([dest], vault=self.vault.path)
        info = backup(self.vault, dest, progress=progress)
        self._log(BACKUP)
        return info

    def back_up_automatically(
        self,
        folder: Path | None = None,
        *,
        keep: int = DEFAULT_GENERATIONS,
        progress: Progress | None = None,
    ) -> BackupInfo:
        """One more automatic generation beside the vault (older ones beyond ``keep`` go)."""
        info = automatic_backup(self.vault, folder, keep=keep, progress=progress)
        self._log(AUTOMATIC_BACKUP)
        return info

    def check(self) -> IntegrityReport:
        """Every page's authentication code and the database structure."""
        return self.vault.integrity_check()

    def change_passphrase(self, old: str, new: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Replace the passphrase (the old one must be given); logged once it is saved."""
        self.vault.change_passphrase(
            old, new, kdf=kdf, on_saved=lambda: self._log(PASSPHRASE_CHANGE)
        )

    def renew_recovery_code(self, *, kdf: KdfParams = DEFAULT_KDF) -> str:
        """A new recovery code; the printed sheet of the old one stops working."""
        code = self.vault.new_recovery_code(kdf=kdf)
        self._log(RECOVERY_CODE_RENEWAL)
        return code

    def record_restore(self) -> None:
        """Log, in the restored vault now open, that it was put back from a backup."""
        self._log(RESTORE)

    def _log(self, action: str) -> None:
        if action not in ACTIONS:
            raise ValueError(f"not a vault action: {action}")
        with contextlib.suppress(VaultError):  # see the module's docstring
            with self.ctx.write() as s:
                audit.record(s, self.ctx, action, "vault", None)
            self.ctx.publish(Changes.of({ChangeKind.AUDIT}))
