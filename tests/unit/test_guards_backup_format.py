"""The backup container's reading rules at their edges (docs/backup-format.md): headers
forged with a matching checksum, sizes and versions on either side of a limit, files cut
off inside the prefix, and a database read in pieces, never whole (issue 19: against
mutants that survived the older tests).
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import DamagedBackupError, NotABackupError
from coachdesk.vault.restore import restore
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST

ANNA = "Anna hütet den Tresor 2026!"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("format")
    vault, _code = Vault.create(folder / "vault", ANNA, kdf=FAST)
    with vault:
        Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("Ana", "Ruiz"))
        return backup(vault, folder / "one.cdbackup").path


def forged(
    original: Path,
    target: Path,
    edit: Callable[[dict[str, Any]], None] = lambda _h: None,
    *,
    version: int = 1,
    db: bytes | None = None,
    pad: int = 0,
) -> None:
    """``original`` with its header edited (``pad`` spaces added to the JSON), and every
    checksum made to match: only the reading rules can refuse it."""
    data = original.read_bytes()
    (length,) = struct.unpack_from(">I", data, 10)
    header: dict[str, Any] = json.loads(data[14 : 14 + length])
    old = fmt.read_header(original)
    db = data[old.db_offset :] if db is None else db
    header["db_size"], header["db_sha256"] = len(db), hashlib.sha256(db).hexdigest()
    edit(header)
    text = json.dumps(header, sort_keys=True).encode("utf-8") + b" " * pad
    head = struct.pack(">8sHI", fmt.MAGIC, version, len(text)) + text
    target.write_bytes(head + hashlib.sha256(head).digest() + db)


def test_a_forged_header_naming_another_format_is_damaged(made: Path, tmp_path: Path) -> None:
    target = tmp_path / "other.cdbackup"
    forged(made, target)
    assert fmt.check_file(target).db_size > 0  # the forgery itself reads
    forged(made, target, lambda h: h.update(format="someone-elses-backup"))
    with pytest.raises(DamagedBackupError):
        fmt.read_header(target)


def test_container_version_zero_is_damaged_even_with_a_matching_checksum(
    made: Path, tmp_path: Path
) -> None:
    target = tmp_path / "zero.cdbackup"
    forged(made, target, version=0)
    with pytest.raises(DamagedBackupError):
        fmt.read_header(target)


@pytest.mark.parametrize("as_type", [str, float, lambda n: [n]])
def test_a_database_size_that_is_no_whole_number_is_damaged_not_a_crash(
    made: Path, tmp_path: Path, as_type: Callable[[int], object]
) -> None:
    """The right size, written as text or 1.0e6: a crafted file is refused as damaged."""
    target = tmp_path / "size.cdbackup"
    forged(made, target, lambda h: h.update(db_size=as_type(h["db_size"])))
    with pytest.raises(DamagedBackupError):
        fmt.check_file(target)


def test_a_backup_without_a_database_is_damaged(made: Path, tmp_path: Path) -> None:
    target = tmp_path / "empty.cdbackup"
    forged(made, target, db=b"")  # size 0, the SHA-256 of nothing: every checksum matches
    with pytest.raises(DamagedBackupError):
        fmt.check_file(target)


def test_a_header_of_exactly_one_mib_reads_and_one_byte_more_is_damaged(
    made: Path, tmp_path: Path
) -> None:
    """docs/backup-format.md: the header length is at most 1 MiB."""
    data = made.read_bytes()
    (length,) = struct.unpack_from(">I", data, 10)
    target = tmp_path / "big.cdbackup"
    forged(made, target, pad=fmt.MAX_HEADER - length)
    assert struct.unpack_from(">I", target.read_bytes(), 10) == (fmt.MAX_HEADER,)
    assert fmt.check_file(target).db_sha256 == fmt.read_header(made).db_sha256
    forged(made, target, pad=fmt.MAX_HEADER - length + 1)
    with pytest.raises(DamagedBackupError):
        fmt.read_header(target)


def test_a_backup_cut_off_in_its_first_bytes(made: Path, tmp_path: Path) -> None:
    """Cut after the 14 bytes of magic, version and length: a damaged backup. Cut inside
    them: too short to be a backup at all (never a crash)."""
    data = made.read_bytes()
    cut = tmp_path / "cut.cdbackup"
    cut.write_bytes(data[:14])
    with pytest.raises(DamagedBackupError):
        fmt.read_header(cut)
    for end in (0, 8, 10, 13):
        cut.write_bytes(data[:end])
        with pytest.raises(NotABackupError):
            fmt.read_header(cut)


def test_the_database_is_copied_and_checked_in_pieces_never_held_whole(tmp_path: Path) -> None:
    """A vault of a few GB on a laptop with little memory: making, checking and restoring
    a backup holds at most a few of its 1 MiB pieces in memory at a time."""
    vault, _code = Vault.create(tmp_path / "vault", ANNA, kdf=FAST)
    with vault:
        with vault.engine.begin() as conn:  # 12 MiB of pages that do not compress
            conn.exec_driver_sql("CREATE TABLE ballast (x BLOB)")
            for _ in range(12):
                conn.exec_driver_sql(f"INSERT INTO ballast VALUES (randomblob({MIB}))")
        peaks = {}
        tracemalloc.start()
        try:
            path = backup(vault, tmp_path / "big.cdbackup").path
            peaks["backup"] = tracemalloc.get_traced_memory()[1]
            for step, run in {
                "header": lambda: fmt.read_header(path),
                "check": lambda: fmt.check_file(path),
                "extract": lambda: fmt.extract_database(
                    path, fmt.read_header(path), tmp_path / "out.db"
                ),
            }.items():
                tracemalloc.reset_peak()
                run()
                peaks[step] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert fmt.read_header(path).db_size > 12 * MIB
    assert {step: peak < 5 * MIB for step, peak in peaks.items()} == dict.fromkeys(peaks, True)
    assert verify_backup(path, ANNA).counts["participant"] == 0


def test_a_restored_database_is_the_owners_only(made: Path, tmp_path: Path) -> None:
    """The restored vault.db (encrypted, but hers) is readable by its owner alone, as the
    vault made by CoachDesk is, whatever the umask."""
    restore(made, tmp_path / "restored", ANNA)
    assert stat.S_IMODE((tmp_path / "restored" / "vault.db").stat().st_mode) == 0o600
