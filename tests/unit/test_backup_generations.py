"""Automatic backup generations, pruning, and the newest good backup for a damaged vault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachdesk.models import Participant
from coachdesk.vault.backup import backup
from coachdesk.vault.generations import (
    automatic_backup,
    automatic_backup_folder,
    backup_due,
    backups_made_before,
    list_backups,
    newest_good_backup,
    prune_generations,
)
from coachdesk.vault.store import Vault


def add_person(vault: Vault, name: str) -> None:
    with vault.sessions.begin() as s:
        s.add(Participant(first_name=name, last_name="Demir"))


def test_automatic_generations_keep_the_newest(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    manual = backup(vault, folder / "before-holiday.cdbackup")
    made = []
    for i in range(9):
        add_person(vault, f"P{i}")
        made.append(automatic_backup(vault, folder, keep=7))
    autos = [b for b in list_backups(folder) if b.automatic]
    assert [b.path for b in autos] == [m.path for m in reversed(made[2:])]
    assert manual.path.exists(), "a backup the coach made herself is never pruned"
    assert not made[0].path.exists() and not made[1].path.exists()
    # The newest generation holds everything written before it.
    assert made[-1].counts["participant"] == 9
    assert prune_generations(folder, 3) == [m.path for m in reversed(made[2:6])]
    assert len([b for b in list_backups(folder) if b.automatic]) == 3


def test_default_folder_is_beside_the_vault(vault: Vault) -> None:
    info = automatic_backup(vault)
    assert info.path.parent == automatic_backup_folder(vault.path)
    assert info.path.parent.parent == vault.path.parent


def test_backup_due_once_a_day(vault: Vault, tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert backup_due(tmp_path, now)
    automatic_backup(vault, tmp_path)
    assert not backup_due(tmp_path, now + dt.timedelta(hours=23))
    assert backup_due(tmp_path, now + dt.timedelta(hours=25))


def test_newest_good_backup_skips_damaged_files(vault: Vault, tmp_path: Path) -> None:
    assert newest_good_backup(tmp_path) is None
    older = automatic_backup(vault, tmp_path)
    add_person(vault, "Yasmin")
    newer = automatic_backup(vault, tmp_path)
    (tmp_path / "holiday-photos.cdbackup").write_bytes(b"\x89PNG not a backup")
    good = newest_good_backup(tmp_path)
    assert good is not None and good.path == newer.path

    data = bytearray(newer.path.read_bytes())
    data[-5000] ^= 0x01
    newer.path.write_bytes(bytes(data))
    good = newest_good_backup(tmp_path)
    assert good is not None and good.path == older.path
    assert [b.path for b in list_backups(tmp_path)] == [newer.path, older.path]
    between = older.created_at + (newer.created_at - older.created_at) / 2
    assert [b.path for b in backups_made_before(tmp_path, between)] == [older.path]
