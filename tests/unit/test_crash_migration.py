"""kill -9 during a schema upgrade: the vault opens afterwards, old data intact and searchable.

Same harness as test_crash_safety (forked child, SIGKILL after a random delay).
The old vault uses Argon2id at its minimum through the public ``kdf=`` parameter,
because each trial opens it twice and the key derivation is not under test.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from coachdesk.services.search import participant_ids_matching
from coachdesk.vault.store import PRE_MIGRATION_DIR, Vault, head_revision
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.unit.test_crash_safety import Emit, run_and_kill
from tests.unit.test_migrations import OLD_ROWS, VaultOfSchema0001

pytestmark = pytest.mark.slow

TRIALS = 15


@pytest.fixture(scope="module")
def old_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A vault at schema 0001 with rows, and how long its upgrade takes."""
    path = tmp_path_factory.mktemp("old") / "vault"
    old, _code = VaultOfSchema0001.create(path, PASSPHRASE, kdf=FAST_KDF)
    with old.engine.begin() as conn:
        for statement in OLD_ROWS:
            conn.execute(text(statement))
    old.lock()
    probe = path.parent / "probe"
    shutil.copytree(path, probe)
    started = time.monotonic()
    Vault.open(probe, PASSPHRASE).lock()
    return path, time.monotonic() - started


def test_kill_during_migration(old_vault: tuple[Path, float], tmp_path: Path) -> None:
    source, upgrade_time = old_vault
    rng = random.Random(5)
    finished = 0
    for trial in range(TRIALS):
        path = tmp_path / f"t{trial}"
        shutil.copytree(source, path)

        def upgrade(emit: Emit, path: Path = path) -> None:
            Vault.open(path, PASSPHRASE)
            emit("upgraded")

        # The last trial lets the upgrade finish even on a loaded machine (a forked child can be
        # much slower than the probe), so both outcomes are always exercised.
        delay = (
            rng.uniform(0.0, upgrade_time * 1.3) if trial < TRIALS - 1 else upgrade_time * 20 + 2
        )
        finished += len(run_and_kill(upgrade, delay))
        with Vault.open(path, PASSPHRASE) as vault:
            assert vault.schema_revision() == head_revision()
            assert vault.integrity_check().ok
            with vault.sessions() as s:
                names = s.execute(text("SELECT first_name FROM participant ORDER BY id"))
                assert [r[0] for r in names] == ["Ayşe", "Olena"]
                assert participant_ids_matching(s, "integrationskurs") == [2]
        for copy in (path / PRE_MIGRATION_DIR).iterdir():
            if copy.name.endswith(".partial"):
                continue  # cut off by the kill; never taken for a good copy
            with Vault.open(copy, PASSPHRASE, migrate=False) as before:
                assert before.schema_revision() == "0001"
    assert 0 < finished < TRIALS, "some kills must fall before, some after the upgrade"
