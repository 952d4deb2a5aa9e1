"""What went wrong when a vault would not open: the one question a coach can act on.

A full disk, a read-only folder, another program holding the file and a damaged file all
surface from SQLite as "an error"; each needs a different answer (free space, copy the
folder, wait, restore a backup), and only the last one may send her to a restore.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from coachdesk.i18n import N_, Message
from coachdesk.vault.errors import (
    DamagedVaultError,
    EmptyDatabaseError,
    StorageError,
    VaultBusyError,
    VaultDiskFullError,
    VaultError,
    VaultReadOnlyError,
    file_size_limited,
    nearly_full,
)

MIN_DB_BYTES = 4096  # one SQLCipher page: a vault's database is never smaller
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def folder_writable(folder: Path) -> bool:
    """Whether this process may create files in ``folder`` (a read-only medium says no)."""
    if not os.access(folder, os.W_OK):
        return False
    probe = folder / f".coachdesk-write-probe.{os.getpid()}.tmp"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        return False
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


def check_database_file(db: Path, *, writable: bool = False) -> None:
    """The database beside the key slots must be there and hold at least one page.

    Key slots are written only after the schema is, so an empty or cut-off database beside
    them is damage, never a new vault to create tables in.
    """
    try:
        size = db.stat().st_size
    except FileNotFoundError:
        raise DamagedVaultError() from None
    except OSError as exc:
        raise diagnose_os_error(exc) from exc
    if not db.is_file():
        raise DamagedVaultError()  # a folder (or a device) where the database belongs
    if size < MIN_DB_BYTES:
        raise EmptyDatabaseError()
    if size % MIN_DB_BYTES:
        raise DamagedVaultError()  # cut off inside a page: SQLCipher only writes whole pages
    if writable and not os.access(db, os.R_OK | os.W_OK):
        # Opened for work, a database that refuses writes would fail at the first save (and
        # leave read-only -wal/-shm files that block writes even after it is fixed).
        raise VaultReadOnlyError()


def diagnose_os_error(exc: OSError) -> VaultError:
    """An operating-system error met while opening (lock file, temporary files)."""
    if exc.errno in _FULL:
        return VaultDiskFullError()
    if exc.errno in _DENIED:
        return VaultReadOnlyError()
    return StorageError.from_read_error(exc)


def diagnose_db_error(exc: BaseException, folder: Path) -> VaultError:
    """An SQLite/SQLCipher error met while opening, after the key slot accepted the key.

    The key is right (the slot's authentication proved it), so "not a database" and a failed
    page check mean damage; everything else is the disk or another program.
    """
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "not a database" in text or "malformed" in text or "hmac" in text or "corrupt" in text:
        return DamagedVaultError()
    if "locked" in text or "busy" in text:
        return VaultBusyError()
    if "full" in text or "too big" in text:
        return VaultDiskFullError()
    if "readonly" in text or "read-only" in text or not folder_writable(folder):
        return VaultReadOnlyError()
    if "disk i/o" in text and (file_size_limited() or nearly_full(folder)):
        return VaultDiskFullError()  # SQLite says "I/O error" when its -shm cannot grow
    if "disk i/o" in text:
        return VaultError(Message(DISK_ERROR))
    if "unable to open" in text:
        # The folder takes writes, so the file itself refuses: its permissions, or another
        # program holding it open (Windows refuses a file another program has locked).
        db = folder / "vault.db"
        if not os.access(db, os.R_OK | os.W_OK):
            return VaultReadOnlyError()
        return VaultBusyError()
    return VaultError(Message(N_("The vault could not be opened: {reason}"), {"reason": text}))


DISK_ERROR = N_(
    "The vault could not be read: the disk reported a read or write error. Nothing was "
    "changed. Check the disk or USB stick and try again."
)
