"""What an independent review found after the first round of hard-fault work, one test each:
a key file gone missing must not let `init` replace the database; a disk that fills while a
vault is made leaves no half vault; another vault's key file beside a good copy; a database
cut inside a page; a read-only database; a device or a pipe as the place to save; a restore
into another vault's folder; a lock taken on a file that was just removed; key files that are
crafted to cost minutes or memory; a passphrase typed in decomposed Unicode."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault import lockfile
from coachdesk.vault.backup import backup
from coachdesk.vault.errors import (
    DamagedVaultError,
    StorageError,
    VaultError,
    VaultExistsError,
    VaultReadOnlyError,
)
from coachdesk.vault.output_paths import OutputPathError, check_output_paths
from coachdesk.vault.restore import restore
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST
from tests.conftest import PASSPHRASE
from tests.unit.child import NOBODY, in_child


def new_vault(path: Path, passphrase: str = PASSPHRASE) -> Path:
    vault, _code = Vault.create(path, passphrase, kdf=FAST)
    with vault:
        Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("Ana", "Ruiz"))
    return path


def test_init_never_replaces_a_database_whose_key_file_is_missing(tmp_path: Path) -> None:
    path = new_vault(tmp_path / "vault")
    (path / "keyslots.json").rename(tmp_path / "moved-keyslots.json")
    (path / "keyslots.json.bak").unlink()
    before = (path / "vault.db").read_bytes()
    with pytest.raises(VaultExistsError) as caught:
        Vault.create(path, PASSPHRASE, kdf=FAST)
    assert "not its key file" in str(caught.value)
    assert (path / "vault.db").read_bytes() == before
    (tmp_path / "moved-keyslots.json").rename(path / "keyslots.json")  # put back: it opens
    Vault.open(path, PASSPHRASE).lock()


def test_a_disk_filling_while_a_vault_is_made_leaves_no_half_vault(tmp_path: Path) -> None:
    path = tmp_path / "vault"

    def work() -> dict[str, object]:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, resource.RLIM_INFINITY))
        try:
            Vault.create(path, PASSPHRASE, kdf=FAST)
        except StorageError as exc:
            return {"error": str(exc)}
        return {"error": None}

    report = in_child(work)
    assert report.get("error") == "Not saved: the disk is full. Free some space and save again."
    assert sorted(p.name for p in path.iterdir()) == []  # and `init` may simply run again
    Vault.create(path, PASSPHRASE, kdf=FAST)[0].lock()


def test_another_vaults_key_file_beside_a_good_copy_is_repaired(tmp_path: Path) -> None:
    ours, theirs = new_vault(tmp_path / "ours"), new_vault(tmp_path / "theirs")
    good = (ours / "keyslots.json").read_bytes()
    shutil.copy(theirs / "keyslots.json", ours / "keyslots.json")  # same passphrase
    with Vault.open(ours, PASSPHRASE) as vault:
        assert any("repaired the file" in m.render() for m in vault.notices)
    assert (ours / "keyslots.json").read_bytes() == good


def test_a_database_cut_inside_its_last_page_is_damaged(tmp_path: Path) -> None:
    path = new_vault(tmp_path / "vault")
    db = path / "vault.db"
    db.write_bytes(db.read_bytes()[:-1])
    with pytest.raises(DamagedVaultError):
        Vault.open(path, PASSPHRASE)


def test_a_read_only_database_is_said_at_opening(tmp_path: Path) -> None:
    shared = Path(tempfile.mkdtemp(prefix="coachdesk-rodb-"))
    shared.chmod(0o755)
    try:
        path = new_vault(shared / "vault")
        for p in [path, *path.iterdir()]:
            os.chown(p, NOBODY, NOBODY) if os.geteuid() == 0 else None
        (path / "vault.db").chmod(0o444)

        def work() -> dict[str, object]:
            try:
                Vault.open(path, PASSPHRASE).lock()
            except VaultError as exc:
                return {"error": type(exc).__name__}
            return {"error": None}

        report = in_child(work, as_nobody=os.geteuid() == 0)
        assert report == {"error": VaultReadOnlyError.__name__}
        assert not (path / "vault.db-wal").exists()
    finally:
        shutil.rmtree(shared)


def test_a_pipe_or_a_device_is_never_a_place_to_save(tmp_path: Path) -> None:
    pipe = tmp_path / "certificate.pem"
    os.mkfifo(pipe)
    for target in (pipe, Path("/dev/full")):
        with pytest.raises(OutputPathError, match="not an ordinary file"):
            check_output_paths([target])
    assert Path("/dev/full").is_char_device()


def test_no_restore_into_another_vaults_folder(tmp_path: Path) -> None:
    path = new_vault(tmp_path / "vault")
    with Vault.open(path, PASSPHRASE) as vault:
        made = backup(vault, tmp_path / "b.cdbackup")
    for inside in (path / "sub", tmp_path / "vault-backups" / "v"):
        with pytest.raises(OutputPathError):
            restore(made.path, inside, PASSPHRASE)
        assert not inside.exists()


def test_a_lock_on_a_file_removed_meanwhile_is_taken_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another CoachDesk let go (and removed vault.lock) between this one's open and lock."""
    path = tmp_path / "vault.lock"
    real_lock = lockfile._lock
    raced: list[bool] = []

    def lock_after_the_other_let_go(fh):  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(True)
            path.unlink()
            path.write_text("")  # a third one's new file under the name
        real_lock(fh)

    monkeypatch.setattr(lockfile, "_lock", lock_after_the_other_let_go)
    lock = lockfile.VaultLock(path)
    lock.acquire()
    try:
        assert raced and lockfile._still_named(lock._fh, path)  # type: ignore[arg-type]
    finally:
        lock.release()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d | {"version": 0},
        lambda d: d | {"slots": d["slots"] * 5},  # ten slots: minutes of Argon2
        lambda d: d | {"padding": "x" * 70_000},  # a file no vault writes
    ],
    ids=["version-0", "ten-slots", "oversized"],
)
def test_crafted_key_files_are_damage(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = new_vault(tmp_path / "vault")
    (path / "keyslots.json.bak").unlink()
    data = json.loads((path / "keyslots.json").read_text(encoding="utf-8"))
    (path / "keyslots.json").write_text(json.dumps(change(data)), encoding="utf-8")
    with pytest.raises(DamagedVaultError):
        Vault.open(path, PASSPHRASE)


def test_a_passphrase_typed_in_decomposed_unicode_opens(tmp_path: Path) -> None:
    path = new_vault(tmp_path / "vault")  # "Müttercafé": ü and é
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    Vault.open(path, decomposed).lock()


def test_a_key_file_without_checksums_is_not_copied_over_the_checked_copy(
    tmp_path: Path,
) -> None:
    path = new_vault(tmp_path / "vault")
    copy = (path / "keyslots.json.bak").read_bytes()
    data = json.loads((path / "keyslots.json").read_text(encoding="utf-8"))
    for slot in data["slots"]:
        slot["cieck"] = slot.pop("check")  # one flipped byte renames the field
    (path / "keyslots.json").write_text(json.dumps(data), encoding="utf-8")
    Vault.open(path, PASSPHRASE).lock()
    assert (path / "keyslots.json.bak").read_bytes() == copy


def test_the_command_line_prints_no_library_warning() -> None:
    code = "import coachdesk.cli.main, pyhanko.sign.signers.pdf_cms"
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""


def test_repairing_never_loses_the_only_good_slot_of_a_kind(tmp_path: Path) -> None:
    """The passphrase slot damaged in the key file, the recovery slot in its copy: after
    opening (and repairing) with either secret, both secrets still open the vault."""
    vault, code = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST)
    vault.lock()
    path = tmp_path / "vault"

    def spoil(name: str, kind: str) -> None:
        data = json.loads((path / name).read_text(encoding="utf-8"))
        slot = next(s for s in data["slots"] if s["kind"] == kind)
        wrapped = slot["wrapped_key"]
        slot["wrapped_key"] = ("A" if wrapped[5] != "A" else "B").join((wrapped[:5], wrapped[6:]))
        (path / name).write_text(json.dumps(data), encoding="utf-8")

    spoil("keyslots.json", "passphrase")
    spoil("keyslots.json.bak", "recovery")
    Vault.open(path, PASSPHRASE).lock()  # through the copy; the key file is repaired
    Vault.open_with_recovery_code(path, code).lock()
    Vault.open(path, PASSPHRASE).lock()


def test_a_backup_never_replaces_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    path = new_vault(tmp_path / "vault")
    notes = tmp_path / "notes.txt"
    notes.write_text("Termine mit dem Jobcenter", encoding="utf-8")
    with Vault.open(path, PASSPHRASE) as vault:
        with pytest.raises(StorageError, match="not a backup"):
            backup(vault, notes)
        first = backup(vault, tmp_path / "mine.cdbackup")
        backup(vault, first.path)  # an older backup of that name may be replaced
    assert notes.read_text(encoding="utf-8") == "Termine mit dem Jobcenter"


def test_a_folder_where_the_database_belongs_is_damage_not_in_use(tmp_path: Path) -> None:
    path = new_vault(tmp_path / "vault")
    (path / "vault.db").unlink()
    (path / "vault.db").mkdir()
    with pytest.raises(DamagedVaultError):
        Vault.open(path, PASSPHRASE)


def test_a_backup_to_a_missing_folder_and_back_up_again_is_the_folder(tmp_path: Path) -> None:
    """ "sub/.." names the folder itself, whether "sub" exists or not (hypothesis found the
    backup failing the first time and working the second, after it had made "sub")."""
    path = new_vault(tmp_path / "vault")
    out = tmp_path / "out"
    out.mkdir()
    with Vault.open(path, PASSPHRASE) as vault:
        made = backup(vault, out / "sub" / "..")
    assert made.path.parent == out and not (out / "sub").exists()
