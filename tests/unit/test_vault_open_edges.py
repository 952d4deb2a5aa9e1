"""Opening a vault, at its edges (issue 19: mutants of vault/store.py that the older tests let
through): opened as the app opens it, an older vault is brought to the current schema, with
the passphrase or the recovery code; a refused open holds no file of the vault open; a
database file the program cannot open is said as the program's doing, not as damage.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from coachdesk.vault.errors import (
    REPAIRED,
    VaultBusyError,
    VaultError,
    VaultReadOnlyError,
    VaultTooNewError,
)
from coachdesk.vault.schema import head_revision, stored_revision
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST
from tests.unit.child import NOBODY, in_child
from tests.unit.test_vault_create_edges import held_open

PASSPHRASE = "Ein langes Passwort fuer den Tresor 2026!"


class VaultOfSchema0010(Vault):
    """A vault as an older release left it: the schema stops at revision 0010."""

    def _migrate(self, *, target: str = "head") -> None:
        super()._migrate(target="0010")


def older_vault(folder: Path) -> str:
    vault, code = VaultOfSchema0010.create(folder, PASSPHRASE, kdf=FAST)
    with vault:
        assert stored_revision(vault.engine) == "0010"
    return code


def test_an_older_vault_opened_with_the_passphrase_is_brought_up_to_date(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    older_vault(folder)
    with Vault.open(folder, PASSPHRASE) as vault:
        assert stored_revision(vault.engine) == head_revision()


def test_an_older_vault_opened_with_the_recovery_code_is_brought_up_to_date(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    code = older_vault(folder)
    with Vault.open_with_recovery_code(folder, code) as vault:
        assert stored_revision(vault.engine) == head_revision()


def test_opened_only_to_be_read_an_older_vault_stays_as_it_was(tmp_path: Path) -> None:
    """`coachdesk verify` opens without migrating: the vault is read, never changed."""
    folder = tmp_path / "vault"
    older_vault(folder)
    with Vault.open(folder, PASSPHRASE, migrate=False) as vault:
        assert stored_revision(vault.engine) == "0010"
    assert not (folder / "pre-migration").exists()


def test_a_vault_of_a_newer_version_is_refused_and_nothing_stays_open(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _code = Vault.create(folder, PASSPHRASE, kdf=FAST)
    with vault, vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(VaultTooNewError):
        Vault.open(folder, PASSPHRASE)
    assert held_open(folder) == []


def test_a_log_file_the_program_cannot_open_is_said_as_in_use_not_damaged(
    tmp_path: Path,
) -> None:
    """A folder where SQLite's write-ahead log belongs (a sync tool's doing): the database
    cannot be opened, which is the files being in another program's hands, not damage."""
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf=FAST)[0].lock()
    (folder / "vault.db-wal").unlink(missing_ok=True)
    (folder / "vault.db-wal").mkdir()
    with pytest.raises(VaultBusyError):
        Vault.open(folder, PASSPHRASE)
    assert held_open(folder) == []
    (folder / "vault.db-wal").rmdir()
    Vault.open(folder, PASSPHRASE).lock()


def test_a_read_only_database_is_refused_for_work_but_opens_for_reading() -> None:
    """A vault on a stick set to read-only: opened for work it would fail at the first save,
    so "Open" says so at once; `coachdesk verify`, which only reads, opens it."""
    shared = Path(tempfile.mkdtemp(prefix="coachdesk-readonly-"))
    try:
        shared.chmod(0o755)
        folder = shared / "vault"
        Vault.create(folder, PASSPHRASE, kdf=FAST)[0].lock()
        if os.geteuid() == 0:
            for p in [folder, *folder.iterdir()]:
                os.chown(p, NOBODY, NOBODY)
        (folder / "vault.db").chmod(0o444)

        def work() -> dict[str, object]:
            said: dict[str, object] = {}
            try:
                Vault.open(folder, PASSPHRASE).lock()
                said["work"] = None
            except VaultError as exc:
                said["work"] = type(exc).__name__
            Vault.open(folder, PASSPHRASE, migrate=False).lock()
            said["read"] = "opened"
            return said

        report = in_child(work, as_nobody=os.geteuid() == 0)
        assert report == {"work": VaultReadOnlyError.__name__, "read": "opened"}
        Vault.open(folder, PASSPHRASE, migrate=False).lock()  # here too, for mutmut to see
    finally:
        shutil.rmtree(shared)


def test_an_older_vault_opened_through_its_checked_copy_is_brought_up_to_date(
    tmp_path: Path,
) -> None:
    """Another vault's key file (same passphrase) was copied over this older vault's: it
    opens with the checked copy kept beside it, and is brought up to date all the same."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    older_vault(ours)
    Vault.create(theirs, PASSPHRASE, kdf=FAST)[0].lock()
    shutil.copyfile(theirs / "keyslots.json", ours / "keyslots.json")
    with Vault.open(ours, PASSPHRASE) as vault:
        assert stored_revision(vault.engine) == head_revision()
        assert [m.msgid for m in vault.notices] == [REPAIRED]
