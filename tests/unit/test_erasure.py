"""Erasure leaves no trace of the person: not in any decrypted page, the WAL, the index or the log.

Every byte of the vault's files is encrypted, so looking for her words in the raw
files alone proves little. This test also decrypts every page of the database
(SQLCipher 4: AES-256-CBC per 4096-byte page, IV and HMAC in the last 80 bytes)
and searches the plaintext, free pages and unused cell space included.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select, text

from coachdesk.models import AuditEntry, Base
from coachdesk.services import audit
from coachdesk.services.search import participant_ids_matching
from coachdesk.vault.store import Vault
from tests.conftest import TODAY
from tests.unit.test_privacy_markers import files_under, insert_one_row_per_table, leaks

PAGE = 4096
RESERVE = 80


def plaintext_pages(db: Path, key: bytes) -> bytes:
    data = db.read_bytes()
    assert len(data) % PAGE == 0
    out = []
    for n in range(len(data) // PAGE):
        page = data[n * PAGE : (n + 1) * PAGE]
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        body = page[16 if n == 0 else 0 : PAGE - RESERVE]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decryptor.update(body) + decryptor.finalize())
    return b"".join(out)


def tables_about_a_participant() -> set[str]:
    hers = {"participant"}
    grown = True
    while grown:
        before = len(hers)
        for table in Base.metadata.sorted_tables:
            if any(fk.column.table.name in hers for fk in table.foreign_keys):
                hers.add(table.name)
        grown = len(hers) > before
    return hers


def test_erased_person_leaves_no_trace(vault: Vault, services) -> None:  # type: ignore[no-untyped-def]
    hers: dict[str, str] = {}
    others: dict[str, str] = {}
    with vault.engine.begin() as conn:
        her_ids = insert_one_row_per_table(conn, hers)
        other_ids = insert_one_row_per_table(conn, others)
        conn.execute(
            text("UPDATE participant SET retention_until = '2026-01-31' WHERE id = :id"),
            {"id": her_ids["participant"]},
        )
    her = her_ids["participant"]
    for markers in (hers, others):  # a paper's checksum is its content's, not a marker
        markers.pop("attachment_content.sha256")
    with vault.engine.begin() as conn:
        for content_id, data in conn.exec_driver_sql(
            "SELECT content_id, data FROM attachment_chunk"
        ).all():
            conn.exec_driver_sql(
                "UPDATE attachment_content SET sha256 = ?, size = ? WHERE id = ?",
                (hashlib.sha256(data).hexdigest(), len(data), content_id),
            )
    services.drafts.save(f"participant-file:{her}", {"note": "zqmarkdraftofher01"})
    with services.ctx.write() as s:
        audit.record(s, services.ctx, "export", "participant", her, her, {"doc": "handover"})
    retention = services.retention
    assert [d.participant_id for d in retention.due_for_erasure(TODAY)] == [her]

    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = plaintext_pages(vault.db_path, bytes(vault.data_key()))
    about_her = tables_about_a_participant()
    assert {"goal", "meeting", "consent", "export_record", "agreement"} <= about_her
    her_markers = [m for key, m in hers.items() if key.split(".")[0] in about_her]
    her_markers.append("zqmarkdraftofher01")
    # Her paper's bytes reach her only through the paper: they go when it goes.
    her_markers += [hers["attachment_chunk.data"], hers["attachment_content.media_type"]]
    assert all(m.encode() in before for m in her_markers), "the scan must see her data first"

    erasure = retention.erase(her)

    wal = vault.path / "vault.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    after = plaintext_pages(vault.db_path, bytes(vault.data_key()))
    assert [m for m in her_markers if m.encode() in after] == []
    assert all(m.encode() in after for m in others.values()), "other people are intact"
    assert leaks(files_under(vault.path), her_markers) == []

    with vault.sessions() as s:
        assert participant_ids_matching(s, hers["participant.first_name"]) == []
        assert participant_ids_matching(s, others["participant.first_name"]) == [
            other_ids["participant"]
        ]
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert all(e.participant_id != her for e in entries)
        assert not any(e.entity == "participant" and e.entity_id == her for e in entries)
        last = entries[-1]
        assert (last.action, last.participant_id, last.entity_id) == ("erasure", None, None)
        assert json.loads(last.details) == {"id": erasure.pseudonymous_id}
    assert services.drafts.load(f"participant-file:{her}") is None
    assert retention.due_for_erasure(TODAY) == []
    assert vault.integrity_check().ok
