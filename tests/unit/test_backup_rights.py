"""Backups where the coach's account may not do everything (issue 19: mutants of
vault/backup.py that only an unprivileged user meets): a file at the target or a backup she
may not read, a leftover she may not remove or of another user's process, a temporary
folder she may not write.

Root reads and writes through permissions, so for root the part that needs them runs in a
child process as the user ``nobody``; the test process makes the same call where it may,
so that mutmut (which follows no child) picks these tests for the functions they reach.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coachdesk.vault.backup import backup, remove_stale_temp_files, verify_backup
from coachdesk.vault.errors import StorageError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.child import in_child
from tests.unit.test_backup_edges import stale

ROOT = os.geteuid() == 0


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder outside the test's private temporary folder, which ``nobody`` may enter."""
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-rights-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def said(work: Callable[[], object]) -> dict[str, object]:
    """What a StorageError of ``work`` says, as the child reports it."""
    try:
        work()
    except StorageError as exc:
        return {"said": exc.message.render()}
    return {"said": None}


def test_a_file_she_may_not_read_is_never_taken_for_an_older_backup(
    vault: Vault, shared: Path
) -> None:
    """A file named like a backup that she cannot open may be anyone's: it is not replaced."""
    notice = shared / "Bescheid.cdbackup"
    notice.write_bytes(b"%PDF-1.7 a notice from the job centre")
    notice.chmod(0o600 if ROOT else 0o000)
    refused = {
        "said": f"Not saved: {notice} is another file, not a backup. Choose a folder or a new name."
    }
    assert in_child(lambda: said(lambda: backup(vault, notice)), as_nobody=ROOT) == refused
    notice.chmod(0o600)
    assert said(lambda: backup(vault, notice)) == refused  # read, it is not a backup either
    assert notice.read_bytes() == b"%PDF-1.7 a notice from the job centre"
    assert sorted(p.name for p in shared.iterdir()) == ["Bescheid.cdbackup"]


def test_a_leftover_she_may_not_remove_is_left_without_a_fuss(shared: Path) -> None:
    """A killed backup's leftover in a folder she may not write: the next backup goes on."""
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    leftover = stale(shared, int(finished.stdout))
    shared.chmod(0o755 if ROOT else 0o555)

    def work() -> dict[str, object]:
        remove_stale_temp_files(shared)
        return {"kept": leftover.exists()}

    assert in_child(work, as_nobody=ROOT) == {"kept": True}
    shared.chmod(0o755)
    assert work() == {"kept": False}  # where she may, it is removed


def test_checking_a_backup_without_room_for_its_temporary_copy_is_said_in_words(
    vault: Vault, shared: Path
) -> None:
    """The check unpacks the database into the temporary folder; one she may not write is
    named by its reason, not a crash."""
    made = backup(vault, shared / "mine.cdbackup")
    made.path.chmod(0o644)
    closed = shared / "temp"
    closed.mkdir(mode=0o555)

    def work() -> dict[str, object]:
        tempfile.tempdir = str(closed)
        return said(lambda: verify_backup(made.path, PASSPHRASE))

    reason = os.strerror(errno.EACCES)
    assert in_child(work, as_nobody=ROOT) == {"said": f"The file could not be read: {reason}"}
    assert verify_backup(made.path, PASSPHRASE).counts == made.counts


def test_a_backup_she_may_not_read_is_said_in_words(vault: Vault, shared: Path) -> None:
    """A backup on a stick made by another account (or a folder without rights for her)."""
    made = backup(vault, shared / "theirs.cdbackup")
    made.path.chmod(0o600 if ROOT else 0o000)  # root's, or no one's
    check = in_child(lambda: said(lambda: verify_backup(made.path, PASSPHRASE)), as_nobody=ROOT)
    assert check == {"said": f"The file could not be read: {os.strerror(errno.EACCES)}"}
    if ROOT:  # its owner checks it as ever
        assert verify_backup(made.path, PASSPHRASE).counts == made.counts


def test_a_leftover_of_another_users_process_is_kept(shared: Path) -> None:
    """Signalling a process of another user is refused (EPERM): it is alive, its file kept."""
    shared.chmod(0o777)
    leftover = stale(shared, 1)  # init, which an ordinary user may not signal
    leftover.chmod(0o666)

    def work() -> dict[str, object]:
        remove_stale_temp_files(shared)
        return {"kept": leftover.exists()}

    assert in_child(work, as_nobody=ROOT) == {"kept": True}
    assert work() == {"kept": True}  # for root too, init is alive
