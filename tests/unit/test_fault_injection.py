"""Writes that fail at byte N, an fsync that fails, a rename that fails (tests/unit/faildevice.py)
over key-slot saves, backups, exports and restores: nothing confirmed is lost, the vault
opens, and the message is the one the fault deserves.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import DISK_FULL, StorageError, VaultError, WrongPassphraseError
from coachdesk.vault.restore import restore
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST
from tests.conftest import PASSPHRASE
from tests.unit.faildevice import FailDevice

NEW = "Ein neuer Satz für den Tresor 2027!"
BYTES = [0, 1, 100, 700, 4096, 70_000, 400_000]
RENAMES = [0, 1, 2]
FAULTS = [
    *(dict(write_at=n) for n in BYTES),
    {"fsync": True},
    {"rename": True},
    *(dict(rename_at=k) for k in RENAMES),
]
IDS = [
    *(f"write-fails-at-byte-{n}" for n in BYTES),
    "fsync-fails",
    "rename-fails",
    *(f"rename-{k}-fails" for k in RENAMES),
]
DISK_ERROR = "Not saved: the disk reported a read or write error."


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "vault.lock"
    }


def names(path: Path, secret: str = PASSPHRASE) -> list[str]:
    with Vault.open(path, secret) as vault:
        return sorted(p.last_name for p in Services(vault.sessions).participants.list())


def expected_message(fault: dict[str, object]) -> str:
    return DISK_FULL if "write_at" in fault else DISK_ERROR


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".part")))


@pytest.fixture
def filled(vault_path: Path) -> Path:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        services = Services(vault.sessions, actor="Coach")
        for name in ("Demir", "Koval", "Haddad"):
            services.participants.create(ParticipantDraft("Frau", name))
    return vault_path


@pytest.mark.parametrize("fault", FAULTS, ids=IDS)
def test_a_failed_passphrase_change_keeps_the_old_one(
    filled: Path, fault: dict[str, object]
) -> None:
    vault = Vault.open(filled, PASSPHRASE)
    try:
        with FailDevice(filled, **fault):  # type: ignore[arg-type]
            try:
                vault.change_passphrase(PASSPHRASE, NEW, kdf=FAST)
            except StorageError as exc:
                failed: str | None = str(exc)
            else:
                failed = None
    finally:
        vault.lock()
    if failed is None:
        # Succeeded: a fault it absorbed (the key slots' spare copy) took nothing away.
        assert names(filled, NEW) == ["Demir", "Haddad", "Koval"]
        return
    assert failed == expected_message(fault)
    assert names(filled) == ["Demir", "Haddad", "Koval"]  # the old passphrase still opens
    with pytest.raises(WrongPassphraseError):
        Vault.open(filled, NEW)
    assert leftovers(filled) == []


@pytest.mark.parametrize("fault", FAULTS, ids=IDS)
def test_a_failed_backup_leaves_no_half_file(
    filled: Path, tmp_path: Path, fault: dict[str, object]
) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    with (
        Vault.open(filled, PASSPHRASE) as vault,
        FailDevice(folder, **fault),  # type: ignore[arg-type]
    ):
        try:
            made = backup(vault, folder)
        except StorageError as exc:
            failed: str | None = str(exc)
        else:
            failed = None
    if failed is None:
        # Succeeded: a fault it absorbed (the key slots' spare copy) took nothing away.
        assert verify_backup(made.path, PASSPHRASE).counts["participant"] == 3
        return
    assert failed == expected_message(fault)
    assert list(folder.iterdir()) == []  # no half backup that looks like one
    assert names(filled) == ["Demir", "Haddad", "Koval"]


@pytest.mark.parametrize("fault", FAULTS, ids=IDS)
def test_a_failed_restore_keeps_the_vault(
    filled: Path, tmp_path: Path, fault: dict[str, object]
) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        saved = backup(vault, tmp_path / "b.cdbackup")
        Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("Frau", "Neu"))
    before = hashes(filled)
    with FailDevice(filled.parent, **fault):  # type: ignore[arg-type]
        try:
            restore(saved.path, filled, PASSPHRASE)
        except VaultError as exc:
            failed: str | None = str(exc)
        else:
            failed = None
    if failed is None:
        # Succeeded: a fault it absorbed (the key slots' spare copy) took nothing away.
        assert names(filled) == ["Demir", "Haddad", "Koval"]
        return
    assert failed == expected_message(fault)
    assert hashes(filled) == before  # the vault she had, unchanged, in its place
    assert names(filled) == ["Demir", "Haddad", "Koval", "Neu"]
    assert sorted(p.name for p in filled.parent.iterdir()) == ["b.cdbackup", "vault"]


@pytest.mark.parametrize("fault", FAULTS, ids=IDS)
def test_a_failed_export_is_not_recorded(
    services: Services, tmp_path: Path, fault: dict[str, object]
) -> None:
    from tests.unit.test_export_saving import _export_to
    from tests.unit.test_export_support import ready_to_export

    exports, seeded = ready_to_export(services)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "Übergabe.pdf"
    logged = len(exports.history(seeded.participant_id))
    with FailDevice(folder, **fault):  # type: ignore[arg-type]
        try:
            _export_to(exports, seeded, target)
        except StorageError as exc:
            failed: str | None = str(exc)
        else:
            failed = None
    if failed is None:
        assert target.read_bytes().startswith(b"%PDF")
        assert len(exports.history(seeded.participant_id)) == logged + 1
        return
    assert failed == expected_message(fault)
    assert list(folder.iterdir()) == []
    assert len(exports.history(seeded.participant_id)) == logged


def test_the_device_really_fails(tmp_path: Path) -> None:
    """The layer itself: a write below the root fails at the byte, one elsewhere does not."""
    inside, outside = tmp_path / "in", tmp_path / "out"
    inside.mkdir()
    outside.mkdir()
    with FailDevice(inside, write_at=3) as device:
        (outside / "f").write_bytes(b"123456")
        with pytest.raises(OSError):
            (inside / "f").write_bytes(b"123456")
    assert device.triggered and (inside / "f").read_bytes() == b"123"
    shutil.rmtree(inside)
