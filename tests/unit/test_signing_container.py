"""The signature container from the signer's template is the one pyHanko would build."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import cms
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from reportlab.pdfgen.canvas import Canvas

from coachdesk.documents import pades
from coachdesk.documents.cms_template import TemplateMismatchError, template_of, tlv
from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import create_identity, verify


def _pyhanko_and_template(algorithm: str, digest: bytes) -> tuple[bytes, bytes]:
    signer = pades.PadesSigner(create_identity("Anna Çoban", algorithm=algorithm)).signer  # type: ignore[arg-type]
    attrs = PdfCMSSignedAttributes(signing_time=dt.datetime.now(dt.UTC))

    async def both() -> tuple[cms.ContentInfo, cms.ContentInfo]:
        theirs = await signers.SimpleSigner.async_sign(
            signer, digest, "sha256", use_pades=True, signed_attr_settings=attrs
        )
        mine = await signer.async_sign(digest, "sha256", use_pades=True, signed_attr_settings=attrs)
        return theirs, mine

    theirs, mine = asyncio.run(both())
    return theirs.dump(), mine.dump()


def test_an_rsa_container_is_byte_for_byte_pyhankos() -> None:
    """RSA PKCS#1 v1.5 signs deterministically, so the whole container must be equal."""
    theirs, mine = _pyhanko_and_template("rsa", bytes(range(32)))
    assert mine == theirs


def test_an_ecdsa_container_differs_from_pyhankos_only_in_the_signature_value() -> None:
    digest = bytes(range(32, 64))
    theirs, mine = _pyhanko_and_template("ecdsa", digest)
    a, b = cms.ContentInfo.load(theirs), cms.ContentInfo.load(mine)
    for parsed in (a, b):
        info = parsed["content"]["signer_infos"][0]
        assert info["signed_attrs"][1]["values"][0].native == digest
        info["signature"] = b""
    assert a.dump(force=True) == b.dump(force=True)


def test_long_and_short_lengths_are_encoded_as_der_wants() -> None:
    assert tlv(0x04, b"x" * 5) == b"\x04\x05" + b"x" * 5
    assert tlv(0x04, b"x" * 200)[:3] == b"\x04\x81\xc8"
    assert tlv(0x30, b"x" * 1000)[:4] == b"\x30\x82\x03\xe8"


def test_a_container_with_a_timestamp_is_not_a_template() -> None:
    signer = pades.PadesSigner(create_identity("Anna")).signer
    made = asyncio.run(signers.SimpleSigner.async_sign(signer, bytes(32), "sha256", use_pades=True))
    token = cms.ContentInfo.load(made.dump())  # any container stands in for a token here
    info = made["content"]["signer_infos"][0]
    info["unsigned_attrs"] = [{"type": "signature_time_stamp_token", "values": [token]}]
    with pytest.raises(TemplateMismatchError):
        template_of(made)


@pytest.mark.parametrize("algorithm", ["ecdsa", "rsa"])
def test_documents_signed_from_the_template_are_valid(algorithm: str, tmp_path: Path) -> None:
    buf = BytesIO()
    canvas = Canvas(buf)
    canvas.drawString(100, 700, "Body")
    canvas.save()
    signer = pades.PadesSigner(create_identity("Anna Çoban", algorithm=algorithm))  # type: ignore[arg-type]
    for number in range(3):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(signer.sign(buf.getvalue(), SignatureBox(0, (50, 50, 300, 130)), "en"))
        sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in sig and "Total document signed" in sig
        assert verify(path).intact and not verify(path).modified
