"""Her whole file (GDPR Art. 15/20): every record kind, her markers only, the coach's choice
about internal notes in the file and in the audit log, the register entry, the signature."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coachdesk.documents.signing import verify
from coachdesk.export.access_request import ACCESS_REQUEST, AccessRequest, Notes
from coachdesk.export.access_service import AccessResult, AccessService
from coachdesk.facade import Services
from coachdesk.models import AuditEntry, ExportRecord
from coachdesk.services.errors import ValidationError
from coachdesk.vault.output_paths import OutputPathError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.access_support import Built, full_file


@dataclass
class Two:
    services: Services
    vault: Vault
    her: Built
    other: Built


@pytest.fixture(scope="module")
def two_files(template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A vault with two women's full files, made once through the services."""
    path = tmp_path_factory.mktemp("access") / "vault"
    shutil.copytree(template_vault[0], path)
    vault = Vault.open(path, PASSPHRASE)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY, vault=vault)
    her = full_file(services, "Zqa", "Fatima", "Yılmaz")
    other = full_file(services, "Zqb", "Amal", "Haddad")
    vault.lock()
    return path, her, other


@pytest.fixture
def files(two_files: Any, tmp_path: Path) -> Iterator[Two]:
    source, her, other = two_files
    path = tmp_path / "vault"
    shutil.copytree(source, path)
    vault = Vault.open(path, PASSPHRASE)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY, vault=vault)
    yield Two(services, vault, her, other)
    vault.lock()


def export(two: Two, folder: Path, notes: Notes | None, **kw: Any) -> AccessResult:
    folder.mkdir(exist_ok=True)
    request = AccessRequest(participant_id=two.her.participant_id, notes=notes, **kw)
    return AccessService(two.services.ctx).export_to(folder, request)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def every_byte(result: AccessResult) -> bytes:
    """The three files, the archive's members unpacked (they are compressed inside it)."""
    data = result.pdf.read_bytes() + result.json.read_bytes()
    if result.papers is not None:
        with zipfile.ZipFile(result.papers) as archive:
            data += b"".join(archive.read(n) for n in archive.namelist())
    return data


def test_the_json_file_holds_every_record_kind_and_every_marker(files: Two, tmp_path: Path) -> None:
    result = export(files, tmp_path / "out", Notes.INCLUDE)
    data = json.loads(result.json.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("coachdesk.access", 1)
    kinds = ["goals", "meetings", "enrolments", "consents", "handovers", "aftercare", "papers"]
    kinds += ["plan_versions", "exports", "audit_log"]
    for kind in kinds:
        assert data[kind], f"no {kind} in her file"
    goal, meeting = data["goals"][0], data["meetings"][0]
    assert goal["milestones"] and meeting["agreements"] and meeting["attendees"]
    assert data["enrolments"][0]["attendance"]
    assert data["consents"][0]["scans"] == [data["papers"][0]["id"]]
    assert any(e["acknowledgement"] for e in data["exports"])
    assert {e["document_type"]["code"] for e in data["exports"]} >= {"my_plan", "interim_feedback"}
    # Enums are a stable code with a label, dates ISO 8601.
    assert data["participant"]["status"] == {"code": "active", "label": "Aktiv"}
    assert data["participant"]["date_of_birth"] == "1990-05-17"
    assert meeting["held_at"] == "2026-02-10T10:00:00"  # her wall-clock time, as entered
    assert data["made"]["at"].endswith("Z")
    text = result.json.read_text(encoding="utf-8")
    for place, marker in files.her.markers.items():
        assert marker in text, place


def test_no_marker_of_another_woman_reaches_any_of_the_files(files: Two, tmp_path: Path) -> None:
    result = export(files, tmp_path / "out", Notes.INCLUDE)
    everything = every_byte(result) + pdf_text(result.pdf).encode()
    for place, marker in files.other.markers.items():
        assert marker.encode() not in everything, place
    assert b"Zqbpaperbytes" not in everything and b"Zqbphotobytes" not in everything
    assert b"Zqapaperbytes" in everything and b"Zqaphotobytes" in everything
    assert b"Haddad" not in everything


def test_the_pdf_is_signed_and_shows_her_data(files: Two, tmp_path: Path) -> None:
    result = export(files, tmp_path / "out", Notes.INCLUDE)
    checked = verify(result.pdf)
    assert checked.intact and not checked.modified
    sig = subprocess.run(["pdfsig", str(result.pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    text = " ".join(pdf_text(result.pdf).split())
    assert "Fatima" in text and "Yılmaz" in text
    for place in ("goal.title", "meeting.shared_summary", "handover.recommendation"):
        assert files.her.markers[place] in text, place
    assert files.her.markers["participant.internal_notes"] in text
    # Her ESF Plus answers are hers too, the special categories with the rest.
    assert "ESF Plus: Fragen beim Eintritt" in text
    assert "Gehört einer Minderheit an Ja" in text
    assert "Lebt mit einer Behinderung Keine Angabe" in text
    assert "ESF Plus: Fragen sechs Monate nach dem Austritt" in text
    # The PDF names the two other files with their SHA-256: its signature vouches for them.
    assert result.json_sha256 == hashlib.sha256(result.json.read_bytes()).hexdigest()
    assert result.papers is not None and result.papers_sha256 is not None
    assert result.json_sha256 in text.replace(" ", "") and result.papers_sha256 in text.replace(
        " ", ""
    )


def test_withheld_notes_are_in_no_file_and_the_choice_is_audited(
    files: Two, tmp_path: Path
) -> None:
    result = export(files, tmp_path / "out", Notes.WITHHOLD)
    everything = every_byte(result) + pdf_text(result.pdf).encode()
    for marker in files.her.notes:
        assert marker.encode() not in everything
    for marker in files.her.shared:
        assert marker in result.json.read_text(encoding="utf-8")
    data = json.loads(result.json.read_text(encoding="utf-8"))
    assert data["made"]["internal_notes"]["code"] == "withheld"
    assert "internal_notes" not in data["participant"]
    with files.services.ctx.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == result.record_id)).one()
        details = json.loads(entry.details)
        assert (entry.action, entry.participant_id) == ("export", files.her.participant_id)
    assert details["internal_notes"] == "withheld"
    assert details["document_type"] == ACCESS_REQUEST
    assert details["json_sha256"] == result.json_sha256


def test_the_export_is_in_her_register_with_its_papers(files: Two, tmp_path: Path) -> None:
    result = export(files, tmp_path / "out", Notes.INCLUDE, article="gdpr_art_20", lang="en")
    history = files.services.exports.history(files.her.participant_id)
    row = next(r for r in history if r.id == result.record_id)
    assert row.document_type == ACCESS_REQUEST
    assert row.sha256 == result.pdf_sha256 == hashlib.sha256(result.pdf.read_bytes()).hexdigest()
    data = json.loads(result.json.read_text(encoding="utf-8"))
    assert {(e.attachment_id, e.sha256) for e in row.enclosures} == {
        (p["id"], p["sha256"]) for p in data["papers"]
    }
    assert result.papers is not None
    with zipfile.ZipFile(result.papers) as archive:
        for paper in data["papers"]:
            content = archive.read(paper["file"])
            assert hashlib.sha256(content).hexdigest() == paper["sha256"]
            assert len(content) == paper["size"]
    with files.services.ctx.read() as s:
        details = json.loads(
            s.scalars(select(AuditEntry.details).where(AuditEntry.entity_id == row.id)).one()
        )
    assert (details["internal_notes"], details["request"]) == ("included", "gdpr_art_20")


def test_without_a_choice_about_notes_nothing_is_made(files: Two, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as raised:
        export(files, tmp_path / "out", None)
    assert raised.value.for_field("notes") is not None
    assert list((tmp_path / "out").iterdir()) == []


def test_a_folder_in_the_vault_is_refused_before_anything_is_written(files: Two) -> None:
    before = _registered(files)
    with pytest.raises(OutputPathError):
        export(files, files.vault.path / "inside", Notes.WITHHOLD)
    assert list((files.vault.path / "inside").iterdir()) == []
    assert _registered(files) == before


def test_a_second_export_the_same_day_replaces_nothing(files: Two, tmp_path: Path) -> None:
    first = export(files, tmp_path / "out", Notes.WITHHOLD)
    second = export(files, tmp_path / "out", Notes.WITHHOLD)
    assert first.pdf != second.pdf and first.pdf.exists() and second.pdf.exists()
    assert first.pdf.name.endswith(f"_{files.her.participant_id}.pdf")


def _registered(two: Two) -> int:
    with two.services.ctx.read() as s:
        return len(list(s.scalars(select(ExportRecord.id))))
