"""Opening a vault that cannot be opened: the right diagnosis, nothing changed, nothing held.

A full disk, a read-only folder, an emptied or cut-off database and a damaged page each get
their own message; only real damage sends her to a restore. Whatever fails, the process
lets go of the vault, so the next attempt in the same window works once the cause is gone.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.vault.errors import (
    DamagedVaultError,
    EmptyDatabaseError,
    VaultDiskFullError,
    VaultError,
    VaultReadOnlyError,
)
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.child import NOBODY, in_child

PAGE = 4096


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def attempt(path: Path) -> dict[str, object]:
    try:
        Vault.open(path, PASSPHRASE).lock()
    except VaultError as exc:
        return {"error": type(exc).__name__, "message": str(exc)}
    return {"error": None}


def test_an_emptied_database_is_damage_not_a_new_vault(
    vault_path: Path, recovery_code: str
) -> None:
    (vault_path / "vault.db").write_bytes(b"")
    before = fingerprint(vault_path)
    with pytest.raises(EmptyDatabaseError) as caught:
        Vault.open(vault_path, PASSPHRASE)
    assert isinstance(caught.value, DamagedVaultError)  # the window offers the restore
    with pytest.raises(EmptyDatabaseError):
        Vault.open_with_recovery_code(vault_path, recovery_code)
    assert fingerprint(vault_path) == before  # no schema was created in it
    assert (vault_path / "vault.db").stat().st_size == 0


@pytest.mark.parametrize("pages", [1, 2, 20])
def test_a_cut_off_database_is_damaged(vault_path: Path, pages: int) -> None:
    db = vault_path / "vault.db"
    db.write_bytes(db.read_bytes()[: pages * PAGE])
    before = fingerprint(vault_path)
    with pytest.raises(DamagedVaultError):
        Vault.open(vault_path, PASSPHRASE)
    assert fingerprint(vault_path) == before
    assert attempt(vault_path)["error"] in ("DamagedVaultError", "EmptyDatabaseError")


def test_a_damaged_schema_version_page_offers_the_restore(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE, migrate=False) as vault, vault.engine.connect() as c:
        page = c.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'alembic_version'"
        ).scalar()
    assert isinstance(page, int) and page > 1
    db = vault_path / "vault.db"
    data = bytearray(db.read_bytes())
    data[(page - 1) * PAGE + 200] ^= 0x40
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedVaultError):
        Vault.open(vault_path, PASSPHRASE)


def test_a_read_only_folder_is_not_called_damaged(vault_path: Path) -> None:
    root = os.geteuid() == 0
    if root:  # root writes anywhere: the attempt runs as an ordinary user, in a folder it reaches
        shared = Path(tempfile.mkdtemp(prefix="coachdesk-ro-"))
        shared.chmod(0o755)
        vault_path = Path(shutil.move(vault_path, shared / "vault"))
        for p in [vault_path, *vault_path.iterdir()]:
            os.chown(p, NOBODY, NOBODY)
    before = fingerprint(vault_path)
    vault_path.chmod(0o500)
    try:
        report = in_child(lambda: attempt(vault_path), as_nobody=root)
    finally:
        vault_path.chmod(0o700)
    assert report.get("error") == VaultReadOnlyError.__name__, report
    assert "restore" not in str(report["message"]).lower()
    assert fingerprint(vault_path) == before
    assert attempt(vault_path) == {"error": None}  # writable again: it opens
    if root:
        shutil.rmtree(vault_path.parent)


def test_a_full_disk_at_opening_says_so_and_lets_go_of_the_vault(vault_path: Path) -> None:
    def work() -> dict[str, object]:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
        first = attempt(vault_path)
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
        # Space again: the same process (the same window) opens it, no "already open".
        return {"first": first, "second": attempt(vault_path)}

    report = in_child(work)
    first = report.get("first")
    assert isinstance(first, dict) and first["error"] == VaultDiskFullError.__name__, report
    assert "full" in str(first["message"])
    assert report["second"] == {"error": None}


def test_info_reports_a_flipped_byte_as_a_failed_check(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = vault_path / "vault.db"
    data = bytearray(db.read_bytes())
    with Vault.open(vault_path, PASSPHRASE, migrate=False) as vault, vault.engine.connect() as c:
        used = c.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'participant'"
        ).scalar()
    assert isinstance(used, int)
    data[(used - 1) * PAGE + 300] ^= 0x01
    db.write_bytes(bytes(data))
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    code = main(["info", str(vault_path), "--passphrase-file", str(secret)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Integrity check: FAILED" in out, (out, err)
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("reported", "diagnosis"),
    [
        ("database is locked", "VaultBusyError"),
        ("unable to open database file", "VaultBusyError"),  # Windows: another program has it
        ("database or disk is full", "VaultDiskFullError"),
        ("attempt to write a readonly database", "VaultReadOnlyError"),
        ("file is not a database", "DamagedVaultError"),
        ("database disk image is malformed", "DamagedVaultError"),
        ("disk I/O error", "VaultError"),
    ],
)
def test_what_sqlite_reports_is_told_apart(vault_path: Path, reported: str, diagnosis: str) -> None:
    import sqlcipher3

    from coachdesk.vault.diagnose import diagnose_db_error

    found = diagnose_db_error(sqlcipher3.OperationalError(reported), vault_path)
    assert type(found).__name__ == diagnosis
    if diagnosis != "DamagedVaultError":
        assert "restore" not in str(found).lower()
