"""Papers that travel with a document: covered ones as signed pages, nothing else of the store.

Real vault, real papers (PDF, JPEG, TIFF), real signatures; the PDF is read as a reader
would (pdftotext, pdfinfo, pdffonts, pdfsig, qpdf).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from coachdesk.documents.fonts import SANS, register_fonts
from coachdesk.export.preview import DocumentType
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.attachments import AttachmentDraft
from coachdesk.services.errors import ValidationError
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes, tiff_bytes
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import Seeded, add_consent, seed

CERT_MARKER = "Zertmkbestanden"
PHOTO_MARKER = "Fotomkexifcomment"
LEFT_MARKER = "Liegenmkbleibt"
HEALTH_MARKER = "Attestmkgeheim"


def embedded_pdf(*lines: str, pages: int = 1) -> bytes:
    """A paper in an embedded font (as office programs make them), ``lines`` on each page."""
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName=SANS)
    for page in range(pages):
        c.setFont(SANS, 14)
        for row, line in enumerate(lines):
            c.drawString(72, 750 - 24 * row, f"{line} {page + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class Papers:
    certificate: int
    photo: int
    scan: int
    left_behind: int
    health: int


@pytest.fixture
def world(services: Services) -> tuple[ExportService, Seeded, Papers]:
    services.settings.set_coach_name("Anna Çoban")
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.LANGUAGES_QUALIFICATIONS, C.MEETING_SUMMARIES},
        organisation_id=seeded.job_centre_id,
    )
    pid, quals = seeded.participant_id, C.LANGUAGES_QUALIFICATIONS
    add = services.attachments.add
    papers = Papers(
        certificate=add(
            pid,
            embedded_pdf(CERT_MARKER, "telc Deutsch B1", pages=2),
            AttachmentDraft("B1-Zertifikat", quals, dt.date(2025, 6, 1)),
        ).id,
        photo=add(
            pid,
            jpeg_bytes(PHOTO_MARKER, size=(900, 600)),
            AttachmentDraft("Foto Urkunde", quals),
        ).id,
        scan=add(pid, tiff_bytes(pages=2), AttachmentDraft("Scan Zeugnis", quals)).id,
        # Covered, but not ticked: it must stay in the vault.
        left_behind=add(pid, pdf_bytes(LEFT_MARKER), AttachmentDraft("Lebenslauf", quals)).id,
        health=add(pid, pdf_bytes(HEALTH_MARKER), AttachmentDraft("Attest", C.HEALTH)).id,
    )
    exports = services.exports
    exports.create_identity()
    return exports, seeded, papers


def _request(seeded: Seeded, *ids: int, **kwargs: object) -> ExportRequest:
    values: dict[str, object] = {
        "participant_id": seeded.participant_id,
        "document": DocumentType.EXIT_HANDOVER,
        "organisation_id": seeded.job_centre_id,
        "purpose": "Exit",
        "lang": "de",
        "attachment_ids": ids,
    }
    values.update(kwargs)
    return ExportRequest(**values)  # type: ignore[arg-type]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


def _expanded(path: Path, tmp_path: Path) -> bytes:
    """Every stream of the file uncompressed, so text in any of them can be searched."""
    qdf = tmp_path / "expanded.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True)
    return qdf.read_bytes()


def test_covered_papers_follow_the_document_as_signed_pages(
    services: Services, world: tuple[ExportService, Seeded, Papers], tmp_path: Path
) -> None:
    exports, seeded, papers = world
    ticked = (papers.certificate, papers.photo, papers.scan)
    result = exports.export_to(tmp_path / "abschluss.pdf", _request(seeded, *ticked))
    path = tmp_path / "abschluss.pdf"
    assert result.path == path and path.read_bytes() == result.pdf

    listed = result.enclosures
    assert [e.attachment_id for e in listed] == list(ticked)
    assert [e.page_count for e in listed] == [2, 1, 2]
    document_pages = listed[0].first_page - 1  # type: ignore[operator]
    assert document_pages >= 1
    assert [e.first_page for e in listed] == [document_pages + n for n in (1, 3, 4)]
    info = _run("pdfinfo", str(path)).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(document_pages + 5)  # type: ignore[union-attr]

    # The document lists every enclosure in its own language, with the SHA-256 of the file.
    document_text = pdftotext_pages(path, 1, document_pages)
    assert "Anlagen" in document_text
    for number, (e, title) in enumerate(
        zip(listed, ("B1-Zertifikat", "Foto Urkunde", "Scan Zeugnis"), strict=True), 1
    ):
        assert f"Anlage {number}: {title}" in document_text
        assert e.sha256 in document_text
        assert e.sha256 == services.attachments.get(e.attachment_id).sha256
    assert "Sprachen und Qualifikationen" in document_text
    assert "01.06.2025" in document_text
    assert f"Seiten {document_pages + 1}–{document_pages + 2} dieser Datei" in document_text
    # The certificate's own pages follow the document, each with its text.
    first = document_pages + 1
    assert f"{CERT_MARKER} 1" in pdftotext_pages(path, first, first)
    assert f"{CERT_MARKER} 2" in pdftotext_pages(path, first + 1, first + 1)
    assert CERT_MARKER not in document_text
    # The photo is wider than high: its page lies on its side, A4 all the same.
    size = _run("pdfinfo", "-f", str(first + 2), "-l", str(first + 2), str(path)).stdout
    assert re.search(rf"Page\s+{first + 2} size:\s+841\.89 x 595\.2", size), size

    sig = _run("pdfsig", str(path)).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert _run("qpdf", "--check", str(path)).returncode == 0
    fonts = _run("pdffonts", str(path)).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # all embedded

    # Nothing else of her papers leaves: not the un-ticked ones, not a photo's metadata.
    raw, expanded = result.pdf, _expanded(path, tmp_path)
    for marker in (LEFT_MARKER, HEALTH_MARKER, PHOTO_MARKER):
        assert marker.encode() not in raw and marker.encode() not in expanded, marker
    assert "Lebenslauf" not in pdftotext(path) and "Attest" not in pdftotext(path)

    # The register and the audit log name the papers by id and SHA-256, never by title.
    row = exports.history(seeded.participant_id)[0]
    assert [(e.attachment_id, e.sha256) for e in row.enclosures] == [
        (e.attachment_id, e.sha256) for e in listed
    ]
    assert C.LANGUAGES_QUALIFICATIONS in row.categories
    assert C.LANGUAGES_QUALIFICATIONS in result.categories
    entry = services.audit.entries(participant_id=seeded.participant_id, action="export")[0]
    assert entry.details["enclosures"] == [
        {"attachment_id": e.attachment_id, "sha256": e.sha256} for e in listed
    ]
    assert "Zertifikat" not in repr(entry.details) and "Urkunde" not in repr(entry.details)


def pdftotext_pages(path: Path, first: int, last: int) -> str:
    return _run("pdftotext", "-f", str(first), "-l", str(last), str(path), "-").stdout


@pytest.mark.parametrize(
    "document",
    [DocumentType.EXIT_HANDOVER, DocumentType.INTERIM_FEEDBACK, DocumentType.MEETING_SUMMARY],
)
def test_every_document_lists_its_enclosures_in_its_language(
    world: tuple[ExportService, Seeded, Papers], tmp_path: Path, document: DocumentType
) -> None:
    exports, seeded, papers = world
    path = tmp_path / "doc.pdf"
    result = exports.export_to(
        path, _request(seeded, papers.certificate, document=document, lang="en")
    )
    (enclosed,) = result.enclosures
    text = pdftotext(path)
    assert "Enclosures" in text and "Enclosure 1: B1-Zertifikat" in text
    assert enclosed.sha256 in text and "Languages and qualifications" in text
    pages = int(re.search(r"^Pages:\s+(\d+)$", _run("pdfinfo", str(path)).stdout, re.M).group(1))  # type: ignore[union-attr]
    assert pages == enclosed.first_page + 1  # type: ignore[operator]
    assert "Total document signed" in _run("pdfsig", str(path)).stdout


def test_the_preview_says_which_papers_may_go_and_why_not(
    world: tuple[ExportService, Seeded, Papers],
) -> None:
    exports, seeded, papers = world
    offered = {p.attachment_id: p for p in exports.preview(_request(seeded, lang="en")).enclosures}
    assert set(offered) == {
        papers.certificate,
        papers.photo,
        papers.scan,
        papers.left_behind,
        papers.health,
    }
    assert all(offered[i].enclosable for i in (papers.certificate, papers.photo, papers.scan))
    health = offered[papers.health]
    assert not health.enclosable and health.reason is not None
    assert health.reason.render("en") == (
        "“Health” is a special category: it needs her explicit consent for this recipient."
    )
    assert "Gesundheit" in health.reason.render("de")
    assert (health.page_count, health.media_type, health.title) == (1, "application/pdf", "Attest")


def test_uncovered_or_foreign_papers_are_refused_and_nothing_is_recorded(
    services: Services, world: tuple[ExportService, Seeded, Papers], tmp_path: Path
) -> None:
    exports, seeded, papers = world
    other = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    foreign = services.attachments.add(
        other, pdf_bytes("Fremdmkpaper"), AttachmentDraft("Zeugnis", C.LANGUAGES_QUALIFICATIONS)
    ).id
    target = tmp_path / "doc.pdf"
    cases = {
        papers.health: "„Attest“ kann nicht beigefügt werden: „Gesundheit“ ist eine besondere",
        foreign: f"Die Unterlage Nr. {foreign} ist nicht in ihrer Akte.",
        10**6: "Die Unterlage Nr. 1000000 ist nicht in ihrer Akte.",
        2**70: "ist nicht in ihrer Akte.",  # no row can have it; SQLite must not be asked
    }
    for attachment_id, says in cases.items():
        with pytest.raises(ValidationError) as caught:
            exports.export_to(target, _request(seeded, papers.certificate, attachment_id))
        assert says in caught.value.render("de")
        assert caught.value.errors[0].field == "attachment_ids"
    assert not target.exists()
    assert exports.history(seeded.participant_id) == []
    assert services.audit.entries(action="export") == []


def test_a_consent_form_carries_no_papers(world: tuple[ExportService, Seeded, Papers]) -> None:
    exports, seeded, papers = world
    form = _request(seeded, document=DocumentType.CONSENT_FORM, lang="en")
    offered = exports.preview(form).enclosures
    assert offered and not any(p.enclosable for p in offered)
    assert {p.reason.render("en") for p in offered if p.reason} == {
        "A consent form is for her to sign: it carries no papers."
    }
    with pytest.raises(ValidationError, match="carries no papers"):
        exports.export(_request(seeded, papers.certificate, document=DocumentType.CONSENT_FORM))


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"withdrawn_on": TODAY - dt.timedelta(days=2)}, "She has withdrawn her consent for"),
        ({"valid_until": TODAY - dt.timedelta(days=1)}, "has expired"),
        ({"organisation_id": "other"}, "is for another recipient"),
    ],
)
def test_a_consent_that_no_longer_holds_keeps_the_paper_home(
    services: Services, kwargs: dict[str, object], says: str
) -> None:
    seeded = seed(services.ctx.sessions)
    if kwargs.get("organisation_id") == "other":
        kwargs = {"organisation_id": seeded.other_org_id}
    else:
        kwargs = {"organisation_id": seeded.job_centre_id, **kwargs}
    add_consent(services.ctx.sessions, seeded.participant_id, {C.FAMILY_CHILDCARE}, **kwargs)  # type: ignore[arg-type]
    paper = services.attachments.add(
        seeded.participant_id,
        jpeg_bytes("Kitamk"),
        AttachmentDraft("Kita-Bestätigung", C.FAMILY_CHILDCARE),
    ).id
    services.exports.create_identity("Anna")
    request = _request(seeded, paper, lang="en")
    (offered,) = services.exports.preview(request).enclosures
    assert not offered.enclosable and offered.reason is not None
    assert says in offered.reason.render("en") and "Family and childcare" in offered.reason.render(
        "en"
    )
    with pytest.raises(ValidationError, match="cannot be enclosed"):
        services.exports.export(request)


def test_the_request_keeps_each_paper_once_in_order() -> None:
    request = ExportRequest(
        participant_id=1,
        document="exit_handover",
        organisation_id=1,
        attachment_ids=[3, 1, 3],  # type: ignore[arg-type]
    )
    assert request.attachment_ids == (3, 1)
