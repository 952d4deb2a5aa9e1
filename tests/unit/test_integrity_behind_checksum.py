"""Integrity that does not stop at a checksum an attacker can recompute: a backup whose outer
checksums match but whose pages inside are changed is refused, and a key slot taken from
another vault, or relabelled as another kind, unlocks nothing (toward issue 19, item 6)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.engine import SQLCIPHER_ERRORS, keyed_connection
from coachdesk.vault.errors import DamagedBackupError, VaultError, WrongPassphraseError
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.restore import restore
from coachdesk.vault.slot import normalise_recovery_code
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST

ANNA, BERTA = "Anna hütet den Tresor 2026!", "Berta hütet ihren Tresor 2026!"


def make_vault(path: Path, passphrase: str) -> str:
    vault, code = Vault.create(path, passphrase, kdf=FAST)
    with vault:
        Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("Ana", "Ruiz"))
    return code


def forged(original: Path, target: Path, page: int) -> None:
    """The backup with one byte of ``page`` changed and every checksum made to match."""
    header = fmt.check_file(original)
    db = bytearray(original.read_bytes()[header.db_offset :])
    db[(page - 1) * 4096 + 1000] ^= 0x20  # its SQLCipher HMAC no longer matches
    repacked(original, target, bytes(db))


def repacked(original: Path, target: Path, db: bytes) -> None:
    """``original`` with its database part replaced by ``db``, every checksum matching."""
    header = fmt.check_file(original)
    inner = target.with_suffix(".db")
    inner.write_bytes(db)
    fresh = fmt.encode_header(
        header.created_at,
        header.schema_revision,
        len(db),
        hashlib.sha256(db).hexdigest(),
        header.keyslots,
    )
    fmt.write_container(target, fresh, inner)
    inner.unlink()
    fmt.check_file(target)  # the outer checks pass: only the pages can tell


def test_a_backup_with_matching_checksums_but_changed_pages_is_refused(tmp_path: Path) -> None:
    make_vault(tmp_path / "vault", ANNA)
    with Vault.open(tmp_path / "vault", ANNA) as vault:
        made = backup(vault, tmp_path / "good.cdbackup")
        with vault.engine.connect() as conn:
            # A page of the search index: counting records never reads it, only the full
            # integrity check does, so the check itself must refuse the backup.
            page = conn.exec_driver_sql(
                "SELECT rootpage FROM sqlite_master WHERE name = 'search_index_data'"
            ).scalar()
    assert isinstance(page, int) and page > 1
    bad = tmp_path / "bad.cdbackup"
    forged(made.path, bad, page)
    before = (tmp_path / "vault" / "vault.db").read_bytes()
    with pytest.raises(DamagedBackupError):
        verify_backup(bad, ANNA)
    with pytest.raises(DamagedBackupError):
        restore(bad, tmp_path / "vault", ANNA)
    assert (tmp_path / "vault" / "vault.db").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.cdbackup", "good.cdbackup", "vault"]


def slots_of(path: Path) -> dict[str, object]:
    data = json.loads((path / "keyslots.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def put_slots(path: Path, data: dict[str, object]) -> None:
    (path / "keyslots.json").write_text(json.dumps(data), encoding="utf-8")
    (path / "keyslots.json.bak").unlink(missing_ok=True)  # no good copy to fall back on


def test_a_slot_from_another_vault_unlocks_nothing(tmp_path: Path) -> None:
    anna, berta = tmp_path / "anna", tmp_path / "berta"
    make_vault(anna, ANNA)
    make_vault(berta, BERTA)
    theirs = slots_of(berta)["slots"]
    ours = slots_of(anna)
    assert isinstance(theirs, list)
    stolen = {k: v for k, v in theirs[0].items() if k != "check"}  # as a forger would
    put_slots(anna, {**ours, "slots": [stolen, *ours["slots"][1:]]})  # type: ignore[index]
    with pytest.raises(WrongPassphraseError):  # refused by the slot, not later by the database
        KeySlots.load(anna / "keyslots.json").unlock_with_passphrase(BERTA)
    with pytest.raises(VaultError):
        Vault.open(anna, BERTA).lock()


def test_a_recovery_slot_relabelled_as_passphrase_unlocks_nothing(tmp_path: Path) -> None:
    anna = tmp_path / "anna"
    code = make_vault(anna, ANNA)
    data = slots_of(anna)
    slots = data["slots"]
    assert isinstance(slots, list)
    recovery = next(s for s in slots if s["kind"] == "recovery")
    relabelled = {k: v for k, v in recovery.items() if k != "check"} | {"kind": "passphrase"}
    put_slots(anna, {**data, "slots": [relabelled]})
    typed = normalise_recovery_code(code)  # exactly the secret the recovery slot was made from
    with pytest.raises(WrongPassphraseError):
        KeySlots.load(anna / "keyslots.json").unlock_with_passphrase(typed)
    with pytest.raises(VaultError):
        Vault.open(anna, typed).lock()
    with pytest.raises(VaultError):
        Vault.open_with_recovery_code(anna, code).lock()


def test_a_changed_page_that_holds_no_record_is_refused_too(tmp_path: Path) -> None:
    """Erasures leave free pages (zeroed, still encrypted). SQLite's structure check does
    not read them; SQLCipher's page check does: a backup with such a page changed behind
    matching checksums is refused all the same."""
    make_vault(tmp_path / "vault", ANNA)
    with Vault.open(tmp_path / "vault", ANNA) as vault:
        services = Services(vault.sessions, actor="Coach")
        drafts = [
            ParticipantDraft(f"Nr{i}", "Ruiz", work_experience="Lager " * 500) for i in range(40)
        ]
        ids = [services.participants.create(d).id for d in drafts]
        with vault.engine.begin() as conn:
            conn.exec_driver_sql(f"DELETE FROM participant WHERE id IN ({','.join(map(str, ids))})")
            assert conn.exec_driver_sql("PRAGMA freelist_count").scalar()
        made = backup(vault, tmp_path / "good.cdbackup")
        key = vault.data_key()
    header = fmt.check_file(made.path)
    pages = header.db_size // 4096
    probe = tmp_path / "probe.db"
    for page in range(pages, 1, -1):  # free pages gather at the end of this file
        db = bytearray(made.path.read_bytes()[header.db_offset :])
        db[(page - 1) * 4096 + 1000] ^= 0x20
        probe.write_bytes(bytes(db))
        conn = keyed_connection(probe, key)
        try:
            structure = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except SQLCIPHER_ERRORS:  # a page the structure check reads
            structure = []
        finally:
            conn.close()
        if structure == ["ok"]:
            break
    else:
        pytest.fail("no free page found")
    bad = tmp_path / "bad.cdbackup"
    forged(made.path, bad, page)
    with pytest.raises(DamagedBackupError):
        verify_backup(bad, ANNA)


def test_a_backup_whose_version_row_was_removed_is_refused_as_damaged(tmp_path: Path) -> None:
    """Changed through SQLCipher with the right key, so every page and checksum is right:
    a CoachDesk database always names its schema version, so one without is damaged (not
    "made by a newer CoachDesk", and never a crash)."""
    make_vault(tmp_path / "vault", ANNA)
    with Vault.open(tmp_path / "vault", ANNA) as vault:
        made = backup(vault, tmp_path / "good.cdbackup")
        key = vault.data_key()
    inner = tmp_path / "inner.db"
    fmt.extract_database(made.path, fmt.check_file(made.path), inner)
    conn = keyed_connection(inner, key)
    try:
        conn.execute("DELETE FROM alembic_version")
        conn.commit()
    finally:
        conn.close()
    bad = tmp_path / "bad.cdbackup"
    repacked(made.path, bad, inner.read_bytes())
    with pytest.raises(DamagedBackupError):
        verify_backup(bad, ANNA)
    before = (tmp_path / "vault" / "vault.db").read_bytes()
    with pytest.raises(DamagedBackupError):
        restore(bad, tmp_path / "vault", ANNA)
    assert (tmp_path / "vault" / "vault.db").read_bytes() == before
