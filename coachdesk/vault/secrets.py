"""The vault's secrets: its passphrase and recovery code, replaced without rewriting the data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.vault.errors import (
    StorageError,
    VaultLockedError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from coachdesk.vault.keyslots import DEFAULT_KDF, KdfParams, KeySlots, copy_path, new_recovery_code
from coachdesk.vault.passphrase import check_passphrase

SLOTS_NAME = "keyslots.json"  # the key file of a vault folder (re-exported by vault.store)


def is_vault_folder(path: Path) -> bool:
    """``path`` holds a vault: its key file or that file's checked copy is there.

    Here rather than only in ``vault.store`` so the window can ask before the database
    layer (SQLAlchemy) is loaded.
    """
    return (path / SLOTS_NAME).is_file() or copy_path(path / SLOTS_NAME).is_file()


class Secrets:
    """Part of :class:`coachdesk.vault.store.Vault`: what changes its key slots."""

    path: Path
    _key: bytearray
    _slots: KeySlots

    if TYPE_CHECKING:  # provided by Vault

        @property
        def is_locked(self) -> bool: ...

    def change_passphrase(
        self,
        old: str,
        new: str,
        *,
        kdf: KdfParams = DEFAULT_KDF,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        """Replace the passphrase; the old one must be given. The database is not rewritten."""
        current = KeySlots.load(self.path / SLOTS_NAME)
        if bytes(current.unlock_with_passphrase(old)) != bytes(self._key):
            raise WrongPassphraseError()
        self.set_passphrase(new, kdf=kdf)
        if on_saved is not None:
            on_saved()

    def set_passphrase(self, new: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Set a new passphrase on the open vault (after opening with the recovery code)."""
        if self.is_locked:
            raise VaultLockedError()
        strength = check_passphrase(new)
        if not strength.acceptable:
            raise WeakPassphraseError(strength.reason)
        slots = KeySlots.load(self.path / SLOTS_NAME).with_passphrase(new, bytes(self._key), kdf)
        self._save_slots(slots)

    def new_recovery_code(self, *, kdf: KdfParams = DEFAULT_KDF) -> str:
        """Replace the recovery code (the old printed sheet stops working)."""
        if self.is_locked:
            raise VaultLockedError()
        code = new_recovery_code()
        slots = KeySlots.load(self.path / SLOTS_NAME).with_recovery_code(
            code, bytes(self._key), kdf
        )
        self._save_slots(slots)
        return code

    def _save_slots(self, slots: KeySlots) -> None:
        try:
            slots.save(self.path / SLOTS_NAME)
        except OSError as exc:
            raise StorageError.from_os_error(exc) from exc
        self._slots = slots
