"""Making a vault, at its edges (issue 19: mutants of vault/store.py that the older tests let
through): a database left without its key file is never replaced, the folder is made private
and may be new, nested or already there, and a make that fails halfway leaves nothing behind,
holds nothing open and says why in words.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.errors import ORPHANED_DATABASE, StorageError, VaultExistsError
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST

PASSPHRASE = "Ein langes Passwort fuer den Tresor 2026!"
NEW = "Ein neues langes Passwort 2026 fuer Tests!"


def held_open(folder: Path) -> list[str]:
    """The files of ``folder`` this process holds open (Linux: /proc/self/fd)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


@pytest.mark.parametrize("left", ["vault.db", "vault.db-wal"])
def test_a_database_without_its_key_file_is_never_replaced(tmp_path: Path, left: str) -> None:
    """The key file is on a drive not mounted, or was moved: making a vault here would
    overwrite her data with an empty vault; CoachDesk refuses and says what it found."""
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / left).write_bytes(b"her encrypted data")
    with pytest.raises(VaultExistsError) as said:
        Vault.create(folder, PASSPHRASE, kdf=FAST)
    assert said.value.message.msgid == ORPHANED_DATABASE
    assert sorted(p.name for p in folder.iterdir()) == [left]
    assert (folder / left).read_bytes() == b"her encrypted data"


def test_a_vault_is_made_in_a_new_nested_folder_only_she_can_open(tmp_path: Path) -> None:
    folder = tmp_path / "Documents" / "CoachDesk" / "vault"
    vault, _code = Vault.create(folder, PASSPHRASE, kdf=FAST)
    vault.lock()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    Vault.open(folder, PASSPHRASE).lock()


def test_a_vault_is_made_in_an_empty_folder_she_chose(tmp_path: Path) -> None:
    folder = tmp_path / "chosen"
    folder.mkdir()
    vault, _code = Vault.create(folder, PASSPHRASE, kdf=FAST)
    vault.lock()
    Vault.open(folder, PASSPHRASE).lock()


def test_a_folder_that_cannot_be_made_is_said_in_words(tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StorageError) as said:
        Vault.create(tmp_path / "a file" / "vault", PASSPHRASE, kdf=FAST)
    assert said.value.message.render() == f"Not saved: {os.strerror(errno.ENOTDIR)}"


def test_a_new_vault_has_nothing_to_say_and_its_passphrase_can_change_at_once(
    tmp_path: Path,
) -> None:
    vault, _code = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST)
    with vault:
        assert vault.notices == ()
        vault.change_passphrase(PASSPHRASE, NEW, kdf=FAST)
    Vault.open(tmp_path / "vault", NEW).lock()


def test_a_make_that_fails_halfway_leaves_nothing_and_holds_nothing_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills as the key file is written, after the database was made: no database
    without key slots stays (``init`` may simply run again), no file of the folder stays
    open (on Windows an open file cannot be deleted), and she reads why."""
    folder = tmp_path / "vault"

    def full(self: KeySlots, path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(KeySlots, "save", full)
    with pytest.raises(StorageError) as said:
        Vault.create(folder, PASSPHRASE, kdf=FAST)
    assert said.value.message.render() == (
        "Not saved: the disk is full. Free some space and save again."
    )
    assert sorted(p.name for p in folder.iterdir()) == []
    assert held_open(folder) == []
    monkeypatch.undo()
    vault, _code = Vault.create(folder, PASSPHRASE, kdf=FAST)
    with vault:
        Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("A", "B"))
    Vault.open(folder, PASSPHRASE).lock()
