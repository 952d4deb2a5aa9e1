"""The coach's signing key and certificate, PAdES signatures and their verification."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from coachdesk.documents.layout import SignatureBox
from coachdesk.i18n import N_
from coachdesk.services.errors import ValidationError

VALIDITY_DAYS = 5 * 365 + 1
COMMON_NAME_BYTES = 64
"""X.509 allows a common name of 64 (cryptography counts UTF-8 bytes); her name may be 200."""
FIELD_NAME = "CoachDeskSignature"


@dataclass(frozen=True)
class SigningMaterial:
    """A certificate, its chain and its private key (DER), as kept in the vault."""

    subject_name: str
    certificate_der: bytes
    chain_der: tuple[bytes, ...]
    private_key_der: bytes
    """PKCS#8, unencrypted: it lives only inside the encrypted vault."""

    @property
    def fingerprint_sha256(self) -> str:
        return hashlib.sha256(self.certificate_der).hexdigest()

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.certificate_der)


def certificate_name(name: str) -> str:
    """``name`` as a certificate's common name: shortened with "…" when it is too long."""
    name = name.strip()
    if len(name.encode()) <= COMMON_NAME_BYTES:
        return name
    while len((name + "…").encode()) > COMMON_NAME_BYTES:
        name = name[:-1]
    return name.rstrip() + "…"


KeyAlgorithm = Literal["ecdsa", "rsa"]


def create_identity(
    name: str, now: dt.datetime | None = None, algorithm: KeyAlgorithm = "ecdsa"
) -> SigningMaterial:
    """A new key and a self-signed certificate for ``name``, valid five years.

    ECDSA on P-256 with SHA-256 by default: Acrobat, poppler (pdfsig, Okular, Evince) and
    pyHanko validate it; it is made in a millisecond (RSA-3072 takes up to a second) and
    signs in a fraction of RSA's time, with a certificate half the size. ``"rsa"``
    (RSA-3072) stays for comparisons; identities made before keep their RSA keys and
    imported PKCS#12 files keep whatever key they hold.
    """
    now = now or dt.datetime.now(dt.UTC)
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if algorithm == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, certificate_name(name))])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningMaterial(
        subject_name=name,
        certificate_der=cert.public_bytes(serialization.Encoding.DER),
        chain_der=(),
        private_key_der=_pkcs8(key),
    )


def _pkcs8(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_pkcs12(data: bytes, password: str) -> SigningMaterial:
    """Read a PKCS#12 file from the organisation; errors say what is wrong in words."""
    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parses the whole structure
    except Exception as exc:  # asn1crypto fails on damaged input in many ways (fuzzed)
        raise ValidationError.single(
            "pkcs12", N_("The file is damaged or is not a PKCS#12 (.p12/.pfx) file.")
        ) from exc
    if "\x00" in password:  # a C string cannot hold it (cryptography panics on it)
        raise ValidationError.single("password", N_("The password for this file is wrong."))
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode() or None)
    except ValueError as exc:
        raise ValidationError.single(
            "password", N_("The password for this file is wrong.")
        ) from exc
    if key is None:
        raise ValidationError.single("pkcs12", N_("The file contains no private key."))
    if cert is None:
        raise ValidationError.single("pkcs12", N_("The file contains no certificate."))
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ValidationError.single("pkcs12", N_("Only RSA and EC keys can sign documents."))
    if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
        raise ValidationError.single(
            "pkcs12", N_("The private key does not belong to the certificate.")
        )
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    subject = str(names[0].value) if names else cert.subject.rfc4514_string()
    return SigningMaterial(
        subject_name=subject,
        certificate_der=cert.public_bytes(serialization.Encoding.DER),
        chain_der=tuple(c.public_bytes(serialization.Encoding.DER) for c in extra),
        private_key_der=_pkcs8(key),
    )


def certificate_bytes(material: SigningMaterial, pem: bool = True) -> bytes:
    """The certificate to give to the job centre (never the key)."""
    if not pem:
        return material.certificate_der
    return material.certificate.public_bytes(serialization.Encoding.PEM)


def sign_pdf(pdf: bytes, material: SigningMaterial, box: SignatureBox, lang: str) -> bytes:
    """A PAdES B-B signature with a visible stamp in ``box``, over the finished bytes.

    The key is loaded for this one signature; a batch worker keeps a
    :class:`~coachdesk.documents.pades.PadesSigner` instead (``pades.py``).
    """
    from coachdesk.documents.pades import PadesSigner

    return PadesSigner(material).sign(pdf, box, lang)


@dataclass(frozen=True)
class VerifyResult:
    intact: bool
    """The signature is mathematically sound over the signed bytes."""
    modified: bool
    """Anything about the file differs from what was signed (or it cannot be read)."""
    signer: str
    signing_time: dt.datetime | None
    fingerprint_matches: bool | None
    """Whether the signer's certificate is the one given (None: none given)."""


def verify(path: Path | str, cert: Path | str | None = None) -> VerifyResult:
    """Check the document's signature as a PDF reader would."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    expected = _fingerprint_of_file(Path(cert)) if cert is not None else None
    damaged = VerifyResult(False, True, "", None, None if expected is None else False)
    data = Path(path).read_bytes()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
        if len(sigs) != 1:
            return damaged
        embedded = sigs[0]
        # Trust is decided by comparing fingerprints, so the signer's own certificate is the
        # root here; nothing is ever fetched from a network.
        context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
    except Exception:  # a damaged file raises anything from parsing to CMS decoding
        return damaged
    signer_cert = status.signing_cert
    names = signer_cert.subject.native
    signer = str(names.get("common_name", "")) if isinstance(names, dict) else ""
    intact = bool(status.intact and status.valid)
    modified = not intact or status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    fp = hashlib.sha256(signer_cert.dump()).hexdigest()
    return VerifyResult(
        intact=intact,
        modified=modified,
        signer=signer,
        signing_time=status.signer_reported_dt,
        fingerprint_matches=None if expected is None else fp == expected,
    )


def _fingerprint_of_file(path: Path) -> str:
    raw = path.read_bytes()
    try:
        if b"-----BEGIN CERTIFICATE-----" in raw:
            cert = x509.load_pem_x509_certificate(raw)
        else:
            cert = x509.load_der_x509_certificate(raw)
    except ValueError as exc:
        raise ValidationError.single(
            "cert", N_("This is not a certificate file (PEM or DER expected).")
        ) from exc
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
