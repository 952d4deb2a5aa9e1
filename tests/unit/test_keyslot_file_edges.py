"""The key file at its edges (issue 19: mutants of the key slots that the older tests let
through): its size limit, a slot list empty or longer than a vault ever writes, a slot taken
out by hand or whose kind cannot be read, several slots of one kind, and which of two
unreadable files names the trouble.

Each test says what a coach would be told: "wrong passphrase" only when a slot was tried
and the passphrase did not fit; "damaged" (use the other secret) when no slot could be tried.
"""

from __future__ import annotations

import json
import resource
from pathlib import Path
from typing import Any

import pytest

from coachdesk.vault.errors import (
    REPAIRED,
    DamagedKeySlotError,
    DamagedVaultError,
    NotAVaultError,
    VaultTooNewError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.keyslots import KdfParams, KeySlots, copy_path
from coachdesk.vault.slot import FORMAT, MAX_FILE_BYTES, Slot, new_data_key
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST
from tests.unit.child import in_child

SECRET = "Ein langes Passwort fuer den Tresor 2026!"
OTHER = "Ein zweites langes Passwort 2026!"
CODE = "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"
VAULT_ID = "0" * 32


def slot(kind: str, secret: str, key: bytes) -> Slot:
    raw = secret.encode("ascii") if kind == "passphrase" else secret.replace("-", "").encode()
    return Slot.wrap(VAULT_ID, kind, raw, key, FAST)


def key_file(*slots: Any, version: int = 1) -> bytes:
    """A key file of ``slots`` (Slot objects, or JSON of a slot as someone left it)."""
    listed = [s.to_json() if isinstance(s, Slot) else s for s in slots]
    data = {"format": FORMAT, "version": version, "vault_id": VAULT_ID, "slots": listed}
    return json.dumps(data, indent=2).encode("utf-8")


def write(folder: Path, main: bytes | None, copy: bytes | None = None) -> Path:
    path = folder / "keyslots.json"
    if main is not None:
        path.write_bytes(main)
    if copy is not None:
        copy_path(path).write_bytes(copy)
    return path


def test_a_key_file_at_the_size_limit_reads_and_one_byte_more_is_damaged(
    tmp_path: Path,
) -> None:
    key = new_data_key()
    whole = key_file(slot("passphrase", SECRET, key), slot("recovery", CODE, key))
    at_limit = whole + b" " * (MAX_FILE_BYTES - len(whole))  # JSON allows trailing blanks
    path = write(tmp_path, at_limit)
    assert KeySlots.load(path).unlock_with_passphrase(SECRET) == key
    path.write_bytes(at_limit + b" ")
    with pytest.raises(DamagedVaultError) as said:
        KeySlots.load(path)
    assert type(said.value) is DamagedVaultError


@pytest.mark.parametrize("count", [0, 9, 40])
def test_a_slot_list_empty_or_longer_than_eight_is_damage(tmp_path: Path, count: int) -> None:
    """A vault writes two slots; an empty list opens nothing, and dozens of slots would each
    cost an Argon2 run at "Open" (minutes for a crafted file)."""
    key = new_data_key()
    one = slot("passphrase", SECRET, key)
    path = write(tmp_path, key_file(*([one] * count)))
    with pytest.raises(DamagedVaultError) as said:
        KeySlots.load(path)
    assert type(said.value) is DamagedVaultError


def test_eight_slots_are_read_and_the_last_one_opens(tmp_path: Path) -> None:
    key = new_data_key()
    wrong = [slot("passphrase", OTHER, new_data_key()) for _ in range(6)]
    path = write(
        tmp_path, key_file(*wrong, slot("recovery", CODE, key), slot("passphrase", SECRET, key))
    )
    slots = KeySlots.load(path)
    assert len(slots.slots) == 8
    assert slots.unlock_with_passphrase(SECRET) == key


def test_a_damaged_slot_before_a_whole_one_of_the_same_kind_does_not_hide_it(
    tmp_path: Path,
) -> None:
    key = new_data_key()
    broken = {**slot("passphrase", SECRET, key).to_json(), "salt": "not base64!"}
    path = write(
        tmp_path, key_file(broken, slot("passphrase", SECRET, key), slot("recovery", CODE, key))
    )
    slots = KeySlots.load(path)
    assert slots.slots[0].problem is not None
    assert slots.unlock_with_passphrase(SECRET) == key


def test_the_copy_tries_every_slot_the_file_did_not(tmp_path: Path) -> None:
    """The file has a damaged slot, so its checked copy stands in; a slot both files share
    was tried already and is skipped, but the copy's next slot of that kind is still tried."""
    key = new_data_key()
    shared = slot("passphrase", OTHER, key)
    damaged_recovery = {**slot("recovery", CODE, key).to_json(), "nonce": 7}
    main = key_file(shared, damaged_recovery)
    copy = key_file(shared, slot("passphrase", SECRET, key), slot("recovery", CODE, key))
    slots = KeySlots.load(write(tmp_path, main, copy))
    assert slots.unlock_with_passphrase(SECRET) == key


def test_a_wrong_passphrase_beside_a_slot_of_unreadable_kind_is_a_wrong_passphrase(
    tmp_path: Path,
) -> None:
    """The recovery slot's kind is unreadable: the passphrase slot was tried, so a wrong
    passphrase is said as such; the recovery code finds no slot to try: damaged."""
    key = new_data_key()
    unreadable = {**slot("recovery", CODE, key).to_json(), "kind": "recov\ufffdry"}
    path = write(tmp_path, key_file(slot("passphrase", SECRET, key), unreadable))
    slots = KeySlots.load(path)
    assert [s.kind for s in slots.slots] == ["passphrase", ""]
    with pytest.raises(WrongPassphraseError):
        slots.unlock_with_passphrase(OTHER)
    assert slots.unlock_with_passphrase(SECRET) == key
    with pytest.raises(DamagedKeySlotError) as said:
        slots.unlock_with_recovery_code(CODE)
    assert said.value.kind == "recovery"


@pytest.mark.parametrize("missing", ["passphrase", "recovery"])
def test_a_slot_taken_out_of_the_file_is_damage_not_a_wrong_secret(
    tmp_path: Path, missing: str
) -> None:
    """Someone deleted one slot from keyslots.json by hand and there is no copy: the coach is
    told the stored key is damaged and to use her other secret, not that she mistyped."""
    key = new_data_key()
    kept = [
        s
        for s in (slot("passphrase", SECRET, key), slot("recovery", CODE, key))
        if s.kind != missing
    ]
    slots = KeySlots.load(write(tmp_path, key_file(*kept)))
    with pytest.raises(DamagedKeySlotError) as said:
        if missing == "passphrase":
            slots.unlock_with_passphrase(SECRET)
        else:
            slots.unlock_with_recovery_code(CODE)
    assert said.value.kind == missing
    if missing == "passphrase":
        assert slots.unlock_with_recovery_code(CODE) == key
        with pytest.raises(WrongRecoveryCodeError):
            slots.unlock_with_recovery_code(CODE.replace("0", "1", 1))
    else:
        assert slots.unlock_with_passphrase(SECRET) == key


def test_a_vault_whose_passphrase_slot_was_taken_out_opens_with_the_copy_and_is_repaired(
    tmp_path: Path,
) -> None:
    vault, _code = Vault.create(tmp_path / "v", SECRET, kdf=FAST)
    vault.lock()
    path = tmp_path / "v" / "keyslots.json"
    data = json.loads(path.read_bytes())
    data["slots"] = [s for s in data["slots"] if s["kind"] != "passphrase"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with Vault.open(tmp_path / "v", SECRET) as opened:
        said = [m.msgid for m in opened.notices]
    assert said == [REPAIRED]
    assert sorted(s.kind for s in KeySlots.load(path).slots) == ["passphrase", "recovery"]
    assert path.read_bytes() == copy_path(path).read_bytes()


def test_a_damaged_key_file_without_a_copy_says_damaged_not_no_vault(tmp_path: Path) -> None:
    path = write(tmp_path, b'{"format": "coachdesk-keyslots", "vers')
    with pytest.raises(DamagedVaultError) as said:
        KeySlots.load(path)
    assert not isinstance(said.value, NotAVaultError)


def test_the_key_file_names_the_trouble_when_both_files_are_unreadable(tmp_path: Path) -> None:
    """A newer CoachDesk wrote the key file and its copy is damaged: "made by a newer
    version" (update CoachDesk) is what helps her, not "damaged" (restore a backup)."""
    key = new_data_key()
    newer = key_file(slot("passphrase", SECRET, key), slot("recovery", CODE, key), version=2)
    path = write(tmp_path, newer, b"\x00" * 40)
    with pytest.raises(VaultTooNewError):
        KeySlots.load(path)
    copy_path(path).unlink()
    path.unlink()
    copy_path(path).write_bytes(newer)
    with pytest.raises(VaultTooNewError):
        KeySlots.load(path)  # the key file missing: the copy's trouble is the one to say


def test_a_slot_that_cannot_be_used_says_which_secret_and_why(tmp_path: Path) -> None:
    """A problem slot never reaches Argon2: asked anyway, it names its own secret (a slot
    whose kind is unreadable, the passphrase's) and whether it was too costly to try."""
    key = new_data_key()
    costly = {**slot("recovery", CODE, key).to_json()}
    costly["kdf"] = {**costly["kdf"], "memory_kib": 64 * 1024 * 1024}
    del costly["check"]  # optional; its absence lets the changed cost through the checksum
    unreadable = {**slot("recovery", CODE, key).to_json(), "kind": 3}
    for data, kind, too_costly in ((costly, "recovery", True), (unreadable, "passphrase", False)):
        problem = Slot.from_json(data)
        assert problem.problem is not None
        with pytest.raises(DamagedKeySlotError) as said:
            problem.unwrap(VAULT_ID, CODE.encode())
        assert (said.value.kind, said.value.too_costly) == (kind, too_costly)


def test_a_computer_without_the_memory_a_slot_asks_for_says_damaged_not_a_crash() -> None:
    """A slot within the ceiling (1 GiB, one pass) on a laptop that cannot give 1 GiB: Argon2
    runs out of memory, and the coach is told to use her other secret."""

    def work() -> dict[str, object]:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        used = int(next(x for x in status.splitlines() if x.startswith("VmSize:")).split()[1])
        limit = (used + 256 * 1024) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        big = KdfParams(memory_kib=1024 * 1024, iterations=1, lanes=1)
        usable = Slot("a" * 32, "recovery", big, b"s" * 16, b"n" * 12, b"w" * 48)
        assert usable.problem is None and big.problem() is None
        try:
            KeySlots(VAULT_ID, (usable,)).unlock_with_recovery_code(CODE)
        except DamagedKeySlotError as exc:
            return {"kind": exc.kind, "too_costly": exc.too_costly}
        return {"opened": True}

    assert in_child(work) == {"kind": "recovery", "too_costly": False}
    # The same call where there is memory enough, in this process (mutmut follows no child).
    key = new_data_key()
    assert KeySlots(VAULT_ID, (slot("recovery", CODE, key),)).unlock_with_recovery_code(CODE) == key


def test_a_stray_character_in_a_slot_makes_it_damaged_not_silently_read(
    tmp_path: Path,
) -> None:
    """The key file is read exactly as written: a character slipped into the recovery
    slot's salt is a change to the file, not something to skip; the passphrase still opens."""
    key = new_data_key()
    recovery = slot("recovery", CODE, key).to_json()
    recovery["salt"] = recovery["salt"][:4] + "!" + recovery["salt"][4:]
    slots = KeySlots.load(write(tmp_path, key_file(slot("passphrase", SECRET, key), recovery)))
    assert [s.problem is None for s in slots.slots] == [True, False]
    with pytest.raises(DamagedKeySlotError):
        slots.unlock_with_recovery_code(CODE)
    assert slots.unlock_with_passphrase(SECRET) == key


@pytest.mark.parametrize("damage", ["unreadable", "checksum", "too costly"])
def test_a_damaged_slot_is_written_back_as_it_was_when_the_other_secret_changes(
    tmp_path: Path, damage: str
) -> None:
    """Renewing the passphrase keeps the damaged recovery slot byte for byte (it stays
    damaged, and says so), whatever made it unusable."""
    key = new_data_key()
    recovery = slot("recovery", CODE, key).to_json()
    if damage == "unreadable":
        recovery["nonce"] = 12
    elif damage == "checksum":
        recovery["check"] = "0" * 32
    else:
        recovery["kdf"] = {**recovery["kdf"], "iterations": 1000}
        del recovery["check"]
    slots = KeySlots.load(write(tmp_path, key_file(slot("passphrase", SECRET, key), recovery)))
    renewed = KeySlots.from_bytes(slots.with_passphrase(OTHER, key, FAST).to_bytes())
    kept = json.loads(renewed.to_bytes())["slots"][1]
    assert kept == recovery
    assert renewed.slots[1].kind == "recovery" and renewed.slots[1].problem is not None
    assert renewed.unlock_with_passphrase(OTHER) == key


def test_a_slot_of_a_kind_not_known_is_dropped_when_that_secret_is_renewed(
    tmp_path: Path,
) -> None:
    """An older slot without a checksum whose kind reads "Recovery": not a kind CoachDesk
    knows, so it is a damaged slot, and printing a new recovery code replaces it."""
    key = new_data_key()
    odd = {**slot("recovery", CODE, key).to_json(), "kind": "Recovery"}
    del odd["check"]
    slots = KeySlots.load(write(tmp_path, key_file(slot("passphrase", SECRET, key), odd)))
    assert [(s.kind, s.problem is None) for s in slots.slots] == [("passphrase", True), ("", False)]
    renewed = slots.with_recovery_code(CODE, key, FAST)
    assert [s.kind for s in renewed.slots] == ["passphrase", "recovery"]
