"""Restore a vault from a backup: check it all first, keep the current vault, swap atomically."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from coachdesk.i18n import N_, Message
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import BackupInfo, check_database, unlock
from coachdesk.vault.engine import SQLCIPHER_ERRORS
from coachdesk.vault.errors import DamagedBackupError, NotAVaultError, StorageError
from coachdesk.vault.files import atomic_write, fsync_dir
from coachdesk.vault.keyslots import write_copy
from coachdesk.vault.lockfile import VaultLock
from coachdesk.vault.output_paths import OutputPathError, vault_folder_of
from coachdesk.vault.rollback import remember_restored
from coachdesk.vault.store import DB_NAME, LOCK_NAME, SLOTS_NAME, Vault
from coachdesk.vault.swap import remove_staging, staging_path, swap_in


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    info: BackupInfo
    """The backup that is now the vault, with its record counts."""
    previous: Path | None
    """Where the vault that was replaced is kept (still encrypted), if there was one."""


def restore(
    backup_path: Path,
    vault_path: Path,
    passphrase: str | None = None,
    *,
    recovery_code: str | None = None,
) -> RestoreResult:
    """Make the backup at ``backup_path`` the vault at ``vault_path``.

    The backup is unlocked with its passphrase (or recovery code) and fully checked
    before anything at ``vault_path`` is touched; the restored vault keeps the key
    slots of the backup. The vault must not be open.
    """
    backup_path, vault_path = Path(backup_path), Path(vault_path)
    outer = vault_folder_of(vault_path.parent)
    if outer is not None:
        # A vault inside another vault's folder would be carried away by that vault's restore.
        raise OutputPathError(
            Message(
                N_("Not restored: {path} is inside the vault folder {folder}."),
                {"path": str(vault_path), "folder": str(outer)},
            )
        )
    try:
        header = fmt.check_file(backup_path)
    except OSError as exc:
        raise StorageError.from_read_error(exc) from exc
    key = unlock(header, passphrase, recovery_code)
    try:
        if _is_foreign_folder(vault_path):
            raise NotAVaultError()
        lock = VaultLock(vault_path / LOCK_NAME) if Vault.exists(vault_path) else None
        if lock is not None:
            lock.acquire()
        try:
            revision, counts = _stage(backup_path, header, key, vault_path)
            previous = swap_in(staging_path(vault_path), vault_path)
            remember_restored(vault_path / DB_NAME, key)
        finally:
            if lock is not None:
                lock.release()
    except OSError as exc:
        remove_staging(vault_path)
        raise StorageError.from_os_error(exc) from exc
    except BaseException:
        remove_staging(vault_path)
        raise
    finally:
        key[:] = bytes(len(key))
    size = backup_path.stat().st_size
    return RestoreResult(
        BackupInfo(backup_path, header.created_at, revision, size, counts), previous
    )


def _is_foreign_folder(path: Path) -> bool:
    """A folder with files that is not a vault: never moved aside by a restore."""
    return path.is_dir() and not Vault.exists(path) and any(path.iterdir())


def _stage(
    backup_path: Path, header: fmt.BackupHeader, key: bytearray, vault_path: Path
) -> tuple[str, dict[str, int]]:
    """Build the complete restored vault beside it; key slots last, as the mark of done."""
    remove_staging(vault_path)
    staging = staging_path(vault_path)
    staging.mkdir(mode=0o700, parents=True)
    fmt.extract_database(backup_path, header, staging / DB_NAME)
    try:
        revision, counts = check_database(staging / DB_NAME, key)
    except SQLCIPHER_ERRORS as exc:
        raise DamagedBackupError() from exc
    if revision != header.schema_revision:
        raise DamagedBackupError()
    for leftover in (DB_NAME + "-wal", DB_NAME + "-shm"):
        with contextlib.suppress(OSError):
            (staging / leftover).unlink()
    write_copy(staging / SLOTS_NAME, header.keyslots)  # the slots unlock() just opened
    atomic_write(staging / SLOTS_NAME, header.keyslots)
    fsync_dir(staging)
    return revision, counts
