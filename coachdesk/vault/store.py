"""The vault: one folder holding the encrypted database and its key slots.

Layout (see docs/vault-format.md)::

    <vault>/vault.db          SQLCipher 4 database (+ -wal / -shm while open)
    <vault>/keyslots.json     the data key, wrapped per passphrase and recovery code
    <vault>/vault.lock        held while a CoachDesk has the vault open
    <vault>/pre-migration/    encrypted copies taken before a schema upgrade
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.i18n import Message
from coachdesk.vault.diagnose import check_database_file, diagnose_db_error, diagnose_os_error
from coachdesk.vault.engine import SQLCIPHER_ERRORS, make_engine, probe_tables
from coachdesk.vault.errors import (
    ORPHANED_DATABASE,
    DamagedVaultError,
    StorageError,
    VaultError,
    VaultExistsError,
    VaultLockedError,
    WeakPassphraseError,
)
from coachdesk.vault.files import remove_files, remove_stale_temp_files
from coachdesk.vault.integrity import IntegrityReport as IntegrityReport  # re-exported
from coachdesk.vault.integrity import check_integrity
from coachdesk.vault.keyslots import (
    DEFAULT_KDF,
    KdfParams,
    KeySlots,
    new_data_key,
    new_recovery_code,
)
from coachdesk.vault.lockfile import VaultLock
from coachdesk.vault.name_order import renew_if_stale
from coachdesk.vault.passphrase import check_passphrase
from coachdesk.vault.rollback import OlderState, StateCounter
from coachdesk.vault.schema import PRE_MIGRATION_DIR as PRE_MIGRATION_DIR  # re-exported
from coachdesk.vault.schema import check_revision, migrate, stored_revision
from coachdesk.vault.schema import head_revision as head_revision  # re-exported
from coachdesk.vault.schema import known_revisions as known_revisions  # re-exported
from coachdesk.vault.secrets import SLOTS_NAME as SLOTS_NAME  # re-exported
from coachdesk.vault.secrets import Secrets, is_vault_folder
from coachdesk.vault.swap import finish_interrupted_restore

DB_NAME = "vault.db"
LOCK_NAME = "vault.lock"


class Vault(Secrets):
    """An open (unlocked) vault. Create one with :meth:`create` or :meth:`open`."""

    def __init__(self, path: Path, key: bytearray, slots: KeySlots, lock: VaultLock) -> None:
        self.path = path
        self._key = key
        self._slots = slots
        self._lock = lock
        self._engine: Engine | None = make_engine(self.db_path, key)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._counter: StateCounter | None = None  # only when opened for work (migrate)

    # -- paths -------------------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def name(self) -> str:
        return self.path.name

    @staticmethod
    def exists(path: Path) -> bool:
        return is_vault_folder(path)

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[Vault, str]:
        """Create a new vault; returns it open, with the recovery code to show once."""
        strength = check_passphrase(passphrase)
        if not strength.acceptable:
            raise WeakPassphraseError(strength.reason)
        path = Path(path)
        if cls.exists(path):
            raise VaultExistsError()
        if any(os.path.lexists(path / name) for name in (DB_NAME, DB_NAME + "-wal")):
            # A database without its key file (moved, on a drive not mounted): never replaced.
            raise VaultExistsError(Message(ORPHANED_DATABASE))
        try:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            (path / (DB_NAME + "-shm")).unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError.from_os_error(exc) from exc
        data_key = new_data_key()
        recovery_code = new_recovery_code()
        slots = KeySlots.create(passphrase, recovery_code, data_key, kdf)
        key = bytearray(data_key)
        lock = VaultLock(path / LOCK_NAME)
        lock.acquire()
        vault: Vault | None = None
        try:
            vault = cls(path, key, slots, lock)
            vault._migrate()
            vault._checkpoint()
            slots.save(path / SLOTS_NAME)
        except BaseException as exc:
            _let_go(vault, lock)
            # No database without key slots stays behind (nothing of hers is in it yet).
            remove_files(path, (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"))
            if isinstance(exc, OSError):
                raise StorageError.from_os_error(exc) from exc
            if isinstance(exc, (*SQLCIPHER_ERRORS, DBAPIError)):
                raise StorageError.from_db_error(exc, path) from exc
            raise
        return vault, recovery_code

    @classmethod
    def open(cls, path: Path, passphrase: str, *, migrate: bool = True) -> Vault:
        return cls._open(path, lambda slots: slots.unlock_with_passphrase(passphrase), migrate)

    @classmethod
    def open_with_recovery_code(cls, path: Path, code: str, *, migrate: bool = True) -> Vault:
        return cls._open(path, lambda slots: slots.unlock_with_recovery_code(code), migrate)

    @classmethod
    def _open(cls, path: Path, unlock: Callable[[KeySlots], bytes], migrate: bool) -> Vault:
        path = Path(path)
        finish_interrupted_restore(path)
        slots = KeySlots.load(path / SLOTS_NAME)
        key = unlock(slots)
        try:
            return cls._open_with_key(path, slots, bytearray(key), migrate)
        except DamagedVaultError as damaged:
            spare = slots.spare()  # another vault's key file in place of this one's?
            try:
                other = unlock(spare) if spare is not None else key
            except VaultError:
                raise damaged from None
            if spare is None or other == key:
                raise
            return cls._open_with_key(path, spare, bytearray(other), migrate)

    @classmethod
    def _open_with_key(cls, path: Path, slots: KeySlots, key: bytearray, migrate: bool) -> Vault:
        db = path / DB_NAME
        check_database_file(db, writable=migrate)
        lock = VaultLock(path / LOCK_NAME)
        lock.acquire()
        vault: Vault | None = None
        try:
            probe_tables(db, key)
            remove_stale_temp_files(path)
            slots = slots.repaired()
            vault = cls(path, key, slots, lock)
            vault._check_revision()
            if migrate:
                vault._migrate()
                vault._counter = StateCounter(vault.engine, key)
        except BaseException as exc:
            _let_go(vault, lock)
            if isinstance(exc, (*SQLCIPHER_ERRORS, DBAPIError)):
                raise diagnose_db_error(exc, path) from exc
            if isinstance(exc, OSError):
                raise diagnose_os_error(exc) from exc
            raise
        return vault

    # -- the open vault ----------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLockedError()
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._engine is None:
            raise VaultLockedError()
        return self._sessions

    @property
    def notices(self) -> tuple[Message, ...]:
        """What to tell the coach after opening: a key file repaired, a key slot damaged."""
        return self._slots.notices

    @property
    def is_locked(self) -> bool:
        return self._engine is None

    def data_key(self) -> bytearray:
        """A copy of the raw data key, for backups; the caller zeroes it after use."""
        if self._engine is None:
            raise VaultLockedError()
        return bytearray(self._key)

    @property
    def older_state(self) -> OlderState | None:
        """Set when this is an older state than this computer saw last (see vault.rollback)."""
        return self._counter.older if self._counter is not None else None

    def accept_older_state(self) -> None:
        if self._counter is not None:
            self._counter.accept()

    def lock(self) -> None:
        """Close the database, forget the key and release the vault for others."""
        if self._counter is not None and self._engine is not None:
            self._counter.finish()
        if self._engine is not None:
            engine, self._engine = self._engine, None
            engine.dispose()
        for i in range(len(self._key)):
            self._key[i] = 0
        self._lock.release()

    close = lock

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    # -- schema ------------------------------------------------------------------------------

    def schema_revision(self) -> str | None:
        """The Alembic revision stored in the vault (None for a new, empty database)."""
        return stored_revision(self.engine)

    def _check_revision(self) -> None:
        check_revision(self.engine)

    def _migrate(self, *, target: str = "head") -> None:
        migrate(self.engine, self.path, (DB_NAME, SLOTS_NAME), target=target)
        if target == "head":
            renew_if_stale(self.engine)

    def _checkpoint(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- checks ------------------------------------------------------------------------------

    def integrity_check(self) -> IntegrityReport:
        """Run SQLCipher's HMAC check of every page and SQLite's integrity check."""
        return check_integrity(self.engine)


def _let_go(vault: Vault | None, lock: VaultLock) -> None:
    """Undo a create or open that failed halfway: lock the vault, or at least free the folder."""
    if vault is not None:
        vault.lock()
    else:
        lock.release()
