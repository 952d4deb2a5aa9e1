"""kill -9 at random moments: every confirmed write survives, the vault always opens.

Each trial forks a child process that works on the vault and reports on a pipe
what it has confirmed (a committed participant id, a passphrase change, a
finished backup); the parent kills it with SIGKILL after a random delay, then
opens the vault, runs both integrity checks and looks for everything confirmed.
Forking (instead of starting a fresh interpreter) keeps a trial at a few
milliseconds of start-up, so 50 trials per scenario fit in the time budget.

The vaults here use Argon2id at its minimum, passed through the public ``kdf=``
parameter: every trial opens the vault at least twice, and the cost of the key
derivation is not what these tests are about.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select

from coachdesk.facade import Services
from coachdesk.models import Participant
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import WrongPassphraseError
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

pytestmark = pytest.mark.slow

TRIALS = 50
PASSPHRASES = (PASSPHRASE, "Zweiter Satz am Küchentisch 88", "Dritter Weg zum Amt, 7 Uhr!")

Emit = Callable[[str], None]


def run_and_kill(work: Callable[[Emit], None], delay: float) -> list[str]:
    """Run ``work`` in a forked child, SIGKILL it after ``delay`` s; the lines it confirmed."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)

        def emit(line: str) -> None:
            os.write(write_end, f"{line}\n".encode())

        try:
            work(emit)
        finally:
            os._exit(0)
    os.close(write_end)
    received = b""
    deadline = time.monotonic() + delay
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_end], [], [], left)
        if ready:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            received += chunk
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        received += chunk
    os.close(read_end)
    # A line is confirmed only once its newline arrived (one write() per line).
    return received.decode().splitlines()[: received.count(b"\n")]


def check_vault(path: Path, passphrase: str) -> set[int]:
    with Vault.open(path, passphrase) as vault:
        report = vault.integrity_check()
        assert report.ok, report
        with vault.sessions() as s:
            return set(s.scalars(sql_select(Participant.id)))


def test_kill_during_writes_loses_no_confirmed_write(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    Vault.create(path, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    confirmed: set[int] = set()
    rng = random.Random(7)

    def writes(emit: Emit) -> None:
        vault = Vault.open(path, PASSPHRASE)
        services = Services(vault.sessions, actor="Coach")
        while True:
            tag = os.urandom(6).hex()
            draft = ParticipantDraft("Crash", tag, internal_notes="Notiz " * 50)
            emit(str(services.participants.create(draft).id))

    for _trial in range(TRIALS):
        confirmed |= {int(x) for x in run_and_kill(writes, rng.uniform(0.0, 0.5))}
        present = check_vault(path, PASSPHRASE)
        assert confirmed <= present, sorted(confirmed - present)
    assert len(confirmed) >= 200, "the trials should cover hundreds of committed writes"


def test_kill_during_passphrase_change_leaves_old_or_new(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    vault, code = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    current = 0
    rng = random.Random(11)
    changes = 0

    def change(emit: Emit) -> None:
        at = current
        vault = Vault.open(path, PASSPHRASES[at])
        while True:
            nxt = (at + 1) % len(PASSPHRASES)
            vault.change_passphrase(PASSPHRASES[at], PASSPHRASES[nxt], kdf=FAST_KDF)
            emit(str(nxt))
            at = nxt

    for _trial in range(TRIALS):
        lines = run_and_kill(change, rng.uniform(0.0, 0.2))
        changes += len(lines)
        last = int(lines[-1]) if lines else current
        in_flight = (last + 1) % len(PASSPHRASES)
        opened = []
        for candidate in (last, in_flight):
            try:
                check_vault(path, PASSPHRASES[candidate])
                opened.append(candidate)
            except WrongPassphraseError:
                pass
        assert len(opened) == 1, f"exactly the confirmed or the in-flight passphrase: {opened}"
        current = opened[0]
        Vault.open_with_recovery_code(path, code).lock()
    assert changes >= TRIALS
    assert sorted(p.name for p in path.iterdir()) == [
        "keyslots.json",
        "keyslots.json.bak",
        "vault.db",
    ]


def test_kill_during_backup_keeps_the_previous_backup(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    Vault.create(path, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    dest = tmp_path / "usb" / "backup.cdbackup"
    rng = random.Random(13)
    best = -1

    def backups(emit: Emit) -> None:
        vault = Vault.open(path, PASSPHRASE)
        services = Services(vault.sessions, actor="Coach")
        while True:
            services.participants.create(ParticipantDraft("Backup", os.urandom(6).hex()))
            with vault.sessions() as s:
                count = len(s.scalars(sql_select(Participant.id)).all())
            backup(vault, dest)
            emit(str(count))

    for _trial in range(TRIALS):
        lines = run_and_kill(backups, rng.uniform(0.0, 0.4))
        best = max([best, *(int(x) for x in lines)])
        if best >= 0:
            info = verify_backup(dest, PASSPHRASE)
            # The file is the last confirmed backup or a newer, complete one.
            assert info.counts["participant"] >= best
        check_vault(path, PASSPHRASE)
    assert best >= 10
    with Vault.open(path, PASSPHRASE) as vault:
        backup(vault, dest)
    assert [p.name for p in dest.parent.iterdir()] == ["backup.cdbackup"]
