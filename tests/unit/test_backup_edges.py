"""Backups at their edges (issue 19: mutants of vault/backup.py that the older tests let
through): where a backup may not go and what it may replace, the names it gets, what a
check reports, the progress a coach watches, what a killed backup left behind, and which
key file a backup carries when one of the two is damaged.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from coachdesk.models import Participant
from coachdesk.vault.backup import (
    backup,
    bytes_for_backup,
    remove_stale_temp_files,
    verify_backup,
)
from coachdesk.vault.errors import StorageError
from coachdesk.vault.keyslots import copy_path
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.child import in_child

NAME = re.compile(r"^coachdesk-backup-\d{8}-\d{6}\.cdbackup$")
PRECISE = re.compile(r"^coachdesk-backup-\d{8}-\d{6}-\d{6}\.cdbackup$")


def test_a_backup_inside_the_vault_folder_is_refused_in_words(vault: Vault) -> None:
    with pytest.raises(StorageError) as said:
        backup(vault, vault.path / "backups")
    assert said.value.message.render() == "Choose a place outside the vault's folder for backups."
    assert not (vault.path / "backups").exists()


def test_a_backup_replaces_an_older_backup_but_never_another_file(
    vault: Vault, tmp_path: Path
) -> None:
    older = backup(vault, tmp_path / "usb" / "mine.cdbackup")
    with vault.sessions.begin() as s:
        s.add(Participant(first_name="Leyla", last_name="Haddad"))
    newer = backup(vault, older.path)  # the same name again: the older backup is replaced
    assert newer.counts["participant"] == older.counts["participant"] + 1
    letter = tmp_path / "usb" / "Brief an das Jobcenter.odt"
    letter.write_bytes(b"PK\x03\x04 her letter")
    with pytest.raises(StorageError) as said:
        backup(vault, letter)
    assert said.value.message.render() == (
        f"Not saved: {letter} is another file, not a backup. Choose a folder or a new name."
    )
    assert letter.read_bytes() == b"PK\x03\x04 her letter"


def test_backups_into_a_folder_are_named_by_the_second_and_never_overwrite(
    vault: Vault, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    first = backup(vault, usb).path
    second = backup(vault, usb).path
    assert first.parent == second.parent == usb
    assert NAME.match(first.name), first.name
    stamp = dt.datetime.strptime(first.name[17:32], "%Y%m%d-%H%M%S")
    assert abs(dt.datetime.now() - stamp) < dt.timedelta(minutes=1)
    if second.name[17:32] == first.name[17:32]:  # within the same second: to the microsecond
        assert PRECISE.match(second.name), second.name
    else:
        assert NAME.match(second.name), second.name
    assert first.exists() and second.exists() and first != second


def test_checking_a_backup_reports_the_file_its_time_and_size(vault: Vault, tmp_path: Path) -> None:
    made = backup(vault, tmp_path / "one.cdbackup")
    checked = verify_backup(made.path, PASSPHRASE)
    assert checked.path == made.path
    assert checked.created_at == made.created_at
    assert checked.size_bytes == made.size_bytes == made.path.stat().st_size
    assert checked.counts == made.counts


def test_a_backup_she_may_not_read_is_said_in_words(vault: Vault) -> None:
    """A backup on a stick made by another account (or a folder without rights for her)."""
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-unreadable-"))
    try:
        folder.chmod(0o755)
        made = backup(vault, folder / "theirs.cdbackup")
        made.path.chmod(0o600 if os.geteuid() == 0 else 0o000)  # root's, or no one's

        def work() -> dict[str, object]:
            try:
                verify_backup(made.path, PASSPHRASE)
            except StorageError as exc:
                return {"said": exc.message.render()}
            return {"said": None}

        said = in_child(work, as_nobody=os.geteuid() == 0)
        assert said == {"said": f"The file could not be read: {os.strerror(errno.EACCES)}"}
    finally:
        shutil.rmtree(folder)


def test_progress_climbs_to_the_whole_in_steps_on_a_large_vault(
    vault: Vault, tmp_path: Path
) -> None:
    with vault.sessions.begin() as s:
        for i in range(4000):
            s.add(Participant(first_name=f"Name{i}", last_name="Haddad", work_experience="x" * 400))
    seen: list[tuple[int, int]] = []
    backup(
        vault, tmp_path / "big.cdbackup", progress=lambda done, total: seen.append((done, total))
    )
    assert len(seen) > 2, seen
    totals = {total for _done, total in seen}
    assert len(totals) == 1
    dones = [done for done, _total in seen]
    assert dones == sorted(dones) and dones[-1] == totals.pop() and dones[0] < dones[-1]


def stale(folder: Path, pid: int) -> Path:
    leftover = folder / f".mine.cdbackup.{pid}.db.tmp"
    leftover.write_bytes(b"encrypted but useless")
    return leftover


def test_what_a_killed_backup_left_is_removed_but_a_running_ones_is_kept(
    vault: Vault, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = stale(usb, int(finished.stdout))
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = stale(usb, running.pid)
        mine = stale(usb, os.getpid())
        unrelated = usb / ".notes.txt.tmp"
        unrelated.write_text("not ours", encoding="utf-8")
        backup(vault, usb / "new.cdbackup")
        assert not dead.exists()
        assert alive.exists() and mine.exists() and unrelated.exists()
        assert running.poll() is None, "the running backup's process was not disturbed"
    finally:
        running.kill()
        running.wait()


def test_a_leftover_of_another_users_process_is_kept() -> None:
    """Signalling a process of another user is refused (EPERM): it is alive, its file kept."""
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-stale-"))
    try:
        folder.chmod(0o777)
        leftover = stale(folder, 1)  # init, which an ordinary user may not signal
        leftover.chmod(0o666)

        def work() -> dict[str, object]:
            remove_stale_temp_files(folder)
            return {"kept": leftover.exists()}

        assert in_child(work, as_nobody=os.geteuid() == 0) == {"kept": True}
    finally:
        shutil.rmtree(folder)


def key_files(folder: Path, main: bytes | None, copy: bytes | None) -> Path:
    path = folder / "keyslots.json"
    for target, data in ((path, main), (copy_path(path), copy)):
        target.unlink(missing_ok=True)
        if data is not None:
            target.write_bytes(data)
    return path


def damaged_slot(raw: bytes, index: int) -> bytes:
    data = json.loads(raw)
    data["slots"][index]["salt"] = "!!"
    return json.dumps(data).encode()


def test_a_backup_carries_the_whole_key_file_of_the_two(vault: Vault, tmp_path: Path) -> None:
    good = (vault.path / "keyslots.json").read_bytes()
    half, other_half = damaged_slot(good, 0), damaged_slot(good, 1)
    junk = b"\x00 not a key file"
    folder = tmp_path / "keys"
    folder.mkdir()
    cases = [
        (good, half, good),  # the file whole
        (half, good, good),  # the file with a damaged slot, the copy whole
        (None, good, good),  # the file gone
        (junk, good, good),  # the file unreadable
        (half, other_half, half),  # neither whole: the file, which the vault opened with
        (junk, half, half),  # neither whole, the file unreadable: the copy
    ]
    for main, copy, carried in cases:
        assert bytes_for_backup(key_files(folder, main, copy)) == carried
