"""What a restore tells her and what it leaves behind (issue 19: against mutants of
coachdesk/vault/restore.py that survived the older tests): the backup it describes, the
recovery code as the other way in, a folder readable by her alone, a place inside another
vault refused with its own message, a backup that cannot be read named with the reason, and
a disk that fills during the restore leaving her vault as it was and no half folder.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk.models import Participant
from coachdesk.vault.backup import BackupInfo, backup, verify_backup
from coachdesk.vault.errors import StorageError
from coachdesk.vault.output_paths import OutputPathError
from coachdesk.vault.restore import restore
from coachdesk.vault.store import Vault
from coachdesk.vault.swap import staging_path
from tests.conftest import PASSPHRASE
from tests.unit.child import in_child
from tests.unit.test_backup import add_people, folder_hashes, names_in


@pytest.fixture
def saved(vault: Vault, tmp_path: Path) -> Iterator[BackupInfo]:
    """A backup of the vault with two people in it; the vault is locked afterwards."""
    add_people(vault, "Amina", "Olena")
    info = backup(vault, tmp_path / "usb" / "b.cdbackup")
    vault.lock()
    yield info


def test_the_result_describes_the_backup_that_is_now_the_vault(
    saved: BackupInfo, vault_path: Path
) -> None:
    """The message after a restore names the backup's date; the result carries the same
    facts a check of that backup gives (path, date, revision, size, counts)."""
    checked = verify_backup(saved.path, PASSPHRASE)
    result = restore(saved.path, vault_path, PASSPHRASE)
    assert result.info == checked
    assert result.info.path == saved.path
    assert result.info.created_at == saved.created_at
    assert result.info.schema_revision == saved.schema_revision
    assert result.info.size_bytes == saved.path.stat().st_size > 0
    assert result.info.counts["participant"] == 2


def test_restore_with_the_recovery_code(
    saved: BackupInfo, tmp_path: Path, recovery_code: str
) -> None:
    """The paper sheet is the other way in: the backup restores with it alone."""
    target = tmp_path / "new-laptop" / "vault"
    result = restore(saved.path, target, recovery_code=recovery_code)
    assert result.previous is None
    with Vault.open(target, PASSPHRASE) as v:
        assert names_in(v) == ["Amina", "Olena"]


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, so that a folder made without an explicit mode is readable by all."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_a_restored_vault_folder_is_the_owners_only_and_holds_only_the_vault(
    saved: BackupInfo, vault_path: Path, tmp_path: Path
) -> None:
    """Both in a new place and in place of the vault it replaces: the folder is hers alone
    (as a new vault's is), and holds the database and the key slots, nothing left over."""
    for target in (tmp_path / "new-laptop" / "vault", vault_path):
        restore(saved.path, target, PASSPHRASE)
        assert stat.S_IMODE(target.stat().st_mode) == 0o700, target
        assert sorted(p.name for p in target.iterdir()) == [
            "keyslots.json",
            "keyslots.json.bak",
            "vault.db",
        ]
        assert not staging_path(target).exists()


def test_a_restore_into_another_vaults_folder_is_refused_with_both_places(
    vault: Vault, tmp_path: Path
) -> None:
    """A vault inside another vault's folder would be carried away by that vault's next
    restore: refused before anything is written, naming the place and the vault folder."""
    add_people(vault, "Amina")
    saved = backup(vault, tmp_path / "b.cdbackup")
    before = folder_hashes(vault.path)
    inner = vault.path / "inner"
    with pytest.raises(OutputPathError) as err:
        restore(saved.path, inner, PASSPHRASE)
    assert str(err.value) == (
        f"Not restored: {inner} is inside the vault folder {vault.path.resolve()}."
    )
    assert not inner.exists()
    assert folder_hashes(vault.path) == before


def test_a_backup_that_cannot_be_read_is_named_with_the_reason(
    saved: BackupInfo, vault_path: Path, tmp_path: Path
) -> None:
    before = folder_hashes(vault_path)
    unreadable = saved.path.parent / ("n" * 300 + ".cdbackup")
    with pytest.raises(StorageError) as err:
        restore(unreadable, vault_path, PASSPHRASE)
    assert str(err.value) == "The file could not be read: File name too long"
    assert folder_hashes(vault_path) == before


def test_a_disk_that_fills_during_a_restore_leaves_her_vault_and_no_half_folder(
    saved: BackupInfo, vault_path: Path
) -> None:
    """The database is copied out of the backup beside the vault first: when the disk fills
    (here a file-size limit, in a child process), she hears so, the vault is as it was and
    the half-made folder is gone; with room again the restore goes through."""
    before = folder_hashes(vault_path)

    def work() -> dict[str, object]:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        limit = saved.size_bytes // 2
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        try:
            restore(saved.path, vault_path, PASSPHRASE)
        except StorageError as exc:
            return {"error": str(exc), "type": type(exc).__name__}
        return {"error": None}

    report = in_child(work)
    assert report == {
        "error": "Not saved: the disk is full. Free some space and save again.",
        "type": "StorageError",
    }
    assert folder_hashes(vault_path) == before
    assert sorted(p.name for p in vault_path.parent.iterdir()) == ["usb", "vault"]
    with Vault.open(vault_path, PASSPHRASE) as v, v.sessions() as s:
        assert s.query(Participant).count() == 2
    # With room again, the same restore goes through (and is seen by mutmut, which does
    # not follow the call into the child).
    assert restore(saved.path, vault_path, PASSPHRASE).previous is not None
