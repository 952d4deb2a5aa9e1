"""What a backup file says about itself, what the vault's own check reports, and how a
refused backup is refused (issue 19: against mutants that survived the older tests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import stat
import struct
from pathlib import Path

import pytest
from PIL import Image

from coachdesk.facade import Services
from coachdesk.models.attachment import CHUNK_SIZE
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachments import AttachmentDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import backup, verify_backup
from coachdesk.vault.errors import BackupTooNewError, DamagedBackupError, NotABackupError
from coachdesk.vault.integrity import IntegrityReport, check_integrity, damaged_contents
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF as FAST
from tests.unit.attachment_files import pdf_bytes

ANNA = "Anna hütet den Tresor 2026!"


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Vault]:
    vault, _code = Vault.create(tmp_path / "vault", ANNA, kdf=FAST)
    Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("Ana", "Ruiz"))
    info = backup(vault, tmp_path / "one.cdbackup")
    return info.path, vault


def test_the_header_tells_what_is_inside_and_the_file_is_the_owners_only(
    made: tuple[Path, Vault],
) -> None:
    path, vault = made
    header = fmt.check_file(path)
    data = path.read_bytes()
    assert data[:8] == b"CDBACKUP"
    assert header.db_offset + header.db_size == len(data)
    assert header.db_sha256 == hashlib.sha256(data[header.db_offset :]).hexdigest()
    assert header.keyslots == (vault.path / "keyslots.json").read_bytes()
    assert abs(header.created_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(
        minutes=5
    )
    assert header.created_at.tzinfo is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data: owner only
    info = verify_backup(path, ANNA)
    assert info.counts["participant"] == 1 and info.schema_revision == header.schema_revision
    vault.lock()


def _with_version(path: Path, target: Path, version: int) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(">H", data, 8, version)
    target.write_bytes(bytes(data))


def test_a_backup_from_a_newer_coachdesk_says_so_and_a_damaged_one_says_damaged(
    made: tuple[Path, Vault], tmp_path: Path
) -> None:
    path, vault = made
    vault.lock()
    newer, zero = tmp_path / "newer.cdbackup", tmp_path / "zero.cdbackup"
    _with_version(path, newer, 2)
    _with_version(path, zero, 0)
    with pytest.raises(BackupTooNewError):
        fmt.read_header(newer)
    with pytest.raises(DamagedBackupError):
        fmt.read_header(zero)
    truncated = tmp_path / "cut.cdbackup"
    truncated.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(DamagedBackupError):
        fmt.read_header(truncated)
    longer = tmp_path / "longer.cdbackup"
    longer.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(DamagedBackupError):
        fmt.read_header(longer)
    for not_one in (tmp_path, tmp_path / "missing.cdbackup", tmp_path / "vault" / "vault.db"):
        with pytest.raises(NotABackupError):
            fmt.read_header(not_one)


@pytest.mark.parametrize(
    "damage",
    [
        "CAST(data || x'00' AS BLOB)",  # one byte more
        "data || x'00'",  # one byte more, and stored as text (SQLite's || makes text)
        "zeroblob(length(data))",  # the same length, other bytes
    ],
)
def test_the_vaults_check_names_a_damaged_paper_by_number_never_its_content(
    made: tuple[Path, Vault], damage: str
) -> None:
    """The report goes into the support file (coachdesk support): never a paper's bytes."""
    _path, vault = made
    assert check_integrity(vault.engine) == IntegrityReport((), (), ())
    services = Services(vault.sessions, actor="Coach")
    pid = services.participants.list()[0].id
    services.attachments.add(
        pid, pdf_bytes("Geheimer Befund"), AttachmentDraft("Attest", DataCategory.HEALTH)
    )
    assert check_integrity(vault.engine).ok
    with vault.engine.begin() as conn:
        (content_id,) = conn.exec_driver_sql("SELECT id FROM attachment_content").one()
        conn.exec_driver_sql(
            f"UPDATE attachment_chunk SET data = {damage} WHERE content_id = ? AND seq = 0",
            (content_id,),
        )
    report = check_integrity(vault.engine)
    assert not report.ok
    assert report.problems == (f"attached file {content_id}: content does not match its SHA-256",)
    assert report.attachment_problems == report.problems
    assert "PDF" not in repr(report) and "Attest" not in repr(report)
    vault.lock()


def test_a_vault_from_before_attachments_has_no_damaged_papers() -> None:
    def execute(sql: str) -> list[tuple[object, ...]]:
        assert "attachment_content" in sql and "sqlite_master" in sql
        return []

    assert damaged_contents(execute) == []


def test_a_wrapped_key_opens_only_for_its_own_vault_slot_and_kind() -> None:
    """The associated data binds vault, slot and kind: a copied or relabelled slot is a
    wrong secret, however right the passphrase (issue 19, item 6)."""
    import dataclasses

    from coachdesk.vault.slot import Slot

    key = bytes(range(32))
    slot = Slot.wrap("vault-a", "passphrase", b"secret", key, FAST)
    assert slot.unwrap("vault-a", b"secret") == key
    assert slot.unwrap("vault-a", b"secreT") is None
    assert slot.unwrap("vault-b", b"secret") is None
    assert dataclasses.replace(slot, id="0" * 32).unwrap("vault-a", b"secret") is None
    assert dataclasses.replace(slot, kind="recovery").unwrap("vault-a", b"secret") is None
    again = Slot.from_json(slot.to_json())
    assert again == slot and again.unwrap("vault-a", b"secret") == key
    other = Slot.wrap("vault-a", "passphrase", b"secret", key, FAST)
    assert (other.id, other.salt, other.nonce) != (
        slot.id,
        slot.salt,
        slot.nonce,
    )  # fresh each time


def test_a_damaged_page_is_named_by_the_cipher_check_and_papers_wait_for_a_sound_file(
    made: tuple[Path, Vault],
) -> None:
    _path, vault = made
    services = Services(vault.sessions, actor="Coach")
    pid = services.participants.list()[0].id
    services.attachments.add(pid, pdf_bytes("Befund"), AttachmentDraft("A", DataCategory.HEALTH))
    with vault.engine.begin() as conn:  # a damaged paper too: not reported while pages are
        conn.exec_driver_sql("UPDATE attachment_chunk SET data = zeroblob(length(data))")
    assert check_integrity(vault.engine).attachment_problems
    with vault.engine.connect() as conn:
        page = conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'search_index_data'"
        ).scalar()
    vault.engine.dispose()  # no page of it left in a cache
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    vault.engine.dispose()
    assert isinstance(page, int) and page > 1
    data = bytearray(vault.db_path.read_bytes())
    data[(page - 1) * 4096 + 1000] ^= 0x20
    vault.db_path.write_bytes(bytes(data))
    report = check_integrity(vault.engine)
    assert not report.ok
    # A page in use cannot be read at all: SQLite's own words go into the support file.
    assert report.cipher_problems == ("database disk image is malformed",)
    assert report.attachment_problems == ()  # a damaged file is not read for papers
    assert report.problems == report.cipher_problems
    vault.lock()


def _flip_last_page(vault: Vault) -> int:
    """Flip one byte of the vault file's last page, with nothing of it left in a cache or
    the WAL; its number."""
    vault.engine.dispose()
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    vault.engine.dispose()
    data = bytearray(vault.db_path.read_bytes())
    data[-4096 + 1000] ^= 0x20
    vault.db_path.write_bytes(bytes(data))
    return len(data) // 4096


def test_a_damaged_free_page_is_named_by_number_and_papers_wait_for_a_sound_file(
    made: tuple[Path, Vault],
) -> None:
    """A page no table uses any more (freed by a deletion) is still checked by its HMAC;
    while one is damaged, papers are not compared with their checksums (issue 19)."""
    _path, vault = made
    services = Services(vault.sessions, actor="Coach")
    pid = services.participants.list()[0].id
    services.attachments.add(pid, pdf_bytes("Befund"), AttachmentDraft("A", DataCategory.HEALTH))
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE attachment_chunk SET data = zeroblob(length(data))")
        conn.exec_driver_sql("CREATE TABLE scratch (x BLOB)")
        for _ in range(20):  # one row a page, at the end of the file
            conn.exec_driver_sql("INSERT INTO scratch VALUES (randomblob(3000))")
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE scratch")  # its pages are free now
    assert check_integrity(vault.engine).attachment_problems
    page = _flip_last_page(vault)
    report = check_integrity(vault.engine)
    assert report.cipher_problems == (f"HMAC verification failed for page {page}",)
    assert report.structure_problems == ()  # no table reads a free page
    assert report.attachment_problems == ()
    assert not report.ok
    vault.lock()


def test_an_intact_paper_of_several_chunks_passes_and_a_damaged_later_chunk_is_found(
    made: tuple[Path, Vault],
) -> None:
    """A scan larger than one chunk (1 MiB) is summed over all its chunks."""
    _path, vault = made
    services = Services(vault.sessions, actor="Coach")
    pid = services.participants.list()[0].id
    noise = random.Random(19).randbytes(3 * 600 * 700)
    buf = io.BytesIO()
    Image.frombytes("RGB", (600, 700), noise).save(buf, "PNG")  # noise: no smaller as PNG
    scan = buf.getvalue()
    assert len(scan) > CHUNK_SIZE
    paper = services.attachments.add(pid, scan, AttachmentDraft("Scan", DataCategory.HEALTH))
    assert check_integrity(vault.engine) == IntegrityReport((), (), ())
    assert services.attachments.damaged() == []
    with vault.engine.begin() as conn:
        (content_id,) = conn.exec_driver_sql("SELECT id FROM attachment_content").one()
        conn.exec_driver_sql(
            "UPDATE attachment_chunk SET data = zeroblob(length(data)) WHERE seq = 1"
        )
    assert check_integrity(vault.engine).attachment_problems == (
        f"attached file {content_id}: content does not match its SHA-256",
    )
    assert services.attachments.damaged() == [paper.id]
    vault.lock()
