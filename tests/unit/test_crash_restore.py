"""kill -9 during restores: the vault is always one whole backup, never half of one.

Same harness as test_crash_safety (forked child, SIGKILL after a random delay),
with Argon2id at its minimum through the public ``kdf=`` parameter because every
restore unwraps the key and the key derivation is not under test.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from coachdesk.models import Participant
from coachdesk.vault.backup import backup
from coachdesk.vault.restore import restore
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.unit.test_crash_safety import Emit, run_and_kill

pytestmark = pytest.mark.slow

TRIALS = 30


def names(path: Path) -> frozenset[str]:
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.integrity_check().ok
        with vault.sessions() as s:
            return frozenset(p.first_name for p in s.query(Participant))


def test_kill_during_restore(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    vault = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)[0]
    contents = {}
    for label, people in (("a", ["Amal", "Asya"]), ("b", ["Berfin", "Bahar", "Bozena"])):
        with vault.sessions.begin() as s:
            s.query(Participant).delete()
            s.add_all(Participant(first_name=n, last_name="X") for n in people)
        backup(vault, tmp_path / f"{label}.cdbackup")
        contents[label] = frozenset(people)
    vault.lock()
    restore(tmp_path / "a.cdbackup", path, PASSPHRASE)
    current = "a"
    rng = random.Random(3)
    restored = 0

    def restores(emit: Emit) -> None:
        label = current
        while True:
            label = "b" if label == "a" else "a"
            restore(tmp_path / f"{label}.cdbackup", path, PASSPHRASE)
            emit(label)

    for _trial in range(TRIALS):
        lines = run_and_kill(restores, rng.uniform(0.0, 0.4))
        restored += len(lines)
        found = names(path)
        assert found in (contents["a"], contents["b"]), sorted(found)
        # With two backups taking turns, the last confirmed one and the one cut off are
        # exactly "a" and "b": what matters is that the vault is one of them, whole.
        current = "a" if found == contents["a"] else "b"
    assert restored >= TRIALS // 2
