"""Documents as a reader sees them: pdftotext, pdffonts, pdfsig, qpdf, rendered pages."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from coachdesk.documents.signing import SigningMaterial, create_identity, sign_pdf, verify
from coachdesk.export.common import DocumentData
from coachdesk.export.consent_filter import consent_form_facts, filter_participant
from coachdesk.export.consent_form import ConsentFormData, render_consent_form
from coachdesk.export.meeting_doc import render_meeting_summary
from coachdesk.export.progress_docs import render_exit_handover, render_interim_feedback
from coachdesk.models.enums import DataCategory as C
from tests.conftest import TODAY
from tests.unit.test_export_support import add_consent, seed

NAMES = ("فاطمة الزهراء", "Ольга Петренко-Yılmaz")


@pytest.fixture(scope="module")
def material() -> SigningMaterial:
    return create_identity("Anna Çoban-Müller")


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    # Arabic comes back as presentation forms with direction marks: compare normalised.
    text = unicodedata.normalize("NFKC", out.stdout)
    return "".join(ch for ch in text if ch not in "\u202a\u202b\u202c\u202d\u202e\u200e\u200f")


def _data(vault, seeded, lang, fingerprint):  # type: ignore[no-untyped-def]
    with vault.sessions() as s:
        f = filter_participant(s, seeded.participant_id, seeded.job_centre_id, None, "Exit", TODAY)
    return DocumentData(
        f,
        lang,
        "Frauen in Arbeit e.V.",
        "Anna",
        "Jobcenter Musterstadt",
        TODAY,
        "Anna",
        fingerprint,
    )


@pytest.mark.parametrize(
    "render", [render_exit_handover, render_interim_feedback, render_meeting_summary]
)
def test_names_in_every_script_render_and_round_trip(vault, tmp_path, material, render) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions, NAMES[0], NAMES[1])
    add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.MEETING_SUMMARIES},
        organisation_id=seeded.job_centre_id,
    )
    buf = io.BytesIO()
    box = render(_data(vault, seeded, "de", material.fingerprint_sha256), buf)
    path = tmp_path / "doc.pdf"
    path.write_bytes(sign_pdf(buf.getvalue(), material, box, "de"))
    text = pdftotext(path)
    # pdftotext moves the space around a right-to-left run, so each name is checked alone.
    assert NAMES[0] in text and NAMES[1] in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    embedded = [line for line in fonts.splitlines() if "Noto" in line]
    assert any("NotoNaskhArabic" in line for line in embedded)
    # Every font is embedded (no reader-dependent substitution).
    for line in fonts.splitlines()[2:]:
        assert " yes " in line, line
    # Poppler renders every page without complaint (the PNGs were looked at by hand).
    png = subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert png.returncode == 0 and png.stderr == ""
    assert list(tmp_path.glob("page-*.png"))
    # The signer's fingerprint is printed for comparison.
    fp = material.fingerprint_sha256.upper()
    assert ":".join(fp[i : i + 2] for i in range(0, 32, 2)) in text


def test_signature_valid_and_any_flipped_byte_is_noticed(vault, tmp_path, material) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions)
    add_consent(vault.sessions, seeded.participant_id, set(C), organisation_id=seeded.job_centre_id)
    buf = io.BytesIO()
    box = render_exit_handover(_data(vault, seeded, "en", material.fingerprint_sha256), buf)
    signed = sign_pdf(buf.getvalue(), material, box, "en")
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert "ETSI.CAdES.detached" in sig
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    cert = tmp_path / "coach.pem"
    from coachdesk.documents.signing import certificate_bytes

    cert.write_bytes(certificate_bytes(material))
    ok = verify(path, cert)
    assert ok.intact and not ok.modified and ok.fingerprint_matches
    assert ok.signer == "Anna Çoban-Müller"
    other = tmp_path / "other.pem"
    other.write_bytes(certificate_bytes(create_identity("Someone Else")))
    assert verify(path, other).fingerprint_matches is False
    for position in (len(signed) // 5, len(signed) // 2, len(signed) - 200):
        flipped = bytearray(signed)
        flipped[position] ^= 0x01
        bad = tmp_path / f"flipped{position}.pdf"
        bad.write_bytes(bytes(flipped))
        result = verify(bad)
        assert result.modified and not result.intact, position
    bad = tmp_path / f"flipped{len(signed) // 2}.pdf"
    sig = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert "Signature is Valid" not in sig


def test_consent_form_in_two_languages(vault, tmp_path, material) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions, "Ayşe", "Öztürk")
    cid = add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
    )
    with vault.sessions() as s:
        facts = consent_form_facts(s, cid)
    data = ConsentFormData(
        facts, "Frauen in Arbeit e.V.", "Anna", "Jobcenter Musterstadt", TODAY, "Anna", "ab" * 32
    )
    buf = io.BytesIO()
    box = render_consent_form(data, buf, ("de", "en"))
    path = tmp_path / "form.pdf"
    path.write_bytes(sign_pdf(buf.getvalue(), material, box, "de"))
    text = pdftotext(path)
    assert "Ayşe Öztürk" in text and "Jobcenter Musterstadt" in text
    assert re.search(r"\[X\]\s+Ziele und Fortschritte / Goals and progress", text)
    assert re.search(r"\[\s+\]\s+Gesundheit / Health", text)
    assert verify(path).intact


def test_metadata_names_the_document_kind_only(vault, tmp_path, material) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions, "Mariam", "Haddad")
    add_consent(vault.sessions, seeded.participant_id, set(C), organisation_id=seeded.job_centre_id)
    buf = io.BytesIO()
    render_exit_handover(_data(vault, seeded, "en", material.fingerprint_sha256), buf)
    path = tmp_path / "doc.pdf"
    path.write_bytes(buf.getvalue())
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Title:" in info and "Exit handover" in info
    for secret in ("Mariam", "Haddad", "Anna", "Jobcenter"):
        assert secret not in info
    assert dt.date.today().year > 2000  # pdfinfo ran on a real file
