"""PAdES signing with the work done once that does not change from one document to the next.

A signature needs the private key loaded, the room to reserve in the file for the
signature container, and the stamp's font. pyHanko by default finds the room by making a
whole dry-run signature before the real one (a second CMS container and, for a software
key, a second key operation): a sixth of a document's time. That room depends only on the
certificate and the key, so it is found once per certificate and process and reused.

:class:`PadesSigner` holds the loaded key for as long as it lives: a batch worker keeps
one for its whole life (it is a process of its own that ends with the batch); the
single-document path makes one per signature, so no key outlives its document in the
application's process.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from io import BytesIO
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import FIELD_NAME, SigningMaterial
from coachdesk.documents.stamp import stamp_name, stamp_style, stamp_text
from coachdesk.i18n import _

DIGEST = "sha256"
_reserved: dict[tuple[bytes, tuple[bytes, ...]], int] = {}
"""Bytes to reserve for the signature container, by certificate and chain (no secret)."""
_reserved_lock = threading.Lock()


class PadesSigner:
    """Signs documents with one identity: key loaded once, container size found once."""

    def __init__(self, material: SigningMaterial) -> None:
        self.material = material
        self.signer = _vault_key_signer(material)
        self.bytes_reserved = _bytes_reserved(material, self.signer)

    def sign(self, pdf: bytes, box: SignatureBox, lang: str) -> bytes:
        """A PAdES B-B signature with a visible stamp in ``box``, over the finished bytes."""
        material = self.material
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm=DIGEST,
            reason=_("Document prepared by the coach", lang),
        )
        params = {
            "line": stamp_text(_("Digitally signed by", lang)),
            "signer": stamp_name(material.subject_name, box.box[2] - box.box[0]),
            "fp": material.fingerprint_sha256[:16].upper() + "…",
        }
        spec = fields.SigFieldSpec(FIELD_NAME, on_page=box.page_index, box=box.box)
        pdf_signer = signers.PdfSigner(
            meta,
            self.signer,
            stamp_style=stamp_style("".join(params.values())),
            new_field_spec=spec,
        )
        out = BytesIO()
        pdf_signer.sign_pdf(
            IncrementalPdfFileWriter(BytesIO(pdf)),
            output=out,
            bytes_reserved=self.bytes_reserved,
            appearance_text_params=params,
        )
        return out.getvalue()


class _VaultKeySigner(signers.SimpleSigner):  # type: ignore[misc]
    """pyHanko's software signer with the key given as a loaded ``cryptography`` key.

    pyHanko's own signer loads the key again from its ASN.1 form for every signature.
    """

    def __init__(self, key: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algo = mechanism.signature_algo
        except ValueError:
            algo = mechanism["algorithm"].native
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if isinstance(self.key, rsa.RSAPrivateKey) and algo == "rsassa_pkcs1v15":
            return self.key.sign(data, padding.PKCS1v15(), hash_algo)
        if isinstance(self.key, ec.EllipticCurvePrivateKey) and algo == "ecdsa":
            return self.key.sign(data, ec.ECDSA(hash_algo))
        return bytes(super().sign_raw(data, digest_algorithm))  # e.g. RSASSA-PSS


def _vault_key_signer(material: SigningMaterial) -> _VaultKeySigner:
    # The key's RSA consistency check costs ~0.1 s. It was checked when the key entered the
    # vault (made here, or read from PKCS#12 by ``load_pkcs12``), and the vault authenticates
    # every page, so it is not repeated for each document.
    key = serialization.load_der_private_key(
        material.private_key_der, None, unsafe_skip_rsa_key_validation=True
    )
    cert = asn1_x509.Certificate.load(material.certificate_der)
    chain = [asn1_x509.Certificate.load(c) for c in material.chain_der]
    return _VaultKeySigner(
        key,
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(material.private_key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),  # type: ignore[no-untyped-call]
    )


def _bytes_reserved(material: SigningMaterial, signer: _VaultKeySigner) -> int:
    """Room for the signature container as pyHanko estimates it, found once per certificate.

    The same estimate pyHanko makes before every signature (a dry-run container, written
    as hex, plus half again as a margin): an ECDSA signature varies by a byte or two, an
    RSA one not at all, the certificates and signed attributes not at all.
    """
    key = (material.certificate_der, material.chain_der)
    with _reserved_lock:
        found = _reserved.get(key)
    if found is None:
        found = asyncio.run(_estimate(signer))
        with _reserved_lock:
            _reserved[key] = found
    return found


async def _estimate(signer: _VaultKeySigner) -> int:
    digest = hashes.Hash(get_pyca_cryptography_hash(DIGEST)).finalize()
    container = await signer.async_sign(
        digest,
        DIGEST,
        dry_run=True,
        use_pades=True,
        signed_attr_settings=PdfCMSSignedAttributes(signing_time=dt.datetime.now(dt.UTC)),
    )
    hex_length = len(container.dump()) * 2
    return hex_length + 2 * (hex_length // 4)
