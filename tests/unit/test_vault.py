"""The encrypted vault: opening, wrong secrets, damaged and foreign folders, locking."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from coachdesk.models import Participant
from coachdesk.vault.errors import (
    DamagedVaultError,
    NotAVaultError,
    VaultInUseError,
    VaultLockedError,
    VaultTooNewError,
    WeakPassphraseError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.keyslots import normalise_recovery_code
from coachdesk.vault.passphrase import check_passphrase
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "Neue Sätze für den Jobcenter-Termin 7"


def folder_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def add_participant(vault: Vault, first_name: str = "Olena") -> int:
    with vault.sessions.begin() as s:
        p = Participant(first_name=first_name, last_name="Kovalenko")
        s.add(p)
        s.flush()
        return p.id


def participant_names(vault: Vault) -> list[str]:
    with vault.sessions() as s:
        return [p.first_name for p in s.query(Participant).order_by(Participant.id)]


def test_create_open_lock_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "new"
    vault, code = Vault.create(path, PASSPHRASE)
    add_participant(vault)
    assert (path / "vault.lock").exists()
    vault.lock()
    assert not (path / "vault.lock").exists()
    assert len(normalise_recovery_code(code)) == 32
    with Vault.open(path, PASSPHRASE) as again:
        assert participant_names(again) == ["Olena"]


def test_wrong_passphrase_is_clear_and_changes_no_file(vault_path: Path) -> None:
    before = folder_hashes(vault_path)
    with pytest.raises(WrongPassphraseError) as err:
        Vault.open(vault_path, PASSPHRASE + "x")
    assert "passphrase is not correct" in str(err.value)
    assert "recovery code" in str(err.value)
    assert folder_hashes(vault_path) == before


def test_recovery_code_opens_as_people_type_it(vault_path: Path, recovery_code: str) -> None:
    typed = recovery_code.lower().replace("-", " ")
    with Vault.open_with_recovery_code(vault_path, typed) as v:
        assert not v.is_locked
    without_dashes = recovery_code.replace("-", "").replace("0", "O")
    with Vault.open_with_recovery_code(vault_path, without_dashes) as v:
        assert not v.is_locked
    assert normalise_recovery_code("ab0o-1il ") == normalise_recovery_code("AB00-111")


def test_wrong_recovery_code(vault_path: Path, recovery_code: str) -> None:
    before = folder_hashes(vault_path)
    wrong = ("Z" if recovery_code[0] != "Z" else "Y") + recovery_code[1:]
    with pytest.raises(WrongRecoveryCodeError) as err:
        Vault.open_with_recovery_code(vault_path, wrong)
    assert "recovery code is not correct" in str(err.value)
    assert folder_hashes(vault_path) == before


@pytest.mark.parametrize("typed", ["", "Müll-1234", "٣٤٥٦-ABCD", "----"])
def test_recovery_code_with_foreign_characters_is_just_wrong(vault_path: Path, typed: str) -> None:
    with pytest.raises(WrongRecoveryCodeError):
        Vault.open_with_recovery_code(vault_path, typed)


def test_change_passphrase(vault_path: Path, recovery_code: str) -> None:
    with Vault.open(vault_path, PASSPHRASE) as v:
        add_participant(v)
        with pytest.raises(WrongPassphraseError):
            v.change_passphrase("not the old one at all", NEW_PASSPHRASE)
        v.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, PASSPHRASE)
    with Vault.open(vault_path, NEW_PASSPHRASE) as v:
        assert participant_names(v) == ["Olena"]
    with Vault.open_with_recovery_code(vault_path, recovery_code) as v:
        assert participant_names(v) == ["Olena"]


def test_set_passphrase_after_recovery(vault_path: Path, recovery_code: str) -> None:
    with Vault.open_with_recovery_code(vault_path, recovery_code) as v:
        v.set_passphrase(NEW_PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, PASSPHRASE)
    Vault.open(vault_path, NEW_PASSPHRASE).lock()


@pytest.mark.parametrize(
    "weak", ["kurz", "passwort1234", "aaaaaaaaaaaaaaa", "abcdefghijklmnop", "aabbccddeeff"]
)
def test_weak_passphrases_are_refused_with_a_reason(weak: str, tmp_path: Path) -> None:
    strength = check_passphrase(weak)
    assert not strength.acceptable
    assert strength.reason is not None and strength.reason.render()
    with pytest.raises(WeakPassphraseError) as err:
        Vault.create(tmp_path / "v", weak)
    assert str(err.value) == strength.reason.render()
    assert not (tmp_path / "v").exists()


def test_weak_new_passphrase_is_refused(vault: Vault) -> None:
    with pytest.raises(WeakPassphraseError) as err:
        vault.change_passphrase(PASSPHRASE, "short")
    assert "at least 12 characters" in str(err.value)
    assert check_passphrase(NEW_PASSPHRASE).acceptable


def test_not_a_vault(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NotAVaultError) as err:
        Vault.open(empty, PASSPHRASE)
    assert "not a CoachDesk vault" in str(err.value)
    for content in ({"format": "something-else", "version": 1}, [1, 2, 3], "hello"):
        other = tmp_path / f"json{len(str(content))}"
        other.mkdir()
        (other / "keyslots.json").write_text(json.dumps(content))
        with pytest.raises(NotAVaultError):
            Vault.open(other, PASSPHRASE)
    with pytest.raises(NotAVaultError):
        Vault.open(tmp_path / "does-not-exist", PASSPHRASE)


def test_damaged_keyslots(vault_path: Path) -> None:
    # Both the file and its checked copy (a damaged file alone is repaired from the copy:
    # test_keyslot_damage.py).
    slots, copy = vault_path / "keyslots.json", vault_path / "keyslots.json.bak"
    raw = slots.read_bytes()
    for damaged in (slots, copy):
        damaged.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DamagedVaultError) as err:
        Vault.open(vault_path, PASSPHRASE)
    assert "damaged" in str(err.value)
    data = json.loads(raw)
    data["slots"][0]["salt"] = "not base64!"
    for damaged in (slots, copy):
        damaged.write_text(json.dumps(data))
    with pytest.raises(DamagedVaultError):
        Vault.open(vault_path, PASSPHRASE)


@pytest.mark.parametrize("damage", ["overwrite-middle", "flip-last-page", "truncate"])
def test_damaged_database_is_detected(vault_path: Path, damage: str) -> None:
    with Vault.open(vault_path, PASSPHRASE) as v:
        for i in range(40):
            add_participant(v, f"Person{i}")
    db = vault_path / "vault.db"
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    if damage == "overwrite-middle":
        data[middle : middle + 64] = bytes(64)
    elif damage == "flip-last-page":
        data[-100] ^= 0x01
    else:
        del data[middle:]
    db.write_bytes(bytes(data))
    try:
        v = Vault.open(vault_path, PASSPHRASE)
    except DamagedVaultError:
        return
    try:
        assert not v.integrity_check().ok
    finally:
        v.lock()


def test_intact_vault_passes_both_checks(vault: Vault) -> None:
    add_participant(vault)
    report = vault.integrity_check()
    assert report.ok, report


def test_keyslots_of_a_newer_version(vault_path: Path) -> None:
    slots = vault_path / "keyslots.json"
    data = json.loads(slots.read_text())
    data["version"] = data["version"] + 1
    # A newer CoachDesk writes its copy in its own format too.
    for written in (slots, vault_path / "keyslots.json.bak"):
        written.write_text(json.dumps(data))
    with pytest.raises(VaultTooNewError) as err:
        Vault.open(vault_path, PASSPHRASE)
    assert "newer version" in str(err.value)


def test_database_of_an_unknown_newer_schema(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as v, v.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(VaultTooNewError):
        Vault.open(vault_path, PASSPHRASE)
    # The failed open released the vault: trying again gives the same answer, not "in use".
    with pytest.raises(VaultTooNewError):
        Vault.open(vault_path, PASSPHRASE)


def test_second_open_while_open(vault: Vault, vault_path: Path) -> None:
    with pytest.raises(VaultInUseError) as err:
        Vault.open(vault_path, PASSPHRASE)
    assert "already open" in str(err.value)
    assert not vault.is_locked
    add_participant(vault)


HOLD_OPEN = """
import sys, time
from pathlib import Path
from coachdesk.vault.store import Vault
v = Vault.open(Path(sys.argv[1]), sys.argv[2])
print("open", flush=True)
time.sleep(60)
"""


def test_stale_lock_of_a_killed_process_is_taken_over(vault_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open"
        with pytest.raises(VaultInUseError):
            Vault.open(vault_path, PASSPHRASE)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert (vault_path / "vault.lock").exists()
    with Vault.open(vault_path, PASSPHRASE) as v:
        add_participant(v)
        assert participant_names(v) == ["Olena"]


def test_lock_forgets_engine_and_key(vault: Vault) -> None:
    key = vault._key
    assert any(key)
    vault.lock()
    assert vault.is_locked
    assert len(key) == 32 and not any(key)
    with pytest.raises(VaultLockedError):
        _ = vault.sessions
    with pytest.raises(VaultLockedError):
        _ = vault.engine
    with pytest.raises(VaultLockedError):
        vault.set_passphrase(NEW_PASSPHRASE)


def test_database_file_is_not_plain_sqlite(vault: Vault) -> None:
    add_participant(vault)
    head = vault.db_path.read_bytes()[:16]
    assert not head.startswith(b"SQLite format 3")


def test_connection_settings(vault: Vault) -> None:
    with vault.engine.connect() as conn:

        def pragma(name: str) -> object:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("foreign_keys") == 1
        assert pragma("secure_delete") == 1
        assert pragma("temp_store") == 2
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2
        assert pragma("cipher_version")  # really SQLCipher, not plain SQLite


def test_sql_log_shows_no_values(vault: Vault, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    vault.engine.echo = True
    try:
        add_participant(vault, "Zeynepmarkerxq")
    finally:
        vault.engine.echo = False
    assert "INSERT INTO participant" in caplog.text
    assert "hide_parameters" in caplog.text
    assert "Zeynepmarkerxq" not in caplog.text


def _damage_slot(vault_path: Path, kind: str) -> None:
    """Damage the slot in the file and in its checked copy (which would otherwise stand in)."""
    slots = vault_path / "keyslots.json"
    data = json.loads(slots.read_text())
    slot = next(s for s in data["slots"] if s["kind"] == kind)
    wrapped = slot["wrapped_key"]
    slot["wrapped_key"] = ("B" if wrapped[5] != "B" else "C").join((wrapped[:5], wrapped[6:]))
    for damaged in (slots, vault_path / "keyslots.json.bak"):
        damaged.write_text(json.dumps(data))


def test_damaged_passphrase_slot_points_to_the_recovery_code(
    vault_path: Path, recovery_code: str
) -> None:
    _damage_slot(vault_path, "passphrase")
    with pytest.raises(DamagedVaultError) as err:
        Vault.open(vault_path, PASSPHRASE)
    assert "recovery code" in str(err.value)
    with Vault.open_with_recovery_code(vault_path, recovery_code) as v:
        v.set_passphrase(NEW_PASSPHRASE)
    Vault.open(vault_path, NEW_PASSPHRASE).lock()


def test_damaged_recovery_slot_stays_damaged_when_the_passphrase_changes(
    vault_path: Path, recovery_code: str
) -> None:
    _damage_slot(vault_path, "recovery")
    with Vault.open(vault_path, PASSPHRASE) as v:
        v.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    with pytest.raises(DamagedVaultError) as err:
        Vault.open_with_recovery_code(vault_path, recovery_code)
    assert "new recovery code" in str(err.value)


def test_slots_written_before_checksums_still_open(vault_path: Path) -> None:
    slots = vault_path / "keyslots.json"
    data = json.loads(slots.read_text())
    for slot in data["slots"]:
        slot.pop("check", None)
    slots.write_text(json.dumps(data))
    Vault.open(vault_path, PASSPHRASE).lock()
