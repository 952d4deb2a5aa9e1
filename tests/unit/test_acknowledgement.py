"""She has seen it: her acknowledgement and drawn signature in the signed PDF, on a real vault.

Read as a reader would: pdftotext for the statement, the pages rendered for the ink of her
signature, pdfsig for the coach's signature over it, qpdf for the file's structure.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from coachdesk.documents.drawn_signature import MAX_POINTS, DrawnSignature, drawn
from coachdesk.export.acknowledgement import Acknowledgement
from coachdesk.export.acknowledgement_log import acknowledgement_of
from coachdesk.export.request import ExportRequest
from coachdesk.models import DocumentAcknowledgement
from coachdesk.models.acknowledgement import HowNoted
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.errors import ValidationError
from tests.unit.ack_support import ink_pixels, wave_signature
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import add_consent, ready_to_export, seed

OBJECTION = "Ich habe den Kurs nicht abgebrochen, mein Kind war krank."


def _request(seeded, document: str = "interim_feedback", **ack: object) -> ExportRequest:  # type: ignore[no-untyped-def]
    return ExportRequest(
        participant_id=seeded.participant_id,
        document=document,
        organisation_id=seeded.job_centre_id,
        lang="de",
        acknowledgement=Acknowledgement(**ack) if ack else None,  # type: ignore[arg-type]
    )


def _flat(path: Path) -> str:
    return " ".join(pdftotext(path).split())


def _valid(path: Path) -> bool:
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    return "Signature is Valid" in sig and qpdf.returncode == 0


def test_interpreted_objection_and_drawn_signature_are_in_the_signed_pdf(
    services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    exports, seeded = ready_to_export(services)
    request = _request(
        seeded,
        how=HowNoted.INTERPRETED,
        by="Leyla Demir",
        language="ar",
        agrees=False,
        objection=OBJECTION,
        signature=wave_signature(),
    )
    preview = exports.preview(request)
    assert preview.acknowledgement[0] == (
        "Dieses Dokument wurde der Teilnehmerin von Leyla Demir auf Arabisch gedolmetscht."
    )
    assert OBJECTION in preview.acknowledgement
    out = tmp_path / "signed.pdf"
    result = exports.export_to(out, request)

    text = _flat(out)
    assert "Kenntnisnahme durch die Teilnehmerin" in text
    for line in preview.acknowledgement:  # the preview says what the document says
        assert line in text
    assert "Ihre Unterschrift, von Hand auf dem Bildschirm gezeichnet" in text
    assert _valid(out)
    pages = tmp_path / "pages"
    pages.mkdir()
    assert ink_pixels(out, pages) > 100

    with services.ctx.read() as s:
        row = s.scalars(select(DocumentAcknowledgement)).one()
        assert row.export_record_id == result.record_id
        stored = acknowledgement_of(s, result.record_id)
    assert stored == request.acknowledgement  # strokes included
    entry = services.audit.entries(action="export")[0]
    assert entry.details["acknowledgement"] == {
        "agrees": False,
        "how": "interpreted",
        "language": "ar",
        "signed_by_hand": True,
    }
    assert "Leyla" not in repr(entry.details) and "Kind" not in repr(entry.details)


def test_read_herself_and_agrees_without_signature_draws_no_ink(
    services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    exports, seeded = ready_to_export(services)
    out = tmp_path / "signed.pdf"
    exports.export_to(out, _request(seeded, "meeting_summary", how="read", agrees=True))
    text = _flat(out)
    assert "Die Teilnehmerin hat dieses Dokument selbst gelesen." in text
    assert "Sie ist mit dem Inhalt einverstanden." in text
    assert "Unterschrift, von Hand" not in text
    assert _valid(out)
    pages = tmp_path / "pages"
    pages.mkdir()
    assert ink_pixels(out, pages) == 0


def test_without_an_acknowledgement_the_document_has_no_such_section(
    services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    exports, seeded = ready_to_export(services)
    out = tmp_path / "signed.pdf"
    exports.export_to(out, _request(seeded))
    assert "Kenntnisnahme" not in _flat(out)
    assert "acknowledgement" not in services.audit.entries(action="export")[0].details


def test_withheld_identity_says_she_signed_but_does_not_show_the_signature(
    services,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    exports, _seeded = ready_to_export(services)
    other = seed(services.ctx.sessions, "Olena", "Kovalenko")
    add_consent(
        services.ctx.sessions,
        other.participant_id,
        {C.GOALS_PROGRESS},
        organisation_id=other.job_centre_id,
    )
    out = tmp_path / "signed.pdf"
    request = _request(other, how="read_aloud", agrees=True, signature=wave_signature())
    exports.export_to(out, request)
    text = _flat(out)
    assert "ihre Unterschrift wird nicht gezeigt" in text
    pages = tmp_path / "pages"
    pages.mkdir()
    assert ink_pixels(out, pages) == 0


@pytest.mark.parametrize(
    ("document", "ack", "field"),
    [
        ("interim_feedback", {"how": "interpreted", "language": "ar"}, "ack_by"),
        ("interim_feedback", {"how": "interpreted", "by": "L. Demir"}, "ack_language"),
        ("interim_feedback", {"how": "read", "language": "xx-nonsense"}, "ack_language"),
        ("exit_handover", {"how": "read", "agrees": False}, "ack_objection"),
        ("exit_handover", {"how": "read", "objection": "Nein"}, "ack_objection"),
        ("consent_form", {"how": "read"}, "acknowledgement"),
    ],
)
def test_an_incomplete_acknowledgement_is_refused_before_anything_is_written(
    services,  # type: ignore[no-untyped-def]
    document: str,
    ack: dict[str, object],
    field: str,
) -> None:
    exports, seeded = ready_to_export(services)
    with pytest.raises(ValidationError) as caught:
        exports.export(_request(seeded, document, **ack))
    assert caught.value.for_field(field) is not None
    assert exports.history(seeded.participant_id) == []


def test_strokes_keep_their_points_and_the_pad_keeps_them_inside() -> None:
    sig = wave_signature()
    assert DrawnSignature.from_bytes(sig.to_bytes()) == sig
    assert drawn(100, 50, [[(-5.0, 70.4)]]).strokes == (((0, 50),),)
    with pytest.raises(ValidationError):
        drawn(100, 50, [])  # nothing drawn is no signature
    with pytest.raises(ValidationError):
        drawn(100, 50, [[(1.0, 1.0)] * (MAX_POINTS + 1)])
