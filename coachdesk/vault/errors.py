"""Errors of the encrypted store, each with a message a coach can act on."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from coachdesk.i18n import N_, Message


class VaultError(Exception):
    """Base of every vault error; ``message`` is shown to the user."""

    default = N_("The vault could not be opened.")

    def __init__(self, message: Message | None = None) -> None:
        self.message = message or Message(self.default)
        super().__init__(self.message.msgid)

    def __str__(self) -> str:
        return self.message.render()


class WrongPassphraseError(VaultError):
    default = N_(
        "The passphrase is not correct. Check the keyboard layout and Caps Lock, "
        "or open the vault with your recovery code."
    )


class WrongRecoveryCodeError(VaultError):
    default = N_("The recovery code is not correct. Check each group of characters.")


class NotAVaultError(VaultError):
    default = N_("This folder is not a CoachDesk vault.")


class DamagedVaultError(VaultError):
    default = N_(
        "The vault is damaged and cannot be read safely. Nothing was changed. "
        "Restore your newest backup."
    )


class DamagedKeySlotError(DamagedVaultError):
    """The stored key for one secret cannot be used; the other secret may still open the vault."""

    def __init__(self, kind: str, *, too_costly: bool = False) -> None:
        self.kind = kind
        """The secret whose slot is unusable: "passphrase" or "recovery"."""
        self.too_costly = too_costly
        """True when the slot asks for more memory or time than CoachDesk allows."""
        table = TOO_COSTLY_SLOT if too_costly else DAMAGED_SLOT
        super().__init__(Message(table.get(kind, table["passphrase"])))


DAMAGED_SLOT = {
    "passphrase": N_(
        "The stored key for your passphrase is damaged. Open the vault with your recovery "
        "code, then set a new passphrase."
    ),
    "recovery": N_(
        "The stored key for your recovery code is damaged. Open the vault with your "
        "passphrase, then print a new recovery code."
    ),
}
TOO_COSTLY_SLOT = {
    "passphrase": N_(
        "The stored key for your passphrase asks for more memory or time than CoachDesk "
        "allows, so it was not tried. Open the vault with your recovery code, then set a new "
        "passphrase."
    ),
    "recovery": N_(
        "The stored key for your recovery code asks for more memory or time than CoachDesk "
        "allows, so it was not tried. Open the vault with your passphrase, then print a new "
        "recovery code."
    ),
}


class VaultTooNewError(VaultError):
    default = N_(
        "This vault was saved by a newer version of CoachDesk. Please update CoachDesk to open it."
    )


class VaultInUseError(VaultError):
    default = N_("This vault is already open in another CoachDesk window. Close it there first.")


class VaultBusyError(VaultInUseError):
    default = N_(
        "The vault's files are in use by another program, for example a backup or sync tool. "
        "Nothing was changed. Wait until it has finished and try again."
    )


class VaultReadOnlyError(VaultError):
    default = N_(
        "The vault cannot be opened: CoachDesk may not write to its folder, or the disk is "
        "write-protected. Nothing was changed. Copy the vault folder to a place you may write "
        "to, or remove the write protection."
    )


class VaultDiskFullError(VaultError):
    default = N_(
        "The vault cannot be opened: the disk is full. Nothing was changed. Free some space "
        "and try again."
    )


class EmptyDatabaseError(DamagedVaultError):
    """The database file is empty or cut short while the key slots are there: damaged."""

    default = N_(
        "The vault's database file is empty or cut short, although its keys are there. "
        "Nothing was changed. Restore your newest backup."
    )


class VaultExistsError(VaultError):
    default = N_("There is already a vault in this folder.")


ORPHANED_DATABASE = N_(
    "This folder holds a vault database but not its key file (keyslots.json). If the key file "
    "was moved or is on a drive that is not connected, put it back. CoachDesk does not make a "
    "new vault over it."
)


class WeakPassphraseError(VaultError):
    default = N_("This passphrase is too weak.")


class VaultLockedError(VaultError):
    default = N_("The vault is locked. Unlock it to continue.")


class NotABackupError(VaultError):
    default = N_("This file is not a CoachDesk backup.")


class DamagedBackupError(DamagedVaultError):
    default = N_(
        "The backup file is damaged and cannot be restored. Nothing was changed. "
        "Try an older backup."
    )


class BackupTooNewError(VaultTooNewError):
    default = N_(
        "This backup was made by a newer version of CoachDesk. Please update CoachDesk to "
        "restore it."
    )


class StorageError(VaultError):
    """A write failed for a reason of the operating system (disk full, read-only, ...)."""

    default = N_("Not saved: the data could not be written to disk.")

    @classmethod
    def from_os_error(cls, exc: OSError) -> StorageError:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return cls(Message(DISK_FULL))
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return cls(Message(READ_ONLY))
        if exc.errno == errno.EIO:
            return cls(Message(DISK_IO))
        return cls(Message(N_("Not saved: {reason}"), {"reason": exc.strerror or str(exc)}))

    @classmethod
    def from_read_error(cls, exc: OSError) -> StorageError:
        return cls(
            Message(
                N_("The file could not be read: {reason}"), {"reason": exc.strerror or str(exc)}
            )
        )

    @classmethod
    def from_db_error(cls, exc: BaseException, folder: Path | None = None) -> StorageError:
        text = str(getattr(exc, "orig", exc)).lower()
        if "malformed" in text or "not a database" in text or "hmac" in text:
            return DamagedWhileOpenError()
        if "full" in text or "too big" in text:
            return cls(Message(DISK_FULL))
        if "readonly" in text or "read-only" in text:
            return cls(Message(READ_ONLY))
        if "disk i/o" in text:
            # SQLite reports a write refused for room (its -shm cannot grow) as an I/O error.
            if file_size_limited() or (folder is not None and nearly_full(folder)):
                return cls(Message(DISK_FULL))
            return cls(Message(DISK_IO))
        return cls()


class DamagedWhileOpenError(StorageError, DamagedVaultError):
    """A page failed its check while the vault was in use: the "damaged" path, not "not saved"."""

    default = DamagedVaultError.default


DISK_FULL = N_("Not saved: the disk is full. Free some space and save again.")
READ_ONLY = N_("Not saved: CoachDesk may not write to this folder or disk.")
DISK_IO = N_("Not saved: the disk reported a read or write error.")


FULL_BELOW = 1024 * 1024  # SQLite's write-ahead log and its index need a few pages


def nearly_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has less room than SQLite needs to write."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def file_size_limited() -> bool:
    """Whether the OS caps file sizes for this process (``ulimit -f``, quota-like limits).

    SQLite reports a write refused for size (EFBIG) as a plain I/O error; under such a
    cap that error almost always means "no more room", which is what the coach must hear.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no resource limits
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


# What opening says about the key file (vault.keyslots): a repair from its checked copy,
# or a slot that stays unusable until the secret is renewed.
REPAIRED = N_(
    "The key file of this vault (keyslots.json) was damaged or missing. CoachDesk opened "
    "the vault with the checked copy kept beside it and repaired the file."
)
NOT_REPAIRED = N_(
    "The key file of this vault (keyslots.json) was damaged or missing. CoachDesk opened "
    "the vault with the checked copy kept beside it but could not repair the file: "
    "{reason}. Make a backup now."
)
SLOT_STILL_DAMAGED = {
    "passphrase": N_("The passphrase slot of this vault is damaged. Set a new passphrase."),
    "recovery": N_("The recovery code slot of this vault is damaged. Print a new recovery code."),
}
