"""An export is recorded only if its file was really saved, and a failed save leaves nothing."""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from coachdesk.documents.signing import verify
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models import VaultSetting
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.context import ServiceContext
from coachdesk.vault.errors import DISK_FULL, READ_ONLY, StorageError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.child import in_child
from tests.unit.test_export_support import Seeded, add_consent, ready_to_export, seed


@pytest.fixture
def ready(services) -> tuple[ExportService, Seeded]:  # type: ignore[no-untyped-def]
    return ready_to_export(services)  # type: ignore[no-any-return]


def _export_to(exports: ExportService, seeded: Seeded, path: Path):  # type: ignore[no-untyped-def]
    return exports.export_to(
        path,
        ExportRequest(
            participant_id=seeded.participant_id,
            document="exit_handover",
            organisation_id=seeded.job_centre_id,
            contact_id=None,
            purpose="Exit",
        ),
    )


def _mount_tmpfs(folder: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    cmd = ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)]
    return subprocess.run(cmd, capture_output=True).returncode == 0


@contextmanager
def small_disk(tmp_path: Path, options: str) -> Iterator[Path]:
    """A real file system of its own: tiny, or mounted read-only."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _mount_tmpfs(folder, options):
        pytest.skip("mounting a small file system needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextmanager
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0:  # root may write anywhere: only a read-only mount refuses
        with small_disk(tmp_path, "size=1m,ro") as folder:
            yield folder
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield folder
    finally:
        folder.chmod(stat.S_IRWXU)


def test_export_to_saves_the_signed_file_and_records_it(services, ready, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exports, seeded = ready
    before = len(services.audit.entries())
    folder = tmp_path / "documents"
    folder.mkdir()
    target = folder / "exit_handover.pdf"
    target.write_bytes(b"an older file of that name")
    result = _export_to(exports, seeded, target)
    assert result.path == target
    assert hashlib.sha256(target.read_bytes()).hexdigest() == result.sha256
    assert target.read_bytes() == result.pdf
    assert verify(target).intact
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # personal data: owner only
    assert sorted(p.name for p in folder.iterdir()) == ["exit_handover.pdf"]
    entries = services.audit.entries()
    assert len(entries) == before + 1 and entries[0].details["sha256"] == result.sha256
    assert [h.sha256 for h in exports.history(seeded.participant_id)] == [result.sha256]


def _nothing_recorded(services, exports, seeded, before: int) -> None:  # type: ignore[no-untyped-def]
    assert len(services.audit.entries()) == before
    assert exports.history(seeded.participant_id) == []


def test_read_only_folder_not_saved_and_not_recorded(services, ready, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exports, seeded = ready
    before = len(services.audit.entries())
    with read_only_folder(tmp_path) as folder:
        with pytest.raises(StorageError) as caught:
            _export_to(exports, seeded, folder / "handover.pdf")
        assert caught.value.message.render() == READ_ONLY
        assert list(folder.iterdir()) == []
    _nothing_recorded(services, exports, seeded, before)
    # The same export to a writable place works at once.
    assert _export_to(exports, seeded, tmp_path / "ok.pdf").path == tmp_path / "ok.pdf"


def _export_under_file_size_limit(
    vault_path: Path, seeded: Seeded, target: Path, limit: int, filler: int = 0
) -> dict[str, object]:
    """In a child process whose files may not grow beyond ``limit`` bytes while exporting.

    ``filler`` bytes written to the vault first leave its write-ahead log that long, so
    the export's commit (appended after them) is what the limit refuses.
    """

    def work() -> dict[str, object]:
        report: dict[str, object] = {"error": "", "type": ""}
        vault = Vault.open(vault_path, PASSPHRASE)
        exports = ExportService(Services(vault.sessions).ctx)
        if filler:
            with vault.sessions.begin() as s:
                s.add(VaultSetting(key="filler", value="x" * filler))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        try:
            _export_to(exports, seeded, target)
        except StorageError as exc:
            report = {"error": exc.message.render(), "type": type(exc).__name__}
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
        vault.lock()
        return report

    return in_child(work)


def _prepared(vault_path: Path) -> tuple[Seeded, int]:
    """A participant ready to export (consent, signing identity); the vault left locked."""
    vault = Vault.open(vault_path, PASSPHRASE)
    services = Services(vault.sessions)
    seeded = seed(vault.sessions)
    add_consent(vault.sessions, seeded.participant_id, set(C), organisation_id=seeded.job_centre_id)
    exports = ExportService(ServiceContext(vault.sessions))
    exports.create_identity("Anna Çoban")
    before = len(services.audit.entries())
    vault.lock()
    return seeded, before


def _nothing_recorded_in(vault_path: Path, seeded: Seeded, before: int) -> None:
    with Vault.open(vault_path, PASSPHRASE) as again:
        services = Services(again.sessions)
        _nothing_recorded(services, ExportService(services.ctx), seeded, before)


def test_full_disk_not_saved_no_temp_file_left(vault_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A disk that fills up while the document is written: a real 16 KiB tmpfs where the
    test may mount one (root), else the same failure made by a file-size limit (EFBIG
    instead of ENOSPC: the write stops part-way in both). Never skipped."""
    seeded, before = _prepared(vault_path)
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = _mount_tmpfs(folder, "size=16k")
    try:
        (folder / "older.pdf").write_bytes(b"kept")
        limit = 2**40 if mounted else 8192  # on the tmpfs, the disk itself is the limit
        report = _export_under_file_size_limit(vault_path, seeded, folder / "handover.pdf", limit)
        assert report == {"type": "StorageError", "error": DISK_FULL}
        assert sorted(p.name for p in folder.iterdir()) == ["older.pdf"]
        assert (folder / "older.pdf").read_bytes() == b"kept"
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
    _nothing_recorded_in(vault_path, seeded, before)


def test_file_size_limit_not_saved_and_not_recorded(vault_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seeded, before = _prepared(vault_path)
    folder = tmp_path / "documents"
    folder.mkdir()
    # The document itself cannot be written.
    report = _export_under_file_size_limit(vault_path, seeded, folder / "handover.pdf", 8192)
    assert report == {"type": "StorageError", "error": DISK_FULL}
    assert list(folder.iterdir()) == []
    # The document is written, but its record cannot be committed: the file is taken back.
    report = _export_under_file_size_limit(
        vault_path, seeded, folder / "handover.pdf", 1_000_000, filler=2_000_000
    )
    assert report == {"type": "StorageError", "error": DISK_FULL}
    assert list(folder.iterdir()) == []
    _nothing_recorded_in(vault_path, seeded, before)
