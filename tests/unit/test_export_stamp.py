"""The visible signature stamp: readable in every script of the coach's name, and quick."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from fontTools import ttLib
from reportlab.pdfgen.canvas import Canvas

from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import create_identity, load_pkcs12, sign_pdf, verify
from coachdesk.documents.stamp import stamp_font_bytes

COACH = "Büşra Çelik-Ольга Иванова"


def _blank_pdf() -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.drawString(100, 700, "Body")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_stamp_shows_turkish_and_cyrillic_names(tmp_path: Path) -> None:
    material = create_identity(COACH)
    path = tmp_path / "signed.pdf"
    path.write_bytes(sign_pdf(_blank_pdf(), material, SignatureBox(0, (50, 50, 300, 130)), "en"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Digitally signed by\n" + COACH in text
    # Every character has a real glyph in the stamp font (none falls back to the empty box).
    wanted = COACH + "ĞğİıÖöÜüŞşÇçЁёЖжЩщ"
    cmap = ttLib.TTFont(io.BytesIO(stamp_font_bytes(frozenset(wanted)))).getBestCmap()
    assert all(ord(ch) in cmap for ch in wanted)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert any("NotoSans" in line and " yes yes yes " in line for line in fonts.splitlines())
    assert verify(path).intact


def test_signing_costs_a_fraction_of_a_second() -> None:
    """Fifteen signatures in one process: the font and key work is not redone each time.

    CPU time, not wall time, so that other work on the machine does not make this flaky;
    before the stamp font and key were prepared once, each signature cost ~0.45 s of CPU.
    """
    material = create_identity("Anna Çoban")
    pdf = _blank_pdf()
    box = SignatureBox(0, (50, 50, 300, 130))
    sign_pdf(pdf, material, box, "de")  # first use: imports, stamp font
    started = time.process_time()
    for _ in range(15):
        sign_pdf(pdf, material, box, "de")
    assert (time.process_time() - started) / 15 < 0.15


def test_an_organisations_ec_key_signs_too(tmp_path: Path) -> None:
    """PKCS#12 files from an organisation may hold an EC key instead of RSA."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Frauen in Arbeit e.V.")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"org", key, cert, None, serialization.BestAvailableEncryption(b"geheim")
    )
    material = load_pkcs12(p12, "geheim")
    path = tmp_path / "ec.pdf"
    path.write_bytes(sign_pdf(_blank_pdf(), material, SignatureBox(0, (50, 50, 300, 130)), "de"))
    result = verify(path)
    assert result.intact and not result.modified
    assert result.signer == "Frauen in Arbeit e.V."
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
