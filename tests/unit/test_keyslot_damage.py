"""Damage to the key slots stays local: one damaged slot or file never locks both secrets out.

Every single-byte flip of ``keyslots.json`` is tried; the file and its checked copy
(``keyslots.json.bak``) are each damaged, truncated, emptied and deleted; parameters
that Argon2 refuses or that would take too long never reach Argon2.
"""

from __future__ import annotations

import base64
import collections
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from coachdesk.vault import slot as slot_module
from coachdesk.vault.backup import backup, bytes_for_backup
from coachdesk.vault.errors import DamagedKeySlotError, DamagedVaultError, VaultError
from coachdesk.vault.keyslots import KdfParams, KeySlots
from coachdesk.vault.restore import restore
from coachdesk.vault.slot import DAMAGED, TOO_COSTLY
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

FLIPS = (0x01, 0x20, 0x80, 0xFF)  # the low bit, the ASCII case/space bit, the high bit, all
NEW_PASSPHRASE = "Neuer Satz für das Amt, 2026!"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("slots") / "vault"
    vault, code = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    return path, code


@pytest.fixture
def fresh(made: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    shutil.copytree(made[0], tmp_path / "vault")
    return tmp_path / "vault", made[1]


def slots_file(path: Path) -> Path:
    return path / "keyslots.json"


def copy_file(path: Path) -> Path:
    return path / "keyslots.json.bak"


def opens(path: Path, secret: str, code: str) -> Vault:
    if secret == "passphrase":
        return Vault.open(path, PASSPHRASE, migrate=False)
    return Vault.open_with_recovery_code(path, code, migrate=False)


def notices(vault: Vault) -> list[str]:
    return [n.render() for n in vault.notices]


def unlock(slots: KeySlots, secret: str, code: str) -> bytes:
    if secret == "passphrase":
        return slots.unlock_with_passphrase(PASSPHRASE)
    return slots.unlock_with_recovery_code(code)


def test_every_single_byte_flip_leaves_a_secret_that_opens(
    fresh: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every byte with each of ``FLIPS``, both secrets, through the key-slot part of
    opening (read both files, unlock, repair); the database part is the same for every
    flip and is covered by the next test. fsync is skipped for time: durability is what
    test_crash_safety.py is about, and a repair here writes thousands of times."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    path, code = fresh
    original = slots_file(path).read_bytes()
    copy = copy_file(path).read_bytes()
    assert copy == original, "the copy is written with the file"
    with Vault.open(path, PASSPHRASE, migrate=False) as vault:
        data_key = bytes(vault.data_key())
    outcomes: collections.Counter[str] = collections.Counter()
    for pos in range(len(original)):
        for flip in FLIPS:
            damaged = bytearray(original)
            damaged[pos] ^= flip
            slots_file(path).write_bytes(bytes(damaged))
            copy_file(path).write_bytes(copy)
            try:
                slots = KeySlots.load(slots_file(path))
            except VaultError:
                slots = None  # anything else fails the test
            opened = []
            for secret in ("passphrase", "recovery"):
                try:
                    if slots is not None and unlock(slots, secret, code) == data_key:
                        opened.append(secret)
                except VaultError:
                    pass
            outcomes["+".join(opened) or "neither"] += 1
            assert opened, f"byte {pos} ^ {flip:#x} locked out both secrets"
            assert slots is not None
            slots.repaired()
            # Whatever was used, the file reads as whole slots again.
            assert KeySlots.from_bytes(slots_file(path).read_bytes()).intact
    print(f"\n{len(original) * len(FLIPS)} flips: {dict(outcomes)}")
    assert sum(outcomes.values()) == len(original) * len(FLIPS)


def test_flips_through_the_whole_open(fresh: tuple[Path, str]) -> None:
    path, code = fresh
    original = slots_file(path).read_bytes()
    copy = copy_file(path).read_bytes()
    for pos in range(0, len(original), 3):
        damaged = bytearray(original)
        damaged[pos] ^= FLIPS[pos % len(FLIPS)]
        opened = []
        for secret in ("passphrase", "recovery"):
            slots_file(path).write_bytes(bytes(damaged))
            copy_file(path).write_bytes(copy)
            try:
                vault = opens(path, secret, code)
            except VaultError:
                continue
            said = notices(vault)
            vault.lock()
            opened.append(secret)
            if slots_file(path).read_bytes() == damaged:
                assert said == [], "nothing to say when the flip did no harm"
            else:
                assert slots_file(path).read_bytes() == original
                assert any("checked copy" in n for n in said)
        assert opened, f"byte {pos} locked out both secrets"


def test_a_flip_inside_one_slot_leaves_the_other_without_the_copy(
    fresh: tuple[Path, str],
) -> None:
    """Slots are read one by one: with no copy, damage inside the slots list that keeps
    the JSON readable still leaves one secret (the frame of the file has no twin)."""
    path, code = fresh
    copy_file(path).unlink()
    original = slots_file(path).read_bytes()
    start = original.index(b'"slots": [') + len(b'"slots": [')
    tried = 0
    for pos in range(start, len(original) - 2):
        for flip in FLIPS:
            damaged = bytearray(original)
            damaged[pos] ^= flip
            try:
                json.loads(bytes(damaged).decode("utf-8", errors="replace"))
            except ValueError:
                continue
            tried += 1
            slots = KeySlots.from_bytes(bytes(damaged))
            opened = []
            for secret in ("passphrase", "recovery"):
                try:
                    unlock(slots, secret, code)
                    opened.append(secret)
                except VaultError:
                    pass
            assert opened, f"byte {pos} ^ {flip:#x} locked out both secrets"
    assert tried > 500


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "delete", "garbage"])
@pytest.mark.parametrize("secret", ["passphrase", "recovery"])
def test_damaged_or_missing_file_opens_from_the_copy_and_is_repaired(
    fresh: tuple[Path, str], damage: str, secret: str
) -> None:
    path, code = fresh
    main = slots_file(path)
    original = main.read_bytes()
    if damage == "flip":
        main.write_bytes(original.replace(b'"slots"', b'"slotz"'))
    elif damage == "truncate":
        main.write_bytes(original[: len(original) // 2])
    elif damage == "empty":
        main.write_bytes(b"")
    elif damage == "delete":
        main.unlink()
    else:
        main.write_bytes(b"\x00\xff" * 300)
    assert Vault.exists(path)
    with opens(path, secret, code) as vault:
        said = notices(vault)
    assert len(said) == 1 and "checked copy" in said[0] and "repaired" in said[0]
    assert main.read_bytes() == original
    with opens(path, secret, code) as vault:
        assert notices(vault) == []


def test_file_and_copy_both_gone_is_not_a_vault_and_both_damaged_is_damaged(
    fresh: tuple[Path, str],
) -> None:
    path, _code = fresh
    slots_file(path).write_bytes(b"{")
    copy_file(path).write_bytes(b"[")
    with pytest.raises(DamagedVaultError):
        Vault.open(path, PASSPHRASE)
    slots_file(path).unlink()
    with pytest.raises(DamagedVaultError):
        Vault.open(path, PASSPHRASE)
    copy_file(path).unlink()
    assert not Vault.exists(path)


def _damage_slot(data: dict[str, Any], kind: str) -> None:
    slot = next(s for s in data["slots"] if s["kind"] == kind)
    slot["salt"] = slot["salt"][::-1]


def test_damaged_passphrase_slot_is_named_after_opening_with_the_recovery_code(
    fresh: tuple[Path, str],
) -> None:
    path, code = fresh
    data = json.loads(slots_file(path).read_text())
    _damage_slot(data, "passphrase")
    for written in (slots_file(path), copy_file(path)):
        written.write_text(json.dumps(data))
    with pytest.raises(DamagedKeySlotError) as err:
        Vault.open(path, PASSPHRASE)
    assert err.value.kind == "passphrase" and "recovery code" in str(err.value)
    with Vault.open_with_recovery_code(path, code) as vault:
        assert notices(vault) == [
            "The passphrase slot of this vault is damaged. Set a new passphrase."
        ]
        vault.set_passphrase(NEW_PASSPHRASE, kdf=FAST_KDF)
    with Vault.open(path, NEW_PASSPHRASE) as vault:
        assert notices(vault) == []
    assert copy_file(path).read_bytes() == slots_file(path).read_bytes()


def test_damaged_slot_in_the_file_is_taken_from_the_copy(fresh: tuple[Path, str]) -> None:
    path, code = fresh
    original = slots_file(path).read_bytes()
    data = json.loads(original)
    _damage_slot(data, "passphrase")
    slots_file(path).write_text(json.dumps(data))
    with Vault.open_with_recovery_code(path, code) as vault:
        assert any("checked copy" in n for n in notices(vault))
    assert slots_file(path).read_bytes() == original
    slots_file(path).write_text(json.dumps(data))
    Vault.open(path, PASSPHRASE).lock()
    assert slots_file(path).read_bytes() == original


def test_an_older_copy_never_brings_back_an_old_passphrase(fresh: tuple[Path, str]) -> None:
    path, _code = fresh
    older = copy_file(path).read_bytes()
    with Vault.open(path, PASSPHRASE) as vault:
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=FAST_KDF)
    copy_file(path).write_bytes(older)  # as if cut off before the copy was written
    with pytest.raises(VaultError):
        Vault.open(path, PASSPHRASE)
    Vault.open(path, NEW_PASSPHRASE).lock()
    assert copy_file(path).read_bytes() == slots_file(path).read_bytes(), "brought up to date"


def test_copy_is_written_only_when_the_file_reads_back(
    fresh: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _code = fresh
    before = copy_file(path).read_bytes()
    real = Path.read_bytes

    def misread(self: Path) -> bytes:
        data = real(self)
        return data[:-1] if self.name == "keyslots.json" else data

    with Vault.open(path, PASSPHRASE) as vault:
        monkeypatch.setattr(Path, "read_bytes", misread)
        vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=FAST_KDF)
        monkeypatch.undo()
    assert copy_file(path).read_bytes() == before
    # An old vault without a copy gets one at its next opening.
    copy_file(path).unlink()
    Vault.open(path, NEW_PASSPHRASE).lock()
    assert copy_file(path).read_bytes() == slots_file(path).read_bytes()


def test_backup_and_restore_carry_the_checked_slots(
    fresh: tuple[Path, str], tmp_path: Path
) -> None:
    path, code = fresh
    good = slots_file(path).read_bytes()
    with Vault.open(path, PASSPHRASE) as vault:
        slots_file(path).write_bytes(b"damaged while open")
        assert bytes_for_backup(slots_file(path)) == good
        made = backup(vault, tmp_path / "b.cdbackup")
    restore(made.path, path, PASSPHRASE)
    assert slots_file(path).read_bytes() == good == copy_file(path).read_bytes()
    slots_file(path).unlink()
    with Vault.open_with_recovery_code(path, code) as vault:
        assert any("checked copy" in n for n in notices(vault))


def _with_slot(path: Path, kind: str, **changes: Any) -> None:
    """Change fields of a slot and drop its checksum, as a foreign or old file would have."""
    data = json.loads(slots_file(path).read_text())
    slot = next(s for s in data["slots"] if s["kind"] == kind)
    slot.pop("check")
    for name, value in changes.items():
        if name in ("memory_kib", "iterations", "lanes"):
            slot["kdf"][name] = value
        else:
            slot[name] = value
    for written in (slots_file(path), copy_file(path)):
        written.write_text(json.dumps(data))


OUT_OF_RANGE = [
    ({"memory_kib": 8, "lanes": 4}, DAMAGED),  # Argon2 needs 8 KiB per lane
    ({"memory_kib": 0}, DAMAGED),
    ({"iterations": 0}, DAMAGED),
    ({"lanes": 0}, DAMAGED),
    ({"memory_kib": 1024, "lanes": 17}, TOO_COSTLY),
    ({"lanes": 2**24}, DAMAGED),  # and not 8 KiB per lane
    ({"memory_kib": "8192"}, DAMAGED),
    ({"iterations": True}, DAMAGED),
    ({"salt": ""}, DAMAGED),  # 0 bytes
    ({"salt": "AAAAAAAAAA=="}, DAMAGED),  # 7 bytes
    ({"nonce": base64.b64encode(bytes(200)).decode()}, DAMAGED),
    ({"nonce": "AAAAAAAAAAA="}, DAMAGED),  # 8 bytes, which AES-GCM would take
    ({"wrapped_key": "AAAA"}, DAMAGED),
    ({"memory_kib": 4 * 1024 * 1024, "iterations": 100}, TOO_COSTLY),  # once "the maximum"
    ({"memory_kib": 1024 * 1024 + 1, "iterations": 1}, TOO_COSTLY),
    ({"memory_kib": 64 * 1024, "iterations": 11}, TOO_COSTLY),
    ({"memory_kib": 1024 * 1024, "iterations": 5}, TOO_COSTLY),  # over the work limit
]


@pytest.mark.parametrize(("changes", "problem"), OUT_OF_RANGE)
def test_out_of_range_parameters_are_a_damaged_slot_never_tried(
    fresh: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
    changes: dict[str, Any],
    problem: str,
) -> None:
    path, code = fresh
    _with_slot(path, "passphrase", **changes)
    derived: list[KdfParams] = []
    real_derive = KdfParams.derive

    def spy(self: KdfParams, secret: bytes, salt: bytes) -> bytes:
        derived.append(self)
        return real_derive(self, secret, salt)

    monkeypatch.setattr(slot_module.KdfParams, "derive", spy)
    started = time.monotonic()
    with pytest.raises(DamagedKeySlotError) as err:
        Vault.open(path, PASSPHRASE)
    assert time.monotonic() - started < 5
    assert derived == [], "Argon2 must not see the slot"
    assert err.value.too_costly == (problem == TOO_COSTLY)
    assert ("more memory or time" in str(err.value)) == (problem == TOO_COSTLY)
    with Vault.open_with_recovery_code(path, code) as vault:
        assert notices(vault) == [
            "The passphrase slot of this vault is damaged. Set a new passphrase."
        ]


def test_the_cost_ceiling() -> None:
    assert KdfParams(8, 1, 1).problem() is None
    assert KdfParams(32, 1, 4).problem() is None
    assert KdfParams(1024 * 1024, 4, 4).problem() is None
    assert KdfParams(128 * 1024, 10, 16).problem() is None
    assert KdfParams().problem() is None
    assert KdfParams(31, 1, 4).problem() == DAMAGED
    assert KdfParams(128 * 1024, 3, 17).problem() == TOO_COSTLY
    with pytest.raises(ValueError):
        KeySlots.create(PASSPHRASE, "0" * 32, bytes(32), KdfParams(4 * 1024 * 1024, 100, 4))
