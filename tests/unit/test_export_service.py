"""The export service on a real vault: signed bytes, one audit entry, history, identities."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from coachdesk.documents.signing import create_identity, verify
from coachdesk.export.facts import WithheldReason
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.errors import ValidationError
from tests.conftest import TODAY
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import MARKERS, add_consent, seed


@pytest.fixture
def exports(services) -> ExportService:  # type: ignore[no-untyped-def]
    services.settings.set_coach_name("Anna Çoban")
    return ExportService(services.ctx)


def test_export_needs_a_signing_identity(services, exports) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(services.ctx.sessions)
    with pytest.raises(ValidationError, match="signing certificate"):
        exports.export(
            ExportRequest(
                participant_id=seeded.participant_id,
                document="exit_handover",
                organisation_id=seeded.job_centre_id,
                contact_id=None,
            )
        )


def test_export_writes_one_audit_entry_with_the_files_sha256(services, exports, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(services.ctx.sessions)
    cid = add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
    )
    info = exports.create_identity()
    assert info.subject_name == "Anna Çoban"
    before = len(services.audit.entries())
    result = exports.export(
        ExportRequest(
            participant_id=seeded.participant_id,
            document="exit_handover",
            organisation_id=seeded.job_centre_id,
            contact_id=seeded.officer_id,
            purpose="Exit",
        )
    )
    path = tmp_path / "out.pdf"
    path.write_bytes(result.pdf)
    entries = services.audit.entries()
    assert len(entries) == before + 1
    entry = entries[0]
    assert entry.action == "export" and entry.participant_id == seeded.participant_id
    assert entry.details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert entry.details["categories"] == ["goals_progress", "identity_contact"]
    assert entry.details["consent_ids"] == [cid]
    assert entry.actor == "Anna Çoban"
    # Never the document's content.
    assert "Gpmkgoal" not in repr(entry.details) and "Fatima" not in repr(entry.details)
    history = exports.history(seeded.participant_id)
    assert [h.sha256 for h in history] == [result.sha256]
    assert history[0].recipient_name == "Jobcenter Musterstadt – Petra Schulz"
    assert set(history[0].categories) == {C.IDENTITY_CONTACT, C.GOALS_PROGRESS}
    assert verify(path).intact


def test_withdrawing_a_consent_removes_its_categories_from_the_next_export(
    services, exports
) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(services.ctx.sessions)
    pid, jc = seeded.participant_id, seeded.job_centre_id
    add_consent(services.ctx.sessions, pid, {C.IDENTITY_CONTACT}, organisation_id=jc)
    health = add_consent(services.ctx.sessions, pid, {C.HEALTH}, organisation_id=jc)
    exports.create_identity()
    first = exports.preview(
        ExportRequest(
            participant_id=pid,
            document="exit_handover",
            organisation_id=jc,
            contact_id=None,
            purpose="Exit",
        )
    )
    assert C.HEALTH in first.included_categories
    services.consents.withdraw(health, TODAY)
    second = exports.preview(
        ExportRequest(
            participant_id=pid,
            document="exit_handover",
            organisation_id=jc,
            contact_id=None,
            purpose="Exit",
        )
    )
    assert C.HEALTH not in second.included_categories
    assert (C.HEALTH, WithheldReason.WITHDRAWN) in [(w.category, w.reason) for w in second.withheld]
    result = exports.export(
        ExportRequest(
            participant_id=pid,
            document="exit_handover",
            organisation_id=jc,
            contact_id=None,
            purpose="Exit",
        )
    )
    assert MARKERS[C.HEALTH] not in _text(result.pdf)


def _text(pdf: bytes) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.pdf"
        p.write_bytes(pdf)
        return pdftotext(p)


def test_consent_form_and_meeting_summary_via_service(services, exports) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.MEETING_SUMMARIES},
        organisation_id=seeded.job_centre_id,
    )
    exports.create_identity()
    form = exports.export(
        ExportRequest(
            participant_id=seeded.participant_id,
            document="consent_form",
            organisation_id=seeded.job_centre_id,
            contact_id=None,
            languages=("de", "en"),
        )
    )
    assert "Fatima Yılmaz" in _text(form.pdf)
    meeting = exports.export(
        ExportRequest(
            participant_id=seeded.participant_id,
            document="meeting_summary",
            organisation_id=seeded.job_centre_id,
            contact_id=None,
            lang="en",
        )
    )
    text = _text(meeting.pdf)
    assert MARKERS[C.MEETING_SUMMARIES] in text and "Fatima" not in text
    assert "identity withheld" in text


def test_pkcs12_import_and_its_errors(services, exports, tmp_path) -> None:  # type: ignore[no-untyped-def]
    material = create_identity("Org Signer")
    key = serialization.load_der_private_key(material.private_key_der, None)
    cert = material.certificate
    enc = serialization.BestAvailableEncryption(b"geheim")
    p12 = pkcs12.serialize_key_and_certificates(b"x", key, cert, None, enc)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="password"):
        exports.import_pkcs12(p12, "falsch")
    with pytest.raises(ValidationError, match="damaged"):
        exports.import_pkcs12(p12[: len(p12) // 2], "geheim")
    only_cert = pkcs12.serialize_key_and_certificates(b"x", None, None, [cert], enc)
    with pytest.raises(ValidationError, match="no private key"):
        exports.import_pkcs12(only_cert, "geheim")
    info = exports.import_pkcs12(p12, "geheim")
    assert info.imported and info.subject_name == "Org Signer"
    assert exports.current_identity() == info
    pem = tmp_path / "cert.pem"
    pem.write_bytes(exports.export_certificate())
    shown = subprocess.run(
        ["openssl", "x509", "-in", str(pem), "-noout", "-fingerprint", "-sha256"],
        capture_output=True,
        text=True,
    )
    if shown.returncode == 0:
        assert info.fingerprint_sha256.upper() in shown.stdout.replace(":", "").upper()
    assert b"PRIVATE KEY" not in pem.read_bytes()
    assert info.valid_until > dt.datetime(2030, 1, 1)
