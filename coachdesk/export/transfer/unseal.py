"""Reading a transfer package: its structure, the sender's signature, the content key.

Every check refuses with a sentence and never says more than needed: a damaged, cut or
altered file is "altered", whatever part of it broke.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from coachdesk.documents.signing import SigningMaterial
from coachdesk.export.transfer.container import (
    ECDH_METHOD,
    HEADER_LIMIT,
    MAGIC,
    MANIFEST_LABEL,
    READABLE_VERSIONS,
    RECORDS_LABEL,
    RSA_METHOD,
    WRAP_INFO,
    Header,
    Sealed,
    _kek,
    _oaep,
    _pss,
    _unb64,
    altered,
)
from coachdesk.i18n import N_
from coachdesk.services.errors import ValidationError

_HEADER_KEYS = (
    "package_id",
    "created",
    "sender_fingerprint",
    "recipient_fingerprint",
    "key_wrap",
    "manifest_nonce",
    "records_nonce",
)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError("cut short")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def sized(self, width: int, limit: int | None = None) -> bytes:
        n = int.from_bytes(self.take(width), "big")
        if limit is not None and n > limit:
            raise ValueError("too large")
        return self.take(n)


def read_sealed(data: bytes) -> Sealed:
    """The package's parts, its signature checked against the certificate it carries."""
    if not data.startswith(MAGIC):
        raise altered()
    try:
        r = _Reader(data)
        r.take(len(MAGIC))
        header_bytes = r.sized(4, HEADER_LIMIT)
        raw = json.loads(header_bytes)
        manifest = r.sized(8)
        records = r.sized(8)
        signed_end = r.pos
        block = json.loads(r.sized(4, HEADER_LIMIT))
        if r.pos != len(data) or not isinstance(raw, dict) or not isinstance(block, dict):
            raise ValueError("trailing bytes or not objects")
    except (ValueError, UnicodeDecodeError) as exc:
        raise altered() from exc
    if raw.get("format") != "coachdesk-transfer":
        raise altered()
    version = raw.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise ValidationError.single(
            "package",
            N_("This transfer file was made by a newer CoachDesk. Please update CoachDesk."),
        )
    try:
        header = Header(**{k: raw[k] for k in _HEADER_KEYS}, version=version)
        certificate_der = _check_signature(data[:signed_end], block)
    except (KeyError, TypeError, ValueError) as exc:
        raise altered() from exc
    if hashlib.sha256(certificate_der).hexdigest() != header.sender_fingerprint:
        raise altered()
    if header.to_json() != header_bytes:  # only the canonical form is accepted
        raise altered()
    return Sealed(
        header=header,
        header_bytes=header_bytes,
        manifest_ciphertext=manifest,
        records_ciphertext=records,
        sender_certificate_der=certificate_der,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _check_signature(body: bytes, block: dict[str, Any]) -> bytes:
    certificate_der = _unb64(block["certificate"])
    signature = _unb64(block["signature"])
    key = x509.load_der_x509_certificate(certificate_der).public_key()
    try:
        if block["algorithm"] == "ecdsa-sha256" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, body, ec.ECDSA(hashes.SHA256()))
        elif block["algorithm"] == "rsa-pss-sha256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, body, _pss(), hashes.SHA256())
        else:
            raise ValueError("unknown signature algorithm")
    except InvalidSignature as exc:
        raise ValueError("signature does not match") from exc
    return certificate_der


def content_key(sealed: Sealed, own: SigningMaterial) -> bytes:
    """The package's key, unwrapped with the recipient's own private key."""
    wrap = sealed.header.key_wrap
    key = serialization.load_der_private_key(own.private_key_der, password=None)
    try:
        if wrap.get("method") == RSA_METHOD and isinstance(key, rsa.RSAPrivateKey):
            return key.decrypt(_unb64(wrap["wrapped_key"]), _oaep())
        if wrap.get("method") == ECDH_METHOD and isinstance(key, ec.EllipticCurvePrivateKey):
            point = _unb64(wrap["ephemeral_public_key"])
            ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(key.curve, point)
            kek = _kek(
                key.exchange(ec.ECDH(), ephemeral),
                sealed.header.package_id,
                sealed.header.recipient_fingerprint,
                point,
            )
            return AESGCM(kek).decrypt(
                _unb64(wrap["nonce"]), _unb64(wrap["wrapped_key"]), WRAP_INFO
            )
    except (InvalidTag, KeyError, ValueError, TypeError) as exc:
        raise altered() from exc
    raise altered()


def decrypt_manifest(sealed: Sealed, key: bytes) -> bytes:
    return _decrypt(
        key,
        sealed.header.manifest_nonce,
        sealed.manifest_ciphertext,
        sealed.header_bytes + MANIFEST_LABEL,
    )


def decrypt_records(sealed: Sealed, key: bytes) -> bytes:
    return _decrypt(
        key,
        sealed.header.records_nonce,
        sealed.records_ciphertext,
        sealed.header_bytes + RECORDS_LABEL,
    )


def _decrypt(key: bytes, nonce: str, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(_unb64(nonce), ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        raise altered() from exc
