"""Encrypted backups and restore: one file, checked before use, never a half-restored vault."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from coachdesk.models import Goal, Participant
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import (
    DamagedBackupError,
    NotABackupError,
    NotAVaultError,
    StorageError,
    VaultInUseError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from coachdesk.vault.generations import older_copies
from coachdesk.vault.restore import _stage, restore
from coachdesk.vault.store import Vault
from coachdesk.vault.swap import staging_path
from tests.conftest import PASSPHRASE

OTHER = "Ein anderer Satz für das Jobcenter 42"


def folder_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def add_people(vault: Vault, *names: str) -> None:
    with vault.sessions.begin() as s:
        for name in names:
            p = Participant(first_name=name, last_name="Haddad")
            p.goals.append(Goal(title=f"Sprachkurs B1 für {name}"))
            s.add(p)


def names_in(vault: Vault) -> list[str]:
    with vault.sessions() as s:
        return sorted(p.first_name for p in s.query(Participant))


def test_backup_is_one_encrypted_checked_file(
    vault: Vault, tmp_path: Path, recovery_code: str
) -> None:
    add_people(vault, "Maryamxqz", "Leyla")
    dest = tmp_path / "usb" / "mine.cdbackup"
    info = backup(vault, dest)
    assert info.path == dest and dest.is_file()
    assert info.counts["participant"] == 2 and info.counts["goal"] == 2
    assert sorted(p.name for p in dest.parent.iterdir()) == ["mine.cdbackup"]
    data = dest.read_bytes()
    assert b"Maryamxqz" not in data and "Maryamxqz".encode("utf-16-le") not in data
    assert b"SQLite format 3" not in data
    assert verify_backup(dest, PASSPHRASE).counts == info.counts
    assert verify_backup(dest, recovery_code=recovery_code).counts == info.counts
    with pytest.raises(WrongPassphraseError):
        verify_backup(dest, OTHER)
    with pytest.raises(WrongRecoveryCodeError):
        verify_backup(dest, recovery_code="0000-0000-0000-0000-0000-0000-0000-0000")


def test_backup_into_a_folder_picks_a_new_name(vault: Vault, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    first = backup(vault, tmp_path, progress=lambda done, total: steps.append((done, total)))
    assert steps and steps[-1][0] == steps[-1][1] > 0
    assert first.path.parent == tmp_path
    assert first.path.name.startswith("coachdesk-backup-") and first.path.suffix == ".cdbackup"


def test_restore_gives_back_exactly_the_backed_up_records(vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as v:
        add_people(v, "Amina", "Olena")
        saved = backup(v, tmp_path / "b.cdbackup")
        add_people(v, "Zeynep")
        with v.sessions.begin() as s:
            s.query(Participant).filter_by(first_name="Amina").one().first_name = "Aminah"
        v.change_passphrase(PASSPHRASE, OTHER)
    result = restore(saved.path, vault_path, PASSPHRASE)
    assert result.info.counts == saved.counts
    assert result.previous is not None
    # The restored vault carries the backup's key slots: its passphrase, not the newer one.
    with Vault.open(vault_path, PASSPHRASE) as v:
        assert names_in(v) == ["Amina", "Olena"]
        assert v.integrity_check().ok
    # The replaced vault is kept, encrypted, with its own (newer) passphrase.
    with Vault.open(result.previous, OTHER) as v:
        assert names_in(v) == ["Aminah", "Olena", "Zeynep"]
    assert not staging_path(vault_path).exists()
    assert older_copies(vault_path) == [result.previous]


def test_restore_into_a_new_folder(vault: Vault, tmp_path: Path) -> None:
    add_people(vault, "Fatma")
    saved = backup(vault, tmp_path / "b.cdbackup")
    result = restore(saved.path, tmp_path / "new-laptop" / "vault", PASSPHRASE)
    assert result.previous is None
    with Vault.open(tmp_path / "new-laptop" / "vault", PASSPHRASE) as v:
        assert names_in(v) == ["Fatma"]


def test_failed_restores_touch_nothing(vault: Vault, vault_path: Path, tmp_path: Path) -> None:
    add_people(vault, "Hanna")
    saved = backup(vault, tmp_path / "b.cdbackup")
    vault.lock()
    before = folder_hashes(vault_path)

    with pytest.raises(WrongPassphraseError):
        restore(saved.path, vault_path, OTHER)
    damaged = tmp_path / "damaged.cdbackup"
    data = bytearray(saved.path.read_bytes())
    data[len(data) // 2] ^= 0x10
    damaged.write_bytes(bytes(data))
    with pytest.raises(DamagedBackupError) as err:
        restore(damaged, vault_path, PASSPHRASE)
    assert "damaged" in str(err.value)
    (tmp_path / "notes.txt").write_text("not a backup")
    with pytest.raises(NotABackupError):
        restore(tmp_path / "notes.txt", vault_path, PASSPHRASE)
    # Held open (read-only, so the open itself writes nothing) while a restore is tried.
    with Vault.open(vault_path, PASSPHRASE, migrate=False), pytest.raises(VaultInUseError):
        restore(saved.path, vault_path, PASSPHRASE)

    assert folder_hashes(vault_path) == before
    assert sorted(p.name for p in vault_path.parent.iterdir()) == sorted(
        ["vault", "b.cdbackup", "damaged.cdbackup", "notes.txt"]
    )


def test_restore_never_moves_a_folder_that_is_not_a_vault(vault: Vault, tmp_path: Path) -> None:
    saved = backup(vault, tmp_path / "b.cdbackup")
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("Liebe Frau ...")
    with pytest.raises(NotAVaultError):
        restore(saved.path, documents, PASSPHRASE)
    assert [p.name for p in documents.iterdir()] == ["letter.txt"]


def test_restore_cut_off_between_its_renames_is_finished_on_open(
    vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    add_people(vault, "Nour")
    saved = backup(vault, tmp_path / "b.cdbackup")
    add_people(vault, "Later")
    vault.lock()
    # What restore() does up to the crash: a complete staging folder, the old vault moved away.
    from coachdesk.vault import backup_format as fmt
    from coachdesk.vault.backup import unlock

    header = fmt.check_file(saved.path)
    _stage(saved.path, header, unlock(header, PASSPHRASE, None), vault_path)
    os.replace(vault_path, tmp_path / "moved-away")
    with Vault.open(vault_path, PASSPHRASE) as v:
        assert names_in(v) == ["Nour"]
    assert not staging_path(vault_path).exists()


def test_backup_inside_the_vault_folder_is_refused(vault: Vault) -> None:
    with pytest.raises(StorageError) as err:
        backup(vault, vault.path / "backup.cdbackup")
    assert "outside the vault" in str(err.value)
    assert not (vault.path / "backup.cdbackup").exists()


def test_a_backup_that_cannot_be_made_leaves_no_new_folders(vault: Vault, tmp_path: Path) -> None:
    """A path whose last folder's name is too long: the folders before it are not left made
    (found by the hostile command-line suite: 'out/deep/er/vault' stayed behind)."""
    dest = tmp_path / "stick" / "new" / ("n" * 300) / "b.cdbackup"
    with pytest.raises(StorageError):
        backup(vault, dest)
    assert not (tmp_path / "stick").exists()
