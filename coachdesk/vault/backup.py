"""Encrypted backups of an open vault: made, checked, and only then put in place.

A backup is one file (format in backup_format.py and docs/backup-format.md) that
opens with the vault's passphrase or recovery code. It is written under a
temporary name in the destination folder, fsynced, reopened and checked
(SQLCipher page check, SQLite integrity check, record counts), and only then
renamed over its final name, so a crash or a full USB stick never leaves a
half-written file under a backup's name and never harms an earlier backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachdesk.i18n import N_, Message
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.engine import SQLCIPHER_ERRORS, keyed_connection
from coachdesk.vault.errors import (
    BackupTooNewError,
    DamagedBackupError,
    StorageError,
)
from coachdesk.vault.files import fsync_dir, fsync_file
from coachdesk.vault.integrity import attachment_problems
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.schema import known_revisions
from coachdesk.vault.store import SLOTS_NAME, Vault

AUTO_PREFIX = "coachdesk-auto-"
MANUAL_PREFIX = "coachdesk-backup-"
DEFAULT_GENERATIONS = 7

Progress = Callable[[int, int], None]
"""Called with (pages done, pages in total) while the database is copied."""


@dataclass(frozen=True)
class BackupInfo:
    """A backup file that was checked (integrity and record counts)."""

    path: Path
    created_at: dt.datetime
    schema_revision: str
    size_bytes: int
    counts: Mapping[str, int]
    """Number of records per table (search index and bookkeeping tables left out)."""


def backup(vault: Vault, dest: Path, *, progress: Progress | None = None) -> BackupInfo:
    """Back up the open ``vault`` to the file ``dest`` (or a new file in the folder ``dest``)."""
    # "../" is taken as written: "sub/.." is the folder itself, whether "sub" exists or not.
    dest = Path(os.path.abspath(dest))
    if dest.resolve().is_relative_to(vault.path.resolve()):
        # A restore moves the vault folder away, and with it anything kept inside.
        raise StorageError(Message(N_("Choose a place outside the vault's folder for backups.")))
    if dest.is_file() and not _is_backup(dest):
        raise StorageError(
            Message(
                N_(
                    "Not saved: {path} is another file, not a backup. "
                    "Choose a folder or a new name."
                ),
                {"path": str(dest)},
            )
        )
    if dest.is_dir():
        named = dest / new_backup_name(MANUAL_PREFIX)
        dest = named if not named.exists() else dest / new_backup_name(MANUAL_PREFIX, precise=True)
    folder = dest.parent
    tmp_db = folder / f".{dest.name}.{os.getpid()}.db.tmp"
    tmp_file = folder / f".{dest.name}.{os.getpid()}.tmp"
    key = vault.data_key()
    made: list[Path] = []
    done = False
    try:
        made = _make_folders(folder)
        remove_stale_temp_files(folder)
        revision, counts = _copy_database(vault, key, tmp_db, progress)
        header = fmt.encode_header(
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            revision,
            tmp_db.stat().st_size,
            fmt.file_sha256(tmp_db),
            bytes_for_backup(vault.path / SLOTS_NAME),
        )
        fmt.write_container(tmp_file, header, tmp_db)
        tmp_db.unlink()
        info = _check(tmp_file, key)
        if dict(info.counts) != counts:
            raise DamagedBackupError()
        os.replace(tmp_file, dest)
        fsync_dir(folder)
        done = True
    except OSError as exc:
        raise StorageError.from_os_error(exc) from exc
    except SQLCIPHER_ERRORS as exc:
        raise StorageError.from_db_error(exc, folder) from exc
    finally:
        key[:] = bytes(len(key))
        wal, shm = (tmp_db.with_name(tmp_db.name + end) for end in ("-wal", "-shm"))
        for leftover in (tmp_db, wal, shm, tmp_file):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if not done:  # a backup that was not made leaves no new folders either
            for created in reversed(made):
                with contextlib.suppress(OSError):
                    created.rmdir()
    return BackupInfo(dest, info.created_at, revision, dest.stat().st_size, info.counts)


def verify_backup(
    path: Path, passphrase: str | None = None, *, recovery_code: str | None = None
) -> BackupInfo:
    """Open the backup with its passphrase or recovery code and check every page and record."""
    try:
        header = fmt.check_file(Path(path))
    except OSError as exc:
        raise StorageError.from_read_error(exc) from exc
    key = unlock(header, passphrase, recovery_code)
    try:
        return _check(Path(path), key)
    except OSError as exc:
        raise StorageError.from_read_error(exc) from exc
    finally:
        key[:] = bytes(len(key))


def unlock(
    header: fmt.BackupHeader, passphrase: str | None, recovery_code: str | None
) -> bytearray:
    slots = KeySlots.from_bytes(header.keyslots)
    if passphrase is not None:
        return bytearray(slots.unlock_with_passphrase(passphrase))
    if recovery_code is not None:
        return bytearray(slots.unlock_with_recovery_code(recovery_code))
    raise ValueError("a passphrase or a recovery code is needed")


def table_counts(conn: Any) -> dict[str, int]:
    """Records per table of an open SQLCipher connection."""
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not r[0].startswith(("sqlite_", "search_index", "alembic_"))
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def check_database(db_path: Path, key: bytearray) -> tuple[str, dict[str, int]]:
    """Open a database copy, run both integrity checks; its revision and record counts."""
    try:
        conn = keyed_connection(db_path, key)
    except SQLCIPHER_ERRORS as exc:
        raise DamagedBackupError() from exc
    try:
        cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        structure = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if cipher or structure != ["ok"] or attachment_problems(conn.execute):
            raise DamagedBackupError()
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:  # every vault has its version row: without one it was tampered with
            raise DamagedBackupError()
        revision = str(row[0])
        if revision not in known_revisions():
            raise BackupTooNewError()
        return revision, table_counts(conn)
    except SQLCIPHER_ERRORS as exc:
        raise DamagedBackupError() from exc
    finally:
        conn.close()


def _check(path: Path, key: bytearray) -> BackupInfo:
    header = fmt.check_file(path)
    with tempfile.TemporaryDirectory(prefix="coachdesk-check-") as tmp:
        # The copy stays encrypted: the key is only used on the open connection.
        db = Path(tmp) / "check.db"
        fmt.extract_database(path, header, db)
        revision, counts = check_database(db, key)
    if revision != header.schema_revision:
        raise DamagedBackupError()
    return BackupInfo(path, header.created_at, revision, path.stat().st_size, counts)


def _copy_database(
    vault: Vault, key: bytearray, target: Path, progress: Progress | None
) -> tuple[str, dict[str, int]]:
    """Copy the database with SQLite's backup API inside one read transaction.

    The counts are taken in the same transaction, so they describe exactly the copy,
    even if the coach keeps saving while the backup runs.
    """
    target.unlink(missing_ok=True)
    copy = keyed_connection(target, key)
    raw = vault.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert source is not None
        source.execute("BEGIN")
        try:
            revision = str(source.execute("SELECT version_num FROM alembic_version").fetchone()[0])
            counts = table_counts(source)

            def step(status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            source.backup(copy, pages=256, progress=step, sleep=0)
        finally:
            source.execute("ROLLBACK")
        copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
        copy.close()
    fsync_file(target)
    return revision, counts


_TEMP_NAME = re.compile(r"^\..+\.cdbackup\.(\d+)\.(db\.)?tmp(-wal|-shm|-journal)?$")


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the folders made, outermost first (made
    one by one, so that a name the file system refuses half-way leaves a known list)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    made = []
    try:
        for path in reversed(missing):
            path.mkdir()
            made.append(path)
    except OSError:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir()
        raise
    return made


def remove_stale_temp_files(folder: Path) -> None:
    """Remove what a backup killed halfway left behind (encrypted, but useless)."""
    for leftover in folder.glob(".*.tmp*"):
        match = _TEMP_NAME.match(leftover.name)
        if match and not _process_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def new_backup_name(prefix: str, *, precise: bool = False) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f" if precise else "%Y%m%d-%H%M%S")
    return f"{prefix}{stamp}{fmt.SUFFIX}"


def bytes_for_backup(path: Path) -> bytes:
    """The slot file a backup carries: ``path``, or its copy when only the copy is whole."""
    disk = KeySlots.load(path).on_disk
    assert disk is not None
    for raw, slots in ((disk.main_raw, disk.main), (disk.copy_raw, disk.copy)):
        if raw is not None and slots is not None and slots.intact:
            return raw
    raw = disk.main_raw if disk.main is not None else disk.copy_raw
    assert raw is not None
    return raw


def _is_backup(path: Path) -> bool:
    """Whether ``path`` starts like a CoachDesk backup (an older one may be replaced)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(fmt.MAGIC)) == fmt.MAGIC
    except OSError:
        return False
