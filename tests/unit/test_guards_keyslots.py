"""What the key file does when it is swapped, damaged or renewed (issue 19: against mutants
of the key slots that survived the older tests): another vault's key file put in place of
this one's, a checked copy that cannot be written, a recovery code or passphrase renewed
beside a slot whose kind cannot be read any more.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.errors import (
    NOT_REPAIRED,
    REPAIRED,
    SLOT_STILL_DAMAGED,
    DamagedVaultError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.keyslots import KdfParams, KeySlots
from coachdesk.vault.slot import Slot, new_recovery_code, normalise_recovery_code
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST

SAME = "Beide Tresore, ein Passwort 2026!"
NEW = "Ein neues langes Passwort 2026!"


def make_vault(path: Path, first_name: str) -> str:
    vault, code = Vault.create(path, SAME, kdf=FAST)
    with vault:
        Services(vault.sessions, actor="Coach").participants.create(
            ParticipantDraft(first_name, "Ruiz")
        )
    return code


def names(vault: Vault) -> list[str]:
    return [p.first_name for p in Services(vault.sessions, actor="Coach").participants.list()]


def kinds(path: Path) -> list[str]:
    slots = KeySlots.load(path / "keyslots.json")
    assert slots.intact
    return sorted(s.kind for s in slots.slots)


def test_another_vaults_key_file_in_place_opens_with_the_copy_and_is_put_back(
    tmp_path: Path,
) -> None:
    """A coach copied the key file of her other vault (same passphrase) over this one's:
    the vault opens with its checked copy, says so, and has its own key file again."""
    anna, berta = tmp_path / "anna", tmp_path / "berta"
    make_vault(anna, "Anna")
    make_vault(berta, "Berta")
    own = (anna / "keyslots.json").read_bytes()
    shutil.copyfile(berta / "keyslots.json", anna / "keyslots.json")
    with Vault.open(anna, SAME) as vault:
        assert names(vault) == ["Anna"]
        assert [m.msgid for m in vault.notices] == [REPAIRED]
    assert (anna / "keyslots.json").read_bytes() == own
    assert (anna / "keyslots.json.bak").read_bytes() == own
    with Vault.open(anna, SAME) as vault:  # nothing left to repair
        assert names(vault) == ["Anna"] and vault.notices == ()


def test_another_vaults_key_file_without_a_copy_is_damage_not_a_crash(tmp_path: Path) -> None:
    anna, berta = tmp_path / "anna", tmp_path / "berta"
    make_vault(anna, "Anna")
    make_vault(berta, "Berta")
    shutil.copyfile(berta / "keyslots.json", anna / "keyslots.json")
    (anna / "keyslots.json.bak").unlink()
    with pytest.raises(DamagedVaultError):
        Vault.open(anna, SAME)
    assert (anna / "keyslots.json").read_bytes() == (berta / "keyslots.json").read_bytes()


def test_a_new_passphrase_is_saved_even_when_the_copy_cannot_be_written(tmp_path: Path) -> None:
    anna = tmp_path / "anna"
    make_vault(anna, "Anna")
    (anna / "keyslots.json.bak").unlink()
    (anna / "keyslots.json.bak").mkdir()  # in the copy's way: writing it fails
    with Vault.open(anna, SAME) as vault:
        vault.set_passphrase(NEW, kdf=FAST)
    with Vault.open(anna, NEW) as vault:
        assert names(vault) == ["Anna"]


def test_a_new_recovery_code_opens_and_the_old_sheet_no_longer_does(tmp_path: Path) -> None:
    anna = tmp_path / "anna"
    old = make_vault(anna, "Anna")
    with Vault.open(anna, SAME) as vault:
        code = vault.new_recovery_code(kdf=FAST)
    assert kinds(anna) == ["passphrase", "recovery"]
    with pytest.raises(WrongRecoveryCodeError):
        Vault.open_with_recovery_code(anna, old)
    with Vault.open_with_recovery_code(anna, code) as vault:
        assert names(vault) == ["Anna"]


def _unreadable_kind(path: Path, kind: str) -> None:
    """The slot of ``kind`` in both files, with its kind no longer readable."""
    for name in ("keyslots.json", "keyslots.json.bak"):
        data = json.loads((path / name).read_text("utf-8"))
        next(s for s in data["slots"] if s["kind"] == kind)["kind"] = "p?ss"
        (path / name).write_text(json.dumps(data), "utf-8")


def test_renewing_a_secret_leaves_no_slot_whose_kind_cannot_be_read(tmp_path: Path) -> None:
    anna = tmp_path / "anna"
    code = make_vault(anna, "Anna")
    _unreadable_kind(anna, "passphrase")
    with Vault.open_with_recovery_code(anna, code) as vault:
        vault.set_passphrase(NEW, kdf=FAST)
    assert kinds(anna) == ["passphrase", "recovery"]
    _unreadable_kind(anna, "recovery")
    with Vault.open(anna, NEW) as vault:
        code = vault.new_recovery_code(kdf=FAST)
    assert kinds(anna) == ["passphrase", "recovery"]
    Vault.open_with_recovery_code(anna, code).lock()


# A key file as CoachDesk 1.0 wrote it (data key bytes 0..31, Argon2id at its minimum):
# vaults made before any change to the slot code must keep opening with their secrets.
WRITTEN_BEFORE = b"""{
  "format": "coachdesk-keyslots",
  "version": 1,
  "vault_id": "0123456789abcdef0123456789abcdef",
  "slots": [
    {
      "id": "b91c0a17663147089cc4b23c90faf576",
      "kind": "passphrase",
      "kdf": {"name": "argon2id", "memory_kib": 8, "iterations": 1, "lanes": 1},
      "salt": "BhexK5ofqZvsHuXVuLt6Ug==",
      "nonce": "bhiOEulWovfo4ogl",
      "wrapped_key": "9zp8ajDpsl1VtkYxJczPAdBlV8J/VfMrH+vYxTNJSOThSRezn9Js0/UN9Wcv7eSE",
      "check": "eee2e5d20f68d195e00ad5f8288f9b8c"
    },
    {
      "id": "edf0211395024118b77fc50c8ef22bc0",
      "kind": "recovery",
      "kdf": {"name": "argon2id", "memory_kib": 8, "iterations": 1, "lanes": 1},
      "salt": "HvkMh3o6lfUMtPAfCsmYNg==",
      "nonce": "1+WqmdNI8eTVTe5g",
      "wrapped_key": "hxqS9a7M5DL+JLMRn0gpj0XDcQ0scMNC+iItlMUkAlP39aT4NpwjcLVc8oKFk8rr",
      "check": "34064142cc414d6e32f630ddaedb6f43"
    }
  ]
}"""
WRITTEN_PASSPHRASE = "Ein Schlüssel von 2026, 1. Version!"
WRITTEN_CODE = "7K3M-Q9XR-2HVB-T4NW-8JDC-6PYF-1ZGA-5SE0"


def test_a_key_file_written_before_still_opens_and_writes_back_the_same_slots() -> None:
    slots = KeySlots.from_bytes(WRITTEN_BEFORE)
    assert slots.intact and [s.kind for s in slots.slots] == ["passphrase", "recovery"]
    key = bytes(range(32))
    assert slots.unlock_with_passphrase(WRITTEN_PASSPHRASE) == key
    assert slots.unlock_with_passphrase(unicodedata.normalize("NFD", WRITTEN_PASSPHRASE)) == key
    typed = WRITTEN_CODE.lower().replace("-", " ").replace("0", "o")  # as people type it
    assert slots.unlock_with_recovery_code(typed) == key
    again = KeySlots.from_bytes(slots.to_bytes())
    assert again == slots and json.loads(again.to_bytes()) == json.loads(WRITTEN_BEFORE)
    assert again.unlock_with_recovery_code(WRITTEN_CODE) == key


def test_a_new_recovery_code_is_eight_groups_of_four_from_the_printed_alphabet() -> None:
    codes = {new_recovery_code() for _ in range(20)}
    assert len(codes) == 20  # drawn afresh each time
    for code in codes:
        assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}", code), code
    # As people read a handwritten sheet: O for 0, I and L for 1, U for V, any case.
    assert normalise_recovery_code(" oIl-u 7k ") == "011V7K"


@pytest.mark.parametrize(("salt_bytes", "usable"), [(7, False), (8, True), (64, True), (65, False)])
def test_a_slot_salt_of_8_to_64_bytes_is_read_and_tried(salt_bytes: int, usable: bool) -> None:
    """Argon2 needs 8 bytes of salt; CoachDesk writes 16 and never more than 64."""
    data = json.loads(WRITTEN_BEFORE)["slots"][0]
    del data["check"]  # as a file from before checksums (or a forger) would have it
    data["salt"] = base64.b64encode(bytes(salt_bytes)).decode()
    slot = Slot.from_json(data)
    assert (slot.problem is None) == usable
    if usable:  # tried, and (another salt) the wrong key for it: refused, not damaged
        vault_id = json.loads(WRITTEN_BEFORE)["vault_id"]
        assert slot.unwrap(vault_id, WRITTEN_PASSPHRASE.encode()) is None
    else:
        with pytest.raises(ValueError):
            FAST.derive(b"secret", bytes(salt_bytes))


def _damage(file: Path, kind: str) -> None:
    """One character of the slot's wrapped key changed: its checksum no longer matches."""
    data = json.loads(file.read_text("utf-8"))
    slot = next(s for s in data["slots"] if s["kind"] == kind)
    wrapped = slot["wrapped_key"]
    slot["wrapped_key"] = ("B" if wrapped[5] != "B" else "C").join((wrapped[:5], wrapped[6:]))
    file.write_text(json.dumps(data, indent=2), "utf-8")


def test_one_slot_damaged_in_each_file_is_repaired_from_both(tmp_path: Path) -> None:
    """The passphrase slot damaged in the copy, the recovery slot in the file: opened with
    the recovery code (from the copy), both files get the whole slot of each kind."""
    anna = tmp_path / "anna"
    code = make_vault(anna, "Anna")
    _damage(anna / "keyslots.json.bak", "passphrase")
    _damage(anna / "keyslots.json", "recovery")
    with Vault.open_with_recovery_code(anna, code) as vault:
        assert names(vault) == ["Anna"]
        assert [m.msgid for m in vault.notices] == [REPAIRED]  # nothing left damaged
    assert kinds(anna) == ["passphrase", "recovery"]
    main = anna / "keyslots.json"
    assert (anna / "keyslots.json.bak").read_bytes() == main.read_bytes()
    with Vault.open(anna, SAME) as vault:
        assert vault.notices == ()
    Vault.open_with_recovery_code(anna, code).lock()


def test_a_damaged_key_file_never_replaces_a_copy_holding_the_slot_it_lacks(
    tmp_path: Path,
) -> None:
    """The passphrase slot damaged in the file, the recovery slot in the copy; opened with
    the recovery code, which the file's own slot opens: the copy, the only place the whole
    passphrase slot is left, is not overwritten, so the passphrase still opens afterwards."""
    anna = tmp_path / "anna"
    code = make_vault(anna, "Anna")
    _damage(anna / "keyslots.json", "passphrase")
    _damage(anna / "keyslots.json.bak", "recovery")
    copy_before = (anna / "keyslots.json.bak").read_bytes()
    with Vault.open_with_recovery_code(anna, code) as vault:
        assert names(vault) == ["Anna"]
    assert (anna / "keyslots.json.bak").read_bytes() == copy_before
    with Vault.open(anna, SAME) as vault:
        assert names(vault) == ["Anna"]
    assert kinds(anna) == ["passphrase", "recovery"]


def test_a_wrong_passphrase_costs_one_argon2_run_not_one_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a slot damaged in the file, its checked copy is tried too, but not the slot both
    files share: a wrong passphrase is refused after one Argon2 run (half a second with the
    shipped cost), not two."""
    anna = tmp_path / "anna"
    make_vault(anna, "Anna")
    _damage(anna / "keyslots.json", "recovery")
    runs: list[int] = []
    derive = KdfParams.derive

    def counted(self: KdfParams, secret: bytes, salt: bytes) -> bytes:
        runs.append(1)
        return derive(self, secret, salt)

    monkeypatch.setattr(KdfParams, "derive", counted)
    with pytest.raises(WrongPassphraseError):
        Vault.open(anna, "Ein falsches Passwort 2026!")
    assert len(runs) == 1


def test_a_decomposed_passphrase_opens_without_the_older_copy_replacing_the_file(
    tmp_path: Path,
) -> None:
    """The passphrase changed while the copy could not be written (the copy holds the old
    one), then the file's recovery slot damaged; she types the new passphrase with its
    accents decomposed (as some keyboards send them). The file's slot opens on the second,
    composed try; the failed first try in the copy must not make the older copy the file:
    the new passphrase still opens afterwards."""
    anna = tmp_path / "anna"
    make_vault(anna, "Anna")
    older_copy = (anna / "keyslots.json.bak").read_bytes()
    accented = "Café für Müttercafé 2026!"
    with Vault.open(anna, SAME) as vault:
        vault.set_passphrase(accented, kdf=FAST)
    (anna / "keyslots.json.bak").write_bytes(older_copy)
    _damage(anna / "keyslots.json", "recovery")
    with Vault.open(anna, unicodedata.normalize("NFD", accented)) as vault:
        assert names(vault) == ["Anna"]
    with Vault.open(anna, accented) as vault:
        assert names(vault) == ["Anna"]


@pytest.mark.parametrize("garbage", ["recovery", 7, None, ["kind", "recovery"]])
def test_a_slot_that_is_not_an_object_is_a_damaged_slot_and_the_other_opens(
    tmp_path: Path, garbage: object
) -> None:
    """A key file edited by hand or by a tool, with the recovery slot replaced by a string,
    a number, null or a list (and no copy): the passphrase still opens, and the coach is told
    to print a new recovery code, no crash."""
    anna = tmp_path / "anna"
    make_vault(anna, "Anna")
    (anna / "keyslots.json.bak").unlink()
    data = json.loads((anna / "keyslots.json").read_text("utf-8"))
    data["slots"] = [s if s["kind"] == "passphrase" else garbage for s in data["slots"]]
    (anna / "keyslots.json").write_text(json.dumps(data), "utf-8")
    with Vault.open(anna, SAME) as vault:
        assert names(vault) == ["Anna"]
        assert [m.msgid for m in vault.notices] == [SLOT_STILL_DAMAGED["recovery"]]


def test_a_damaged_slot_is_kept_as_it_was_when_the_passphrase_changes(tmp_path: Path) -> None:
    """The recovery slot damaged in both files: a new passphrase is set, and the damaged
    slot stays in the key file exactly as it was read (a specialist may still mend one
    flipped character), not as an empty entry; the coach is still told it is damaged."""
    anna = tmp_path / "anna"
    make_vault(anna, "Anna")
    for name in ("keyslots.json", "keyslots.json.bak"):
        _damage(anna / name, "recovery")
    file = anna / "keyslots.json"
    damaged = next(
        s for s in json.loads(file.read_text("utf-8"))["slots"] if s["kind"] == "recovery"
    )
    with Vault.open(anna, SAME) as vault:
        vault.set_passphrase(NEW, kdf=FAST)
    slots = json.loads(file.read_text("utf-8"))["slots"]
    assert damaged in slots and len(slots) == 2
    with Vault.open(anna, NEW) as vault:
        assert [m.msgid for m in vault.notices] == [SLOT_STILL_DAMAGED["recovery"]]


def test_a_key_file_that_cannot_be_put_back_says_why_and_asks_for_a_backup(
    tmp_path: Path,
) -> None:
    """A folder where the key file should be (a sync tool's doing): the vault opens with the
    checked copy, and the coach reads why the file was not repaired."""
    anna = tmp_path / "anna"
    make_vault(anna, "Anna")
    (anna / "keyslots.json").unlink()
    (anna / "keyslots.json").mkdir()
    with Vault.open(anna, SAME) as vault:
        assert names(vault) == ["Anna"]
        (notice,) = vault.notices
    assert notice.msgid == NOT_REPAIRED
    assert notice.render("en").endswith(
        "could not repair the file: Is a directory. Make a backup now."
    )
