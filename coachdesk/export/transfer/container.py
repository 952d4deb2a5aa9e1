"""The bytes of a transfer package: AES-256-GCM content, a wrapped key, a signature.

A fresh 256-bit key encrypts the manifest and the records (AES-256-GCM, each with its own
nonce and the header as associated data). The key is wrapped for the recipient's public
key: ephemeral ECDH on her certificate's curve with HKDF-SHA256 and AES-256-GCM, or
RSA-OAEP-SHA256 for an RSA certificate. The sender signs everything before the signature
with her signing key (ECDSA or RSA-PSS, SHA-256). See docs/transfer-format.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from coachdesk.documents.signing import SigningMaterial
from coachdesk.i18n import N_
from coachdesk.services.errors import ValidationError

MAGIC = b"COACHDESK-TRANSFER\n"
FORMAT_VERSION = 2
"""Version 2 carries several people; version 1 (one person) is still read."""
READABLE_VERSIONS = (1, 2)
ECDH_METHOD = "ECDH-ES+HKDF-SHA256+A256GCM"
RSA_METHOD = "RSA-OAEP-SHA256"
WRAP_INFO = b"coachdesk-transfer-v1 key wrap"
MANIFEST_LABEL = b"\x00manifest"
RECORDS_LABEL = b"\x00records"
HEADER_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Header:
    """What anyone holding the file can read: no name, no content, only the routing."""

    package_id: str
    created: str
    """UTC, ISO 8601."""
    sender_fingerprint: str
    recipient_fingerprint: str
    key_wrap: dict[str, str]
    manifest_nonce: str
    records_nonce: str
    version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        body = {
            "format": "coachdesk-transfer",
            "version": self.version,
            "package_id": self.package_id,
            "created": self.created,
            "sender_fingerprint": self.sender_fingerprint,
            "recipient_fingerprint": self.recipient_fingerprint,
            "key_wrap": self.key_wrap,
            "manifest_nonce": self.manifest_nonce,
            "records_nonce": self.records_nonce,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Sealed:
    """A package read and checked up to its signature; the content is still encrypted."""

    header: Header
    header_bytes: bytes
    manifest_ciphertext: bytes
    records_ciphertext: bytes
    sender_certificate_der: bytes
    sha256: str
    """Of the whole file: what both registers keep."""


def new_package_id() -> str:
    return uuid.uuid4().hex


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def altered() -> ValidationError:
    return ValidationError.single(
        "package",
        N_(
            "This transfer file was altered or damaged after it was signed, or it is not a "
            "transfer file. Ask your colleague to send it again."
        ),
    )


# -- writing ---------------------------------------------------------------------------------


def seal(
    manifest: bytes,
    records: bytes,
    *,
    package_id: str,
    sender: SigningMaterial,
    recipient_certificate_der: bytes,
    now: dt.datetime,
    version: int = FORMAT_VERSION,
) -> bytes:
    """The package's bytes, for the holder of ``recipient_certificate_der`` (``version``:
    of the layout of the manifest and records given; an older one only to test reading)."""
    key = AESGCM.generate_key(bit_length=256)
    recipient_fp = hashlib.sha256(recipient_certificate_der).hexdigest()
    recipient = x509.load_der_x509_certificate(recipient_certificate_der).public_key()
    header = Header(
        package_id=package_id,
        created=now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        sender_fingerprint=sender.fingerprint_sha256,
        recipient_fingerprint=recipient_fp,
        key_wrap=_wrap(key, recipient, package_id, recipient_fp),
        manifest_nonce=_b64(os.urandom(12)),
        records_nonce=_b64(os.urandom(12)),
        version=version,
    )
    header_bytes = header.to_json()
    aead = AESGCM(key)
    sealed_manifest = aead.encrypt(
        _unb64(header.manifest_nonce), manifest, header_bytes + MANIFEST_LABEL
    )
    sealed_records = aead.encrypt(
        _unb64(header.records_nonce), records, header_bytes + RECORDS_LABEL
    )
    body = b"".join(
        (
            MAGIC,
            len(header_bytes).to_bytes(4, "big"),
            header_bytes,
            len(sealed_manifest).to_bytes(8, "big"),
            sealed_manifest,
            len(sealed_records).to_bytes(8, "big"),
            sealed_records,
        )
    )
    signature = _signature_block(body, sender)
    return body + len(signature).to_bytes(4, "big") + signature


def _wrap(key: bytes, recipient: Any, package_id: str, recipient_fp: str) -> dict[str, str]:
    if isinstance(recipient, rsa.RSAPublicKey):
        return {"method": RSA_METHOD, "wrapped_key": _b64(recipient.encrypt(key, _oaep()))}
    if not isinstance(recipient, ec.EllipticCurvePublicKey):
        raise TypeError("only RSA and EC certificates can receive a package")
    ephemeral = ec.generate_private_key(recipient.curve)
    point = ephemeral.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    kek = _kek(ephemeral.exchange(ec.ECDH(), recipient), package_id, recipient_fp, point)
    nonce = os.urandom(12)
    return {
        "method": ECDH_METHOD,
        "curve": recipient.curve.name,
        "ephemeral_public_key": _b64(point),
        "nonce": _b64(nonce),
        "wrapped_key": _b64(AESGCM(kek).encrypt(nonce, key, WRAP_INFO)),
    }


def _kek(shared: bytes, package_id: str, recipient_fp: str, point: bytes) -> bytes:
    info = WRAP_INFO + b"|" + recipient_fp.encode() + b"|" + point
    return HKDF(hashes.SHA256(), 32, salt=package_id.encode(), info=info).derive(shared)


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def _pss() -> padding.PSS:
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)


def _signature_block(body: bytes, sender: SigningMaterial) -> bytes:
    key = serialization.load_der_private_key(sender.private_key_der, password=None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm, signature = "ecdsa-sha256", key.sign(body, ec.ECDSA(hashes.SHA256()))
    elif isinstance(key, rsa.RSAPrivateKey):
        algorithm, signature = "rsa-pss-sha256", key.sign(body, _pss(), hashes.SHA256())
    else:
        raise TypeError("only RSA and EC keys sign packages")
    block = {
        "algorithm": algorithm,
        "certificate": _b64(sender.certificate_der),
        "signature": _b64(signature),
    }
    return json.dumps(block, sort_keys=True, separators=(",", ":")).encode()
