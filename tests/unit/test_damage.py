"""A flipped byte anywhere in a vault or a backup is always noticed, never read as data."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from coachdesk.models import Goal, Meeting, Participant
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import DamagedVaultError, VaultError
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

PAGE = 4096
TRIALS = 30
HELD = dt.datetime(2026, 3, 16, 10, 0)


@pytest.fixture(scope="module")
def filled(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, list[tuple[object, ...]]]]:
    path = tmp_path_factory.mktemp("damage") / "vault"
    vault, _code = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)
    with vault.sessions.begin() as s:
        for i in range(120):
            p = Participant(first_name=f"Name{i}", last_name="Öztürk" * (i % 5 + 1))
            p.goals.append(Goal(title=f"Ziel {i}", description="Bewerbung " * 30))
            s.add(p)
        s.flush()
        for p in s.query(Participant).limit(60):
            s.add(Meeting(participant_id=p.id, held_at=HELD, shared_summary="Gespräch " * 40))
    dump = content(vault)
    vault.lock()
    return path, dump


def content(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    with vault.engine.connect() as conn:
        return {
            table: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("participant", "goal", "meeting")
        }


def flipped_copy(source: Path, target: Path, rng: random.Random) -> int:
    shutil.copytree(source, target)
    db = target / "vault.db"
    data = bytearray(db.read_bytes())
    page = rng.randrange(len(data) // PAGE)
    offset = page * PAGE + rng.randrange(PAGE)
    data[offset] ^= rng.randrange(1, 256)
    db.write_bytes(bytes(data))
    return offset


def test_intact_copy_reads_the_same(
    filled: tuple[Path, dict[str, list[tuple[object, ...]]]], tmp_path: Path
) -> None:
    path, dump = filled
    shutil.copytree(path, tmp_path / "copy")
    with Vault.open(tmp_path / "copy", PASSPHRASE) as v:
        assert v.integrity_check().ok
        assert content(v) == dump


def test_flipped_byte_in_the_vault_is_always_detected(
    filled: tuple[Path, dict[str, list[tuple[object, ...]]]], tmp_path: Path
) -> None:
    path, dump = filled
    rng = random.Random(20260316)
    for trial in range(TRIALS):
        target = tmp_path / f"t{trial}"
        offset = flipped_copy(path, target, rng)
        try:
            vault = Vault.open(target, PASSPHRASE)
        except DamagedVaultError:
            continue
        try:
            assert not vault.integrity_check().ok, f"flip at {offset} went unnoticed"
            try:
                read = content(vault)
            except DatabaseError:
                continue
            assert read == dump, f"flip at {offset} returned wrong data"
        finally:
            vault.lock()


def test_flipped_byte_in_a_backup_is_always_detected(
    filled: tuple[Path, dict[str, list[tuple[object, ...]]]], tmp_path: Path
) -> None:
    path, _dump = filled
    shutil.copytree(path, tmp_path / "v")
    with Vault.open(tmp_path / "v", PASSPHRASE) as v:
        good = backup(v, tmp_path / "good.cdbackup")
    data = good.path.read_bytes()
    rng = random.Random(42)
    # Every region: magic, version, header (key slots), header checksum, database pages.
    header_end = fmt.read_header(good.path).db_offset
    offsets = [0, 8, 12, header_end - 40, header_end - 1, header_end, len(data) - 1]
    offsets += [rng.randrange(len(data)) for _ in range(TRIALS)]
    for offset in offsets:
        damaged = bytearray(data)
        damaged[offset] ^= rng.randrange(1, 256)
        target = tmp_path / "damaged.cdbackup"
        target.write_bytes(bytes(damaged))
        with pytest.raises(VaultError):
            fmt.check_file(target)
    target.write_bytes(data[: len(data) // 2])
    with pytest.raises(VaultError):
        verify_backup(target, PASSPHRASE)
    assert verify_backup(good.path, PASSPHRASE).counts["participant"] == 120


def last_third_zeroed(source: Path, target: Path) -> None:
    """A copy of the vault whose last third of pages reads as zeros (a disk that lost them)."""
    shutil.copytree(source, target)
    db = target / "vault.db"
    data = bytearray(db.read_bytes())
    start = len(data) * 2 // 3 // PAGE * PAGE
    data[start:] = bytes(len(data) - start)
    db.write_bytes(bytes(data))


def test_damage_found_while_saving_says_damaged_not_disk_error(
    filled: tuple[Path, dict[str, list[tuple[object, ...]]]], tmp_path: Path
) -> None:
    from coachdesk.facade import Services
    from coachdesk.services.participants import ParticipantDraft

    last_third_zeroed(filled[0], tmp_path / "v")
    with Vault.open(tmp_path / "v", PASSPHRASE) as vault:
        services = Services(vault.sessions, actor="Coach")
        with pytest.raises(DamagedVaultError) as err:
            for i in range(50):
                services.participants.create(ParticipantDraft("Neu", f"Person{i}"))
        assert "damaged" in str(err.value)


def test_damage_found_while_backing_up_says_damaged_not_disk_error(
    filled: tuple[Path, dict[str, list[tuple[object, ...]]]], tmp_path: Path
) -> None:
    """A page that no longer reads is met by the copy: the backup says the vault is damaged
    (so she restores an older backup instead of freeing disk space) and leaves no file."""
    last_third_zeroed(filled[0], tmp_path / "v")
    usb = tmp_path / "usb"
    with Vault.open(tmp_path / "v", PASSPHRASE) as vault:
        with pytest.raises(DamagedVaultError) as err:
            backup(vault, usb / "backup.cdbackup")
        assert "damaged" in str(err.value)
    assert not usb.exists()
