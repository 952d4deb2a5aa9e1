"""One key slot: the data key wrapped under one secret, read and checked on its own.

A slot that cannot be used (a flipped byte, a field missing, parameters Argon2 would
refuse or that would take too long) is kept as a *problem* slot instead of failing the
whole file, so the other secret still opens the vault. Nothing read from a slot reaches
Argon2 or AES-GCM before it passed the checks here. The secrets themselves (data key,
recovery code) are made here too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from coachdesk.vault.errors import DamagedKeySlotError

if TYPE_CHECKING:
    from coachdesk.vault.keyslots import KeySlots

FORMAT = "coachdesk-keyslots"
FORMAT_VERSION = 1
KEY_BYTES = 32
KINDS = ("passphrase", "recovery")
SALT_BYTES = 16
MIN_SALT_BYTES, MAX_SALT_BYTES = 8, 64  # Argon2 needs 8; more than 64 is never written
NONCE_BYTES = 12  # the one nonce size AES-GCM is used with here
WRAPPED_BYTES = KEY_BYTES + 16  # the key and its GCM tag

# The cost ceiling. Opening tries at most one slot per file (keyslots.json and its copy),
# so these bound how long "Open" can take and how much memory it can ask for. Measured on
# a 2-core VM: 1 GiB for one pass takes 2.6 s, the default (128 MiB, 3 passes) 0.5 s. A
# laptop with 4 GB of RAM can still give 1 GiB; 4 GiB (once allowed) could not, and
# 4 GiB x 100 passes ran for many minutes. The work limit (memory x passes) keeps the
# worst slot near 10 s there, eight times the default's work, room to raise the default.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 16
MAX_WORK_KIB = 4 * 1024 * 1024

DAMAGED = "damaged"
"""A slot problem: it does not read back as written (checksum, syntax, sizes)."""
TOO_COSTLY = "too_costly"
"""A slot problem: its Argon2 parameters are above the cost ceiling; never attempted."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored with each slot so they can grow over time."""

    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    def problem(self) -> str | None:
        """``DAMAGED`` if Argon2 would refuse these, ``TOO_COSTLY`` if we do, else None."""
        values = (self.memory_kib, self.iterations, self.lanes)
        if any(type(v) is not int for v in values):
            return DAMAGED
        if self.lanes < 1 or self.iterations < 1 or self.memory_kib < 8 * self.lanes:
            return DAMAGED
        if (
            self.lanes > MAX_LANES
            or self.iterations > MAX_ITERATIONS
            or self.memory_kib > MAX_MEMORY_KIB
            or self.memory_kib * self.iterations > MAX_WORK_KIB
        ):
            return TOO_COSTLY
        return None

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        if self.problem() is not None or not MIN_SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
            raise ValueError("Argon2id parameters outside the accepted range")
        return Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(secret)


DEFAULT_KDF = KdfParams()


# Crockford's base32 alphabet: no I, L, O, U, so a handwritten code is unambiguous.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_GROUPS = 8
_RECOVERY_GROUP_LEN = 4


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_code() -> str:
    """A 160-bit code in 8 groups of 4 characters, to print and keep on paper."""
    chars = "".join(
        secrets.choice(RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUPS * _RECOVERY_GROUP_LEN)
    )
    groups = [chars[i : i + _RECOVERY_GROUP_LEN] for i in range(0, len(chars), _RECOVERY_GROUP_LEN)]
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Accept the code as people type it: any case, spaces or dashes, O for 0, I/L for 1."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(table)
    return cleaned


def _check(fields: dict[str, Any]) -> str:
    """A checksum of a slot, so a damaged slot is told apart from a wrong passphrase."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


_UNREADABLE = (KeyError, TypeError, ValueError, AttributeError, OverflowError, binascii.Error)


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key."""

    id: str
    kind: str
    """"passphrase" or "recovery"; "" for a problem slot whose kind cannot be read."""
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    problem: str | None = None
    """None for a usable slot, else ``DAMAGED`` or ``TOO_COSTLY``: never tried."""
    raw: Any = field(default=None, compare=False)
    """The JSON a problem slot was read from, written back unchanged (it stays a problem)."""

    @property
    def damaged(self) -> bool:
        return self.problem is not None

    def to_json(self) -> Any:
        if self.problem is not None:
            return self.raw
        fields = self._fields()
        return {**fields, "check": _check(fields)}

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
    def from_json(cls, data: Any) -> Slot:
        """The slot in ``data``; whatever ``data`` holds, a slot (maybe a problem one)."""
        try:
            slot = cls._parse(data)
        except _UNREADABLE:
            return cls._with_problem(data, DAMAGED)
        # "check" is optional (slots written before it existed have none).
        if "check" in data and data["check"] != _check(slot._fields()):
            return cls._with_problem(data, DAMAGED)
        sizes_ok = (
            MIN_SALT_BYTES <= len(slot.salt) <= MAX_SALT_BYTES
            and len(slot.nonce) == NONCE_BYTES
            and len(slot.wrapped_key) == WRAPPED_BYTES
        )
        problem = slot.kdf.problem() if sizes_ok else DAMAGED
        return slot if problem is None else cls._with_problem(data, problem)

    @classmethod
    def _parse(cls, data: Any) -> Slot:
        kdf = data["kdf"]
        if kdf["name"] != "argon2id":
            raise ValueError("unknown kdf")
        params = KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
        if data["kind"] not in KINDS or not isinstance(data["id"], str):
            raise ValueError("unknown slot kind")
        return cls(
            id=data["id"],
            kind=data["kind"],
            kdf=params,
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped_key=_unb64(data["wrapped_key"]),
        )

    @classmethod
    def _with_problem(cls, data: Any, problem: str) -> Slot:
        kind = data.get("kind") if isinstance(data, dict) else None
        kind = kind if kind in KINDS else ""
        return cls("", str(kind), DEFAULT_KDF, b"", b"", b"", problem, data)

    @classmethod
    def wrap(cls, vault_id: str, kind: str, secret: bytes, data_key: bytes, kdf: KdfParams) -> Slot:
        if kdf.problem() is not None:
            raise ValueError(f"Argon2id parameters outside the accepted range: {kdf}")
        salt = secrets.token_bytes(SALT_BYTES)
        nonce = secrets.token_bytes(NONCE_BYTES)
        slot_id = uuid.uuid4().hex
        kek = kdf.derive(secret, salt)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, _associated_data(vault_id, slot_id, kind))
        return cls(slot_id, kind, kdf, salt, nonce, wrapped)

    def unwrap(self, vault_id: str, secret: bytes) -> bytes | None:
        """The data key, or None for a wrong secret. Only ever called on a usable slot."""
        if self.problem is not None or len(self.nonce) != NONCE_BYTES:
            raise DamagedKeySlotError(self.kind or KINDS[0], too_costly=self.problem == TOO_COSTLY)
        try:
            kek = self.kdf.derive(secret, self.salt)
        except (MemoryError, ValueError) as exc:  # refused above; Argon2 may still say no
            raise DamagedKeySlotError(self.kind) from exc
        try:
            bound = _associated_data(vault_id, self.id, self.kind)
            key = AESGCM(kek).decrypt(self.nonce, self.wrapped_key, bound)
        except InvalidTag:
            return None
        return key if len(key) == KEY_BYTES else None


def _associated_data(vault_id: str, slot_id: str, kind: str) -> bytes:
    """What a wrapped key is bound to: a slot copied from another vault, or relabelled, fails."""
    return f"{FORMAT}:{FORMAT_VERSION}:{vault_id}:{slot_id}:{kind}".encode()


MAX_FILE_BYTES = 64 * 1024  # a key file is about 1 KB: a larger one is damaged or crafted


def checked(raw: bytes) -> bool:
    """Whether every slot in the key file ``raw`` carries its checksum (written since 0.1).

    A file whose checksums are missing (a flipped byte can rename the field) is never copied
    over the checked copy: it could not tell damage from a wrong passphrase any more.
    """
    try:
        slots = json.loads(raw.decode("utf-8")).get("slots")
    except (ValueError, AttributeError, RecursionError):
        return False
    return isinstance(slots, list) and all(isinstance(s, dict) and "check" in s for s in slots)


def covers(copy: KeySlots, main: KeySlots) -> bool:
    """Whether the copy is whole and holds every usable slot of a damaged ``main``, so
    putting it back loses nothing."""
    usable = [s for s in main.slots if s.problem is None]
    same = copy.vault_id == main.vault_id and all(s in copy.slots for s in usable)
    return not main.intact and copy.intact and same


def merged_slots(copy: KeySlots, main: KeySlots | None) -> tuple[Slot, ...]:
    """The copy's slots, where the copy's slot of a kind is damaged and the main file (of the
    same vault) has a whole one, with that one instead: repairing never loses the only good
    slot of a kind (a damaged passphrase slot in one file, recovery slot in the other)."""
    if main is None or main.vault_id != copy.vault_id:
        return copy.slots
    whole = {s.kind: s for s in main.slots if s.problem is None and s.kind in KINDS}
    kept = {s.kind for s in copy.slots if s.problem is None}
    wanted = {kind: slot for kind, slot in whole.items() if kind not in kept}
    return (*(s for s in copy.slots if s.kind not in wanted), *wanted.values())
