"""New signing identities are ECDSA P-256; readers validate them; RSA identities keep working."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from reportlab.pdfgen.canvas import Canvas

from coachdesk.documents import pades
from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import create_identity, verify
from coachdesk.export import identities
from coachdesk.export.request import ExportRequest
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import ready_to_export


def _pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def _export(services, seeded, path: Path):  # type: ignore[no-untyped-def]
    return services.exports.export_to(
        path,
        ExportRequest(
            participant_id=seeded.participant_id,
            document="exit_handover",
            organisation_id=seeded.job_centre_id,
            purpose="Exit",
        ),
    )


def test_a_new_identity_is_an_ecdsa_p256_key_signing_with_sha256() -> None:
    material = create_identity("Anna Çoban")
    key = serialization.load_der_private_key(material.private_key_der, None)
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    cert = x509.load_der_x509_certificate(material.certificate_der)
    assert cert.signature_algorithm_oid == x509.SignatureAlgorithmOID.ECDSA_WITH_SHA256
    assert cert.public_key().public_numbers() == key.public_key().public_numbers()


def test_an_ecdsa_signed_document_is_valid_for_pdfsig_and_pyhanko(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exports, seeded = ready_to_export(services)
    path = tmp_path / "handover.pdf"
    result = _export(services, seeded, path)
    sig = _pdfsig(path)
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert "Signer Certificate Common Name: Anna Çoban" in sig
    assert "SHA-256" in sig
    checked = verify(path)
    assert checked.intact and not checked.modified and checked.signer == "Anna Çoban"
    info = exports.current_identity()
    assert info is not None and info.fingerprint_sha256[:16].upper() in pdftotext(path)
    assert result.sha256 == exports.history(seeded.participant_id)[0].sha256
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert qpdf.returncode == 0


def test_an_older_rsa_identity_keeps_signing(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exports, seeded = ready_to_export(services)
    rsa_material = create_identity("Anna Çoban", algorithm="rsa")
    assert isinstance(
        serialization.load_der_private_key(rsa_material.private_key_der, None), rsa.RSAPrivateKey
    )
    with services.ctx.write() as s:  # as a vault made by an earlier version holds it
        identities.store_identity(s, rsa_material, imported=False)
    path = tmp_path / "rsa.pdf"
    _export(services, seeded, path)
    sig = _pdfsig(path)
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert verify(path).intact
    assert exports.current_identity().fingerprint_sha256 == rsa_material.fingerprint_sha256  # type: ignore[union-attr]


@pytest.mark.parametrize("algorithm", ["ecdsa", "rsa"])
def test_the_signature_room_is_found_once_per_certificate(
    algorithm: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dry-run signature pyHanko would make before every document is made once."""
    material = create_identity("Anna", algorithm=algorithm)  # type: ignore[arg-type]
    estimates = []
    original = pades._estimate

    async def counted(signer):  # type: ignore[no-untyped-def]
        estimates.append(signer)
        return await original(signer)

    monkeypatch.setattr(pades, "_estimate", counted)
    buf = BytesIO()
    canvas = Canvas(buf)
    canvas.drawString(100, 700, "Body")
    canvas.save()
    box = SignatureBox(0, (50, 50, 300, 130))
    signed = [pades.PadesSigner(material).sign(buf.getvalue(), box, "de") for _ in range(3)]
    assert len(estimates) == 1
    assert all(len(s) > len(buf.getvalue()) for s in signed)
