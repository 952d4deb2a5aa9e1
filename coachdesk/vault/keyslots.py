"""Key slots: the vault's data key, wrapped under each passphrase and the recovery code.

The database is encrypted with a random 256-bit data key. That key is never
stored in the clear: each slot holds it encrypted with AES-256-GCM under a
key derived by Argon2id from a passphrase or the recovery code. The slot file
format is documented in docs/vault-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from coachdesk.i18n import N_, Message
from coachdesk.vault.errors import (
    DamagedVaultError,
    NotAVaultError,
    StorageError,
    VaultTooNewError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.files import atomic_write

FORMAT = "coachdesk-keyslots"
FORMAT_VERSION = 1
KEY_BYTES = 32
MIN_MEMORY_KIB = 64 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored with each slot so they can grow over time."""

    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(secret)


DEFAULT_KDF = KdfParams()

# Crockford's base32 alphabet: no I, L, O, U, so a handwritten code is unambiguous.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_GROUPS = 8
_RECOVERY_GROUP_LEN = 4


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_code() -> str:
    """A 160-bit code in 8 groups of 4 characters, to print and keep on paper."""
    chars = "".join(
        secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUPS * _RECOVERY_GROUP_LEN)
    )
    groups = [chars[i : i + _RECOVERY_GROUP_LEN] for i in range(0, len(chars), _RECOVERY_GROUP_LEN)]
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Accept the code as people type it: any case, spaces or dashes, O for 0, I/L for 1."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(table)
    return cleaned


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


def _check(fields: dict[str, Any]) -> str:
    """A checksum of a slot, so a damaged slot is told apart from a wrong passphrase."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key."""

    id: str
    kind: str  # "passphrase" or "recovery"
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    damaged: bool = False
    """The slot's ``check`` did not match: a damaged file, not a wrong secret."""

    def to_json(self) -> dict[str, Any]:
        fields = self._fields()
        # A damaged slot kept while another is rewritten must stay recognisably damaged.
        return {**fields, "check": "damaged" if self.damaged else _check(fields)}

    def _fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            },
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kdf = data["kdf"]
        if kdf.get("name") != "argon2id":
            raise ValueError("unknown kdf")
        params = KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        if params.memory_kib < 8 or params.iterations < 1 or params.lanes < 1:
            raise ValueError("bad kdf parameters")
        if params.memory_kib > 4 * 1024 * 1024 or params.iterations > 100 or params.lanes > 64:
            raise ValueError("kdf parameters out of range")
        kind = str(data["kind"])
        if kind not in ("passphrase", "recovery"):
            raise ValueError("unknown slot kind")
        slot = cls(
            id=str(data["id"]),
            kind=kind,
            kdf=params,
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped_key=_unb64(data["wrapped_key"]),
        )
        # "check" is optional (slots written before it existed have none).
        if "check" in data and data["check"] != _check(slot._fields()):
            return replace(slot, damaged=True)
        return slot

    def _aad(self, vault_id: str) -> bytes:
        return f"{FORMAT}:{FORMAT_VERSION}:{vault_id}:{self.id}:{self.kind}".encode()

    @classmethod
    def wrap(cls, vault_id: str, kind: str, secret: bytes, data_key: bytes, kdf: KdfParams) -> Slot:
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        slot = cls(uuid.uuid4().hex, kind, kdf, salt, nonce, b"")
        kek = kdf.derive(secret, salt)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, slot._aad(vault_id))
        return cls(slot.id, kind, kdf, salt, nonce, wrapped)

    def unwrap(self, vault_id: str, secret: bytes) -> bytes | None:
        try:
            kek = self.kdf.derive(secret, self.salt)
        except MemoryError as exc:  # parameters from a damaged or foreign file
            raise DamagedVaultError() from exc
        try:
            key = AESGCM(kek).decrypt(self.nonce, self.wrapped_key, self._aad(vault_id))
        except InvalidTag:
            return None
        return key if len(key) == KEY_BYTES else None


@dataclass(frozen=True)
class KeySlots:
    """The content of ``keyslots.json``."""

    vault_id: str
    slots: tuple[Slot, ...]

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
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise DamagedVaultError() from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise NotAVaultError()
        version = data.get("version")
        if not isinstance(version, int):
            raise DamagedVaultError()
        if version > FORMAT_VERSION:
            raise VaultTooNewError()
        try:
            vault_id = str(data["vault_id"])
            slots = tuple(Slot.from_json(s) for s in data["slots"])
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise DamagedVaultError() from exc
        if not slots:
            raise DamagedVaultError()
        return cls(vault_id, slots)

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise NotAVaultError() from exc
        except OSError as exc:
            raise StorageError.from_read_error(exc) from exc
        return cls.from_bytes(raw)

    def save(self, path: Path) -> None:
        atomic_write(path, self.to_bytes())

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        key = self._unlock("passphrase", passphrase.encode("utf-8"))
        if key is None:
            raise WrongPassphraseError()
        return key

    def unlock_with_recovery_code(self, code: str) -> bytes:
        cleaned = normalise_recovery_code(code)
        if not cleaned or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
            # A letter outside the printed alphabet (ü, ß, Arabic digits ...) cannot be right.
            raise WrongRecoveryCodeError()
        key = self._unlock("recovery", cleaned.encode("ascii"))
        if key is None:
            raise WrongRecoveryCodeError()
        return key

    def _unlock(self, kind: str, secret: bytes) -> bytes | None:
        """The key from an intact slot of ``kind``; a damaged slot is reported as damaged."""
        damaged = False
        for slot in self.slots:
            if slot.kind != kind:
                continue
            if slot.damaged:
                damaged = True
                continue
            key = slot.unwrap(self.vault_id, secret)
            if key is not None:
                return key
        if damaged:
            raise DamagedVaultError(Message(DAMAGED_SLOT[kind]))
        return None

    def with_passphrase(self, passphrase: str, data_key: bytes, kdf: KdfParams) -> KeySlots:
        """A copy whose passphrase slots are replaced by one for ``passphrase``."""
        new = Slot.wrap(self.vault_id, "passphrase", passphrase.encode("utf-8"), data_key, kdf)
        kept = tuple(s for s in self.slots if s.kind != "passphrase")
        return KeySlots(self.vault_id, (new, *kept))

    def with_recovery_code(self, code: str, data_key: bytes, kdf: KdfParams) -> KeySlots:
        secret = normalise_recovery_code(code).encode("ascii")
        new = Slot.wrap(self.vault_id, "recovery", secret, data_key, kdf)
        kept = tuple(s for s in self.slots if s.kind != "recovery")
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
