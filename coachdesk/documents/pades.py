"""PAdES signing with the work done once that does not change from one document to the next.

A signature needs the private key loaded, the room to reserve in the file for the
signature container, the container itself, and the stamp's font. pyHanko by default finds
the room by making a whole dry-run signature before the real one (a second CMS container
and, for a software key, a second key operation): a sixth of a document's time. That room
depends only on the certificate and the key, so it is found once per certificate and
process and reused; the dry run's container also serves as the template every later
container is put together from (``cms_template``).

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

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from coachdesk.documents.cms_template import ContainerTemplate, template_of
from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import FIELD_NAME, SigningMaterial
from coachdesk.documents.stamp import stamp_characters, stamp_name, stamp_style, stamp_text
from coachdesk.i18n import _

DIGEST = "sha256"
_prepared: dict[tuple[bytes, tuple[bytes, ...]], tuple[int, ContainerTemplate]] = {}
"""Bytes to reserve for the signature container and its template, by certificate and
chain (public parts only: no secret)."""
_prepared_lock = threading.Lock()


class PadesSigner:
    """Signs documents with one identity: key loaded once, container size found once."""

    def __init__(self, material: SigningMaterial) -> None:
        self.material = material
        self.signer = _vault_key_signer(material)
        self.bytes_reserved, self.signer.template = _prepare(material, self.signer)

    def sign(self, pdf: bytes, box: SignatureBox, lang: str) -> bytes:
        """A PAdES B-B signature with a visible stamp in ``box``, over the finished bytes."""
        material = self.material
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm=DIGEST,
            reason=_("Document prepared by the coach", lang),
        )
        params = stamp_params(material, lang, box.box[2] - box.box[0])
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


def stamp_params(material: SigningMaterial, lang: str, width: float) -> dict[str, str]:
    """The stamp's wording, the signer's name in lines for ``width`` and the fingerprint."""
    return {
        "line": stamp_text(_("Digitally signed by", lang)),
        "signer": stamp_name(material.subject_name, width),
        "fp": material.fingerprint_sha256[:16].upper() + "…",
    }


def stamp_font_characters(material: SigningMaterial, lang: str) -> frozenset[str]:
    """The characters the stamp font of ``material``'s signatures in ``lang`` holds."""
    return stamp_characters("".join(stamp_params(material, lang, 1000).values()))


class _VaultKeySigner(signers.SimpleSigner):  # type: ignore[misc]
    """pyHanko's software signer with the key given as a loaded ``cryptography`` key.

    pyHanko's own signer loads the key again from its ASN.1 form for every signature.
    With a ``template``, it puts the container together from it instead of building it
    with asn1crypto, wherever the template holds (a PAdES signature without timestamp).
    """

    def __init__(self, key: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.key = key
        self.template: ContainerTemplate | None = None

    async def async_sign(
        self,
        data_digest: bytes,
        digest_algorithm: str,
        dry_run: bool = False,
        use_pades: bool = False,
        timestamper: Any = None,
        signed_attr_settings: PdfCMSSignedAttributes | None = None,
        is_pdf_sig: bool = True,
        encap_content_info: Any = None,
    ) -> cms.ContentInfo:
        template = self.template
        attrs = signed_attr_settings
        if (
            template is None
            or dry_run
            or not use_pades
            or not is_pdf_sig
            or encap_content_info is not None
            or timestamper is not None
            or digest_algorithm != DIGEST
            or (attrs is not None and (attrs.adobe_revinfo_attr or attrs.cades_signed_attrs))
        ):
            return await super().async_sign(
                data_digest,
                digest_algorithm,
                dry_run,
                use_pades,
                timestamper,
                signed_attr_settings,
                is_pdf_sig,
                encap_content_info,
            )
        der = template.container(data_digest, lambda data: self.sign_raw(data, DIGEST))
        return cms.ContentInfo.load(der)

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


def _prepare(material: SigningMaterial, signer: _VaultKeySigner) -> tuple[int, ContainerTemplate]:
    """Room for the signature container as pyHanko estimates it, and the container's
    template, found once per certificate.

    The same estimate pyHanko makes before every signature (a dry-run container, written
    as hex, plus half again as a margin): an ECDSA signature varies by a byte or two, an
    RSA one not at all, the certificates and signed attributes not at all.
    """
    key = (material.certificate_der, material.chain_der)
    with _prepared_lock:
        found = _prepared.get(key)
    if found is None:
        container = asyncio.run(_estimate(signer))
        hex_length = len(container.dump()) * 2
        found = (hex_length + 2 * (hex_length // 4), template_of(container))
        with _prepared_lock:
            _prepared[key] = found
    return found


async def _estimate(signer: _VaultKeySigner) -> cms.ContentInfo:
    digest = hashes.Hash(get_pyca_cryptography_hash(DIGEST)).finalize()
    return await signer.async_sign(
        digest,
        DIGEST,
        dry_run=True,
        use_pades=True,
        signed_attr_settings=PdfCMSSignedAttributes(signing_time=dt.datetime.now(dt.UTC)),
    )
