"""Key slots: the vault's data key, wrapped under each passphrase and the recovery code.

The database is encrypted with a random 256-bit data key. That key is never
stored in the clear: each slot holds it encrypted with AES-256-GCM under a
key derived by Argon2id from a passphrase or the recovery code (one slot: slot.py).
The slot file format is documented in docs/vault-format.md.

Damage stays local. Each slot is read on its own, so a damaged passphrase slot leaves
the recovery slot usable. Beside ``keyslots.json`` lies its checked copy,
``keyslots.json.bak``, written after every save that reads back as written (the idea
of Cryptomator's masterkey backup). When ``keyslots.json`` is damaged or missing the
copy opens the vault, and once the vault is open (and locked by us) the file is put
back from it atomically; a coach is told both.
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from coachdesk.i18n import Message
from coachdesk.vault.errors import (
    NOT_REPAIRED,
    REPAIRED,
    SLOT_STILL_DAMAGED,
    DamagedKeySlotError,
    DamagedVaultError,
    NotAVaultError,
    StorageError,
    VaultError,
    VaultTooNewError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.files import atomic_write
from coachdesk.vault.slot import (
    DAMAGED,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MAX_FILE_BYTES,
    RECOVERY_ALPHABET,
    TOO_COSTLY,
    Slot,
    checked,
    covers,
    merged_slots,
)
from coachdesk.vault.slot import DEFAULT_KDF as DEFAULT_KDF  # re-exported
from coachdesk.vault.slot import KdfParams as KdfParams  # re-exported
from coachdesk.vault.slot import new_data_key as new_data_key  # re-exported
from coachdesk.vault.slot import new_recovery_code as new_recovery_code  # re-exported
from coachdesk.vault.slot import normalise_recovery_code as normalise_recovery_code

COPY_SUFFIX = ".bak"


def copy_path(path: Path) -> Path:
    """Where the checked copy of the slot file ``path`` lives."""
    return path.with_name(path.name + COPY_SUFFIX)


@dataclass
class OnDisk:
    """Both slot files as :meth:`KeySlots.load` read them (None: missing or unreadable)."""

    path: Path
    main_raw: bytes | None
    main: KeySlots | None
    copy_raw: bytes | None
    copy: KeySlots | None
    opened_from_copy: bool = False


@dataclass(frozen=True)
class KeySlots:
    """The content of ``keyslots.json``."""

    vault_id: str
    slots: tuple[Slot, ...]
    on_disk: OnDisk | None = field(default=None, compare=False, repr=False)
    """Set by :meth:`load`: the files as read, so the copy can stand in and repair."""
    notices: tuple[Message, ...] = field(default=(), compare=False)
    """Set by :meth:`repaired`: what to tell the coach (a repair, a slot still damaged)."""

    @property
    def intact(self) -> bool:
        return all(s.problem is None for s in self.slots)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [s.to_json() for s in self.slots],
        }
        return json.dumps(data, indent=2).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeySlots:
        """The slots in ``raw``; a damaged slot is kept as such, only the frame must read."""
        try:
            # A byte that is not UTF-8 spoils only the string it is in (one slot at most).
            data = json.loads(raw.decode("utf-8", errors="replace"))
        except (json.JSONDecodeError, RecursionError) as exc:
            raise DamagedVaultError() from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise NotAVaultError()
        version = data.get("version")
        if type(version) is not int or version < 1:
            raise DamagedVaultError()
        if version > FORMAT_VERSION:
            raise VaultTooNewError()
        vault_id, slots = data.get("vault_id"), data.get("slots")
        if not isinstance(vault_id, str) or not isinstance(slots, list) or not 0 < len(slots) <= 8:
            raise DamagedVaultError()  # a vault has two slots; dozens would cost minutes
        return cls(vault_id, tuple(Slot.from_json(s) for s in slots))

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        """The slots of ``path``, or of its checked copy when ``path`` cannot be read."""
        main_raw, main, error = _read(path)
        copy_raw, copy, copy_error = _read(copy_path(path))
        chosen = main or copy
        if chosen is None:
            raise copy_error if main_raw is None and copy_raw is not None else error
        return replace(chosen, on_disk=OnDisk(path, main_raw, main, copy_raw, copy))

    def spare(self) -> KeySlots | None:
        """The checked copy's slots when they differ from these (to try when the key these
        give does not open the database: a key file of another vault put in its place)."""
        disk = self.on_disk
        if disk is None or disk.copy is None or disk.copy_raw == disk.main_raw:
            return None
        disk.opened_from_copy = True  # repaired from the copy once the database opens
        return replace(disk.copy, on_disk=disk)

    def save(self, path: Path) -> None:
        """Write the slots to ``path``; then, if they read back as written, the copy too."""
        data = self.to_bytes()
        atomic_write(path, data)
        # The save is done; a copy left older is brought up to date at the next opening.
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                write_copy(path, data)

    def repaired(self) -> KeySlots:
        """After opening (the caller holds the vault's lock): both files good again, if they
        can be, and the notices a coach should read."""
        disk = self.on_disk
        if disk is None:
            return self
        notices: list[Message] = []
        main, copy = disk.main, disk.copy
        if copy is not None and (disk.opened_from_copy or main is None or covers(copy, main)):
            # The copy, with a whole slot of the main file standing in for one it has damaged.
            current = replace(copy, slots=merged_slots(copy, main))
            raw = disk.copy_raw if current.slots == copy.slots else current.to_bytes()
            assert raw is not None
            try:
                atomic_write(disk.path, raw)
                if raw != disk.copy_raw:
                    write_copy(disk.path, raw)
                notices.append(Message(REPAIRED))
            except OSError as exc:
                notices.append(Message(NOT_REPAIRED, {"reason": exc.strerror or str(exc)}))
        else:
            assert main is not None and disk.main_raw is not None
            current = main
            if main.intact and disk.copy_raw != disk.main_raw and checked(disk.main_raw):
                with contextlib.suppress(OSError):
                    write_copy(disk.path, disk.main_raw)
        for kind in KINDS:
            if not any(s.kind == kind and s.problem is None for s in current.slots):
                notices.append(Message(SLOT_STILL_DAMAGED[kind]))
        return replace(current, on_disk=None, notices=tuple(notices))

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        # As typed (vaults made before), then composed: "é" may arrive as e and an accent.
        for typed in dict.fromkeys((passphrase, unicodedata.normalize("NFC", passphrase))):
            if (key := self._unlock("passphrase", typed.encode("utf-8"))) is not None:
                return key
        raise WrongPassphraseError()

    def unlock_with_recovery_code(self, code: str) -> bytes:
        cleaned = normalise_recovery_code(code)
        if not cleaned or any(ch not in RECOVERY_ALPHABET for ch in cleaned):
            # A letter outside the printed alphabet (ü, ß, Arabic digits ...) cannot be right.
            raise WrongRecoveryCodeError()
        key = self._unlock("recovery", cleaned.encode("ascii"))
        if key is None:
            raise WrongRecoveryCodeError()
        return key

    def _unlock(self, kind: str, secret: bytes) -> bytes | None:
        """The key from a usable slot of ``kind`` here, else in the copy when this file is
        suspect; a slot that could not be tried is reported as damaged."""
        key, problem = self._try(kind, secret, skip=())
        standby = self._standby()
        if key is None and standby is not None:
            skip = self.slots if standby.vault_id == self.vault_id else ()
            key, _ = standby._try(kind, secret, skip)
            if key is not None and self.on_disk is not None:
                self.on_disk.opened_from_copy = True
        if key is None and problem is not None:
            raise DamagedKeySlotError(kind, too_costly=problem == TOO_COSTLY)
        return key

    def _try(
        self, kind: str, secret: bytes, skip: tuple[Slot, ...]
    ) -> tuple[bytes | None, str | None]:
        """The key, or None and the problem of a slot of ``kind`` that could not be tried."""
        problem: str | None = None
        tried = False
        for slot in self.slots:
            if slot.kind != kind:
                continue
            if slot.problem is not None:
                problem = problem or slot.problem
                continue
            tried = True
            if slot in skip:
                continue
            key = slot.unwrap(self.vault_id, secret)
            if key is not None:
                return key, None
        # No slot of ``kind`` to try: its kind became unreadable, or it was taken out of the
        # file. Either is damage, not a wrong secret (the other secret may still open).
        return None, problem or (None if tried else DAMAGED)

    def _standby(self) -> KeySlots | None:
        """The copy, when it may open what this file does not: this file has a damaged
        slot, lacks a slot of a kind, or names another vault (its ``vault_id`` carries no
        checksum)."""
        disk = self.on_disk
        if disk is None or disk.main is None or disk.copy is None:
            return None
        every_kind = {s.kind for s in self.slots} >= set(KINDS)
        if self.intact and every_kind and disk.copy.vault_id == self.vault_id:
            return None
        return disk.copy

    def with_passphrase(self, passphrase: str, data_key: bytes, kdf: KdfParams) -> KeySlots:
        """A copy whose passphrase slots are replaced by one for ``passphrase``."""
        secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        new = Slot.wrap(self.vault_id, "passphrase", secret, data_key, kdf)
        kept = tuple(s for s in self.slots if s.kind not in ("passphrase", ""))
        return KeySlots(self.vault_id, (new, *kept))

    def with_recovery_code(self, code: str, data_key: bytes, kdf: KdfParams) -> KeySlots:
        secret = normalise_recovery_code(code).encode("ascii")
        new = Slot.wrap(self.vault_id, "recovery", secret, data_key, kdf)
        kept = tuple(s for s in self.slots if s.kind not in ("recovery", ""))
        return KeySlots(self.vault_id, (*kept, new))

    @classmethod
    def create(
        cls, passphrase: str, recovery_code: str, data_key: bytes, kdf: KdfParams
    ) -> KeySlots:
        vault_id = uuid.uuid4().hex
        empty = cls(vault_id, ())
        return empty.with_passphrase(passphrase, data_key, kdf).with_recovery_code(
            recovery_code, data_key, kdf
        )


def write_copy(path: Path, data: bytes) -> bool:
    """Write ``data`` as the checked copy of the slot file ``path``, if it reads as slots."""
    try:
        slots = KeySlots.from_bytes(data)
    except VaultError:
        return False
    if not any(s.problem is None for s in slots.slots):
        return False
    atomic_write(copy_path(path), data)
    return True


def _read(path: Path) -> tuple[bytes | None, KeySlots | None, VaultError]:
    """The bytes and slots of ``path``, and the error to raise if it is the only file."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # two slots take 1 KB; never read 200 MB
            return b"", None, DamagedVaultError()
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None, NotAVaultError()
    except OSError as exc:
        return None, None, StorageError.from_read_error(exc)
    try:
        return raw, KeySlots.from_bytes(raw), DamagedVaultError()
    except VaultError as exc:
        return raw, None, exc
