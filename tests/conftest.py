"""Shared fixtures: one real SQLCipher vault is built per test session and copied per test."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Fixtures built before a test's own state folder (module and session scope) never write the
# record of seen vault states into the user's real state folder.
os.environ["COACHDESK_STATE_DIR"] = tempfile.mkdtemp(prefix="coachdesk-test-state-")

from coachdesk import i18n
from coachdesk.vault.keyslots import KdfParams
from coachdesk.vault.store import Vault

PASSPHRASE = "Kaffee im Müttercafé 2026!"
TODAY = dt.date(2026, 3, 16)
BACKGROUND_WAIT_MS = 30_000
COACH = "Test Coach"
ORGANISATION = "Frauen in Arbeit e. V."
# Argon2id at its lowest cost, for tests that make many vaults or key slots of their own.
FAST_KDF = KdfParams(memory_kib=8, iterations=1, lanes=1)


def _template_kdf() -> dict[str, object]:
    """Argon2id as shipped, unless COACHDESK_TEST_KDF=fast: ``make mutation`` runs the tests
    once per mutant, and the shipped cost (about a second per vault made or opened) would
    make that hours. The slot code is the same; only the stored cost is lower."""
    if os.environ.get("COACHDESK_TEST_KDF") != "fast":
        return {}
    return {"kdf": FAST_KDF}


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An empty vault at schema head and its recovery code (built once; Argon2id is slow)."""
    path = tmp_path_factory.mktemp("template") / "vault"
    vault, recovery_code = Vault.create(path, PASSPHRASE, **_template_kdf())
    # Who signs, as first start asks before anything else. Written as plain settings rows so
    # that tests counting audit entries start from an empty log.
    from coachdesk.models import VaultSetting
    from coachdesk.services.settings import COACH_NAME, ORGANISATION_NAME

    with vault.sessions.begin() as s:
        s.add_all(
            [
                VaultSetting(key=COACH_NAME, value=COACH),
                VaultSetting(key=ORGANISATION_NAME, value=ORGANISATION),
            ]
        )
    vault.lock()
    return path, recovery_code


@pytest.fixture
def vault_path(template_vault: tuple[Path, str], tmp_path: Path) -> Path:
    """A fresh copy of the template vault (locked)."""
    target = tmp_path / "vault"
    shutil.copytree(template_vault[0], target)
    return target


@pytest.fixture
def recovery_code(template_vault: tuple[Path, str]) -> str:
    return template_vault[1]


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    """The copied vault, open."""
    v = Vault.open(vault_path, PASSPHRASE)
    yield v
    finish_background_work()  # as the window waits for its reads before it locks
    v.lock()


def finish_background_work() -> None:
    """Let work a test started in Qt's thread pool (a list read, a count, a key) end with
    the test, as the window waits for it before the vault locks: a job finishing during a
    later test would deliver its result to widgets already gone."""
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS)


@pytest.fixture(autouse=True)
def no_work_left_running() -> Iterator[None]:
    """Every test, with or without a vault, leaves no job running behind it."""
    yield
    finish_background_work()


@pytest.fixture
def services(vault: Vault):  # type: ignore[no-untyped-def]
    """All services on the open vault; "today" is fixed at TODAY for repeatable tests."""
    from coachdesk.facade import Services

    return Services(vault.sessions, actor="Test Coach", today=lambda: TODAY, vault=vault)


@pytest.fixture(autouse=True)
def own_state_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test has its own record of seen vault states (vault.rollback), never the user's."""
    monkeypatch.setenv("COACHDESK_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Tests read messages in English unless they switch on purpose."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")
