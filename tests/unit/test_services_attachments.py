"""Papers in her file through the services: kept once, read back checked, removed, copied out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_store import DamagedAttachmentError
from coachdesk.services.attachments import ATTACHMENT_COPY, AttachmentDraft
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.store import Vault
from tests.conftest import TODAY
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes, png_bytes, tiff_bytes
from tests.unit.test_erasure import plaintext_pages

CERT = AttachmentDraft("B1 certificate", DataCategory.LANGUAGES_QUALIFICATIONS, dt.date(2025, 6, 1))


def _pid(services: Services, first: str = "Olena") -> int:
    return services.participants.create(ParticipantDraft(first, "Kovalenko")).id


def test_a_paper_is_kept_listed_and_read_back_whole(services: Services) -> None:
    pid = _pid(services)
    data = pdf_bytes("Zeugnis Deutsch B1", pages=3)
    seen: list[Changes] = []
    services.subscribe(seen.append)
    record = services.attachments.add(pid, data, CERT, name="zeugnis.pdf")
    assert (record.media_type, record.page_count, record.size) == ("application/pdf", 3, len(data))
    assert record.category is DataCategory.LANGUAGES_QUALIFICATIONS
    assert record.added_by == "Test Coach"
    assert services.attachments.list_for_participant(pid) == [record]
    assert services.attachments.content(record.id) == data
    assert seen == [Changes.of({ChangeKind.ATTACHMENT}, {pid})]
    entry = services.audit.entries(participant_id=pid, action="create")[0]
    assert (entry.entity, entry.entity_id) == ("attachment", record.id)


def test_large_files_are_chunked_and_come_back_identical(services: Services) -> None:
    pid = _pid(services)
    big = jpeg_bytes("x", size=(3000, 2400))  # noise-free, so pad to span chunks
    data = big + b"\0" * (3 * 1024 * 1024)  # trailing bytes after JPEG's end are ignored
    record = services.attachments.add(pid, data, CERT)
    assert services.attachments.content(record.id) == data
    assert services.attachments.totals().size == len(data)


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"", "leer.pdf", "empty"),
        (pdf_bytes("Lebenslauf")[:-300], "lebenslauf.pdf", "damaged or incomplete"),
        (jpeg_bytes()[:400], "foto.jpg", "damaged or incomplete"),
        (jpeg_bytes(), "antrag.pdf", "but it is a JPEG picture, not a PDF document"),
        (b"MZ\x90\x00\x03" + bytes(4000), "foto.jpg", "neither a PDF nor a picture"),
        (b"#!/bin/sh\nrm -rf ~\n", "script.png", "neither a PDF nor a picture"),
    ],
)
def test_bad_files_are_refused_with_a_sentence_and_nothing_is_stored(
    services: Services, data: bytes, name: str, says: str
) -> None:
    pid = _pid(services)
    with pytest.raises(ValidationError) as caught:
        services.attachments.add(pid, data, CERT, name=name)
    assert says in caught.value.message.render("en")
    assert caught.value.message.render("de") != caught.value.message.render("en")
    assert services.attachments.list_for_participant(pid) == []
    assert services.attachments.totals().files == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    services: Services, tmp_path: Path
) -> None:
    pid = _pid(services)
    services.settings.set_attachment_limit_mb(1)
    path = tmp_path / "scan.jpg"
    path.write_bytes(jpeg_bytes() + bytes(2 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        services.attachments.add_file(pid, path, CERT)
    assert "at most 1 MB" in caught.value.message.render("en")
    assert "höchstens 1 MB" in caught.value.message.render("de")
    assert services.attachments.totals().files == 0


def test_the_same_file_is_stored_once_and_not_twice_in_one_file(services: Services) -> None:
    a, b = _pid(services), _pid(services, "Amal")
    data = png_bytes()
    services.attachments.add(a, data, CERT)
    with pytest.raises(ValidationError, match="already in her file"):
        services.attachments.add(a, data, replace(CERT, title="again"))
    services.attachments.add(b, data, CERT)
    totals = services.attachments.totals()
    assert (totals.papers, totals.files) == (2, 1)


def test_links_must_be_records_of_her_own_file(services: Services) -> None:
    a, b = _pid(services), _pid(services, "Amal")
    meeting = services.meetings.create(b, _meeting_draft()).id
    with pytest.raises(ValidationError) as caught:
        services.attachments.add(a, png_bytes(), replace(CERT, meeting_id=meeting))
    assert caught.value.for_field("meeting_id") is not None
    linked = services.attachments.add(b, png_bytes(), replace(CERT, meeting_id=meeting))
    assert linked.meeting_id == meeting


def _meeting_draft():  # type: ignore[no-untyped-def]
    from coachdesk.services.meetings import MeetingDraft

    return MeetingDraft(dt.datetime(2026, 3, 2, 10, 0))


def test_title_required_and_paper_date_not_in_the_future(services: Services) -> None:
    pid = _pid(services)
    with pytest.raises(ValidationError) as caught:
        services.attachments.add(
            pid, png_bytes(), replace(CERT, title="  ", document_date=TODAY + dt.timedelta(1))
        )
    assert {e.field for e in caught.value.errors} == {"title", "document_date"}


def test_rename_and_recategorise_are_audited_by_field_name(services: Services) -> None:
    pid = _pid(services)
    record = services.attachments.add(pid, tiff_bytes(), CERT)
    assert record.media_type == "image/tiff" and record.page_count == 2
    changed = services.attachments.update(
        record.id, replace(record.draft(), title="Aufenthaltstitel", category="residence_status")
    )
    assert changed.category is DataCategory.RESIDENCE_STATUS
    entry = services.audit.entries(participant_id=pid, action="update")[0]
    assert entry.details == {"fields": ["category", "title"]}
    assert "Aufenthaltstitel" not in str(entry.details)


def test_removing_the_last_paper_removes_its_bytes(services: Services, vault: Vault) -> None:
    a, b = _pid(services), _pid(services, "Amal")
    data = png_bytes()
    first = services.attachments.add(a, data, CERT)
    second = services.attachments.add(b, data, CERT)
    services.attachments.remove(first.id)
    assert services.attachments.totals().files == 1  # Amal's paper still uses them
    services.attachments.remove(second.id)
    assert services.attachments.totals() == type(services.attachments.totals())(0, 0, 0)
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM attachment_chunk").scalar() == 0
    assert services.audit.entries(participant_id=b, action="delete")[0].entity == "attachment"
    with pytest.raises(NotFoundError):
        services.attachments.content(second.id)


def test_save_a_copy_is_registered_and_audited(services: Services, tmp_path: Path) -> None:
    pid = _pid(services)
    data = pdf_bytes("Kita-Bestätigung")
    record = services.attachments.add(pid, data, CERT)
    target = services.attachments.save_copy(record.id, tmp_path / "copy.pdf")
    assert target.read_bytes() == data
    (row,) = services.exports.history(pid)
    assert (row.document_type, row.sha256) == (ATTACHMENT_COPY, record.sha256)
    assert services.audit.entries(participant_id=pid, action="export")[0].entity == "attachment"


def test_a_copy_into_the_vault_folder_is_refused(services: Services, vault: Vault) -> None:
    pid = _pid(services)
    record = services.attachments.add(pid, png_bytes(), CERT)
    with pytest.raises(Exception, match="vault"):
        services.attachments.save_copy(record.id, vault.path / "copy.png")
    assert services.exports.history(pid) == []


def test_changed_stored_bytes_are_detected(services: Services, vault: Vault) -> None:
    pid = _pid(services)
    record = services.attachments.add(pid, png_bytes(), CERT)
    with vault.engine.begin() as conn:  # a byte changed behind SQLCipher's page check
        conn.exec_driver_sql(
            "UPDATE attachment_chunk SET data = zeroblob(length(data)) WHERE seq = 0"
        )
    with pytest.raises(DamagedAttachmentError):
        services.attachments.content(record.id)
    assert services.attachments.damaged() == [record.id]


def test_erasure_takes_her_papers_and_their_bytes(services: Services, vault: Vault) -> None:
    pid = _pid(services)
    marker = "MARKER-ERASE-7f3a"
    services.attachments.add(pid, jpeg_bytes(marker), CERT)
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert marker.encode() in plaintext_pages(vault.db_path, bytes(vault.data_key()))
    services.retention.erase(pid)
    assert services.attachments.totals().files == 0
    _assert_no_marker_in_decrypted_pages(vault, marker)


def _assert_no_marker_in_decrypted_pages(vault: Vault, marker: str) -> None:
    """Every page of the decrypted database, free pages included."""
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert marker.encode() not in plaintext_pages(vault.db_path, bytes(vault.data_key()))
