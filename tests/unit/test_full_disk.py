"""A disk that is full (here: a file-size limit) fails a save cleanly and loses nothing saved."""

from __future__ import annotations

import os
import resource
import signal
from pathlib import Path

from sqlalchemy import func, select

from coachdesk.facade import Services
from coachdesk.models import Participant
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import StorageError
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.unit.child import in_child

ROOM = 300 * 1024


def write_until_full(path: Path) -> dict[str, object]:
    """In a child process limited to files of ROOM bytes more than now: save until refused."""

    def work() -> dict[str, object]:
        saved: list[int] = []
        report: dict[str, object] = {"saved": saved, "error": None}
        vault = Vault.open(path, PASSPHRASE)
        services = Services(vault.sessions, actor="Coach")
        # The OS would otherwise kill the process (SIGXFSZ) instead of failing the write.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = (path / "vault.db").stat().st_size + ROOM
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        for i in range(5000):
            draft = ParticipantDraft("Voll", f"Platte{i}", work_experience="Text " * 400)
            try:
                saved.append(services.participants.create(draft).id)
            except StorageError as exc:
                report["error"] = str(exc)
                report["error_type"] = type(exc).__name__
                break
        vault.lock()
        return report

    return in_child(work)


def test_full_disk_fails_cleanly_and_keeps_earlier_data(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    Vault.create(path, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    report = write_until_full(path)
    saved = report["saved"]
    assert isinstance(saved, list) and len(saved) >= 5
    assert report["error_type"] == "StorageError"
    assert report["error"] == "Not saved: the disk is full. Free some space and save again."

    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.integrity_check().ok
        with vault.sessions() as s:
            ids = set(s.scalars(select(Participant.id)))
            assert ids == set(saved), "every confirmed save is there, the refused one is not"
            assert s.scalar(select(func.count()).select_from(Participant)) == len(saved)
        services = Services(vault.sessions, actor="Coach")
        services.participants.create(ParticipantDraft("Wieder", "Platz"))


def test_a_backup_without_room_keeps_the_previous_one(tmp_path: Path) -> None:
    # (Not named "full": pytest names tmp_path after the test, and the message for a full
    # disk must come from the error, never from the word "full" in a folder name.)
    path = tmp_path / "vault"
    vault = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)[0]
    services = Services(vault.sessions, actor="Coach")
    for i in range(30):
        services.participants.create(
            ParticipantDraft("Vor", f"Sicherung{i}", qualifications="x" * 2000)
        )
    dest = tmp_path / "usb" / "backup.cdbackup"
    first = backup(vault, dest)
    for i in range(30):
        services.participants.create(
            ParticipantDraft("Nach", f"Sicherung{i}", qualifications="y" * 2000)
        )
    vault.lock()

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        message = "no error"
        try:
            v = Vault.open(path, PASSPHRASE)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = dest.stat().st_size // 2
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
            backup(v, dest)
        except StorageError as exc:
            message = str(exc)
        finally:
            os.write(write_end, message.encode())
            os._exit(0)
    os.close(write_end)
    message = os.read(read_end, 4096).decode()
    os.close(read_end)
    os.waitpid(pid, 0)
    assert message == "Not saved: the disk is full. Free some space and save again."
    assert verify_backup(dest, PASSPHRASE).counts == first.counts
    assert [p.name for p in dest.parent.iterdir() if not p.name.startswith(".")] == [dest.name]
