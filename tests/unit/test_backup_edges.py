"""Backups at their edges (issue 19: mutants of vault/backup.py that the older tests let
through): where a backup may not go and what it may replace, the names it gets, what a
check reports, the progress a coach watches, what a killed backup left behind, and which
key file a backup carries when one of the two is damaged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachdesk.models import Participant
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import (
    backup,
    bytes_for_backup,
    verify_backup,
)
from coachdesk.vault.errors import StorageError
from coachdesk.vault.keyslots import copy_path
from coachdesk.vault.schema import head_revision
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE

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
    assert first.parent == usb and NAME.match(first.name), first.name
    stamp = dt.datetime.strptime(first.name[17:32], "%Y%m%d-%H%M%S")
    assert abs(dt.datetime.now() - stamp) < dt.timedelta(minutes=1)
    # Backups already named for this second and the next ones (made a moment ago): the
    # next backup takes a name to the microsecond instead of replacing one of them.
    now = dt.datetime.now()
    taken = {}
    for seconds in range(-2, 30):
        name = f"coachdesk-backup-{now + dt.timedelta(seconds=seconds):%Y%m%d-%H%M%S}.cdbackup"
        if not (usb / name).exists():
            (usb / name).write_bytes(first.read_bytes())
        taken[name] = (usb / name).read_bytes()
    second = backup(vault, usb).path
    assert second.parent == usb and PRECISE.match(second.name), second.name
    assert {name: (usb / name).read_bytes() for name in taken} == taken


def test_a_backup_failing_halfway_leaves_no_folder_and_no_file_it_made(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "her photos").mkdir()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fmt, "write_container", full)
    with pytest.raises(StorageError) as said:
        backup(vault, stick / "CoachDesk" / "2026" / "mine.cdbackup")
    assert said.value.message.render() == (
        "Not saved: the disk is full. Free some space and save again."
    )
    assert sorted(p.name for p in stick.rglob("*")) == ["her photos"]


def test_a_backup_is_stamped_in_utc_whatever_the_computers_time_zone(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tehran")  # UTC+3:30, no summer time
    time.tzset()
    try:
        made = backup(vault, tmp_path / "one.cdbackup")
    finally:
        monkeypatch.undo()
        time.tzset()
    utc_now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(utc_now - made.created_at) < dt.timedelta(minutes=1)


def test_a_backup_reports_her_records_not_the_bookkeeping(vault: Vault, tmp_path: Path) -> None:
    with vault.sessions.begin() as s:
        s.add(Participant(first_name="Leyla", last_name="Haddad"))
    with vault.engine.begin() as conn:  # SQLite's own statistics table, sqlite_stat1
        conn.exec_driver_sql("ANALYZE")
    made = backup(vault, tmp_path / "one.cdbackup")
    assert made.schema_revision == head_revision()
    assert made.counts["participant"] == 1
    bookkeeping = ("sqlite_", "search_index", "alembic_")
    assert not [name for name in made.counts if name.startswith(bookkeeping)]
    with vault.engine.connect() as conn:
        tables = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {t for t in tables if not t.startswith(bookkeeping)} == set(made.counts)
    assert any(t.startswith("search_index") for t in tables)  # there, and left out
    assert "sqlite_stat1" in tables


def test_checking_a_backup_reports_the_file_its_time_and_size(vault: Vault, tmp_path: Path) -> None:
    made = backup(vault, tmp_path / "one.cdbackup")
    checked = verify_backup(made.path, PASSPHRASE)
    assert checked.schema_revision == made.schema_revision == head_revision()
    assert checked.path == made.path
    assert checked.created_at == made.created_at
    assert checked.size_bytes == made.size_bytes == made.path.stat().st_size
    assert checked.counts == made.counts


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


NOTICES_SIGNALS = """
import contextlib, signal, sys, time
for number in signal.valid_signals() - {signal.SIGKILL, signal.SIGSTOP}:
    with contextlib.suppress(OSError, ValueError):
        signal.signal(number, lambda *_: sys.exit(3))
print("listening", flush=True)
time.sleep(60)
"""


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
    # The running backup's process: any signal it gets ends it with code 3 (a signal left at
    # its default might be ignored, e.g. SIGHUP under nohup); it says when it is listening.
    running = subprocess.Popen([sys.executable, "-c", NOTICES_SIGNALS], stdout=subprocess.PIPE)
    try:
        assert running.stdout is not None and running.stdout.readline() == b"listening\n"
        alive = stale(usb, running.pid)
        mine = stale(usb, os.getpid())
        unrelated = usb / ".notes.txt.tmp"
        unrelated.write_text("not ours", encoding="utf-8")
        backup(vault, usb / "new.cdbackup")
        assert not dead.exists()
        assert alive.exists() and mine.exists() and unrelated.exists()
        with contextlib.suppress(subprocess.TimeoutExpired):  # a signal needs a moment
            running.wait(timeout=1)
        assert running.poll() is None, "the running backup's process was not disturbed"
    finally:
        running.kill()
        running.communicate()


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
