"""The package container alone: every key type a certificate may hold, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from coachdesk.documents.signing import SigningMaterial, create_identity
from coachdesk.export.transfer.container import new_package_id, seal
from coachdesk.export.transfer.unseal import (
    content_key,
    decrypt_manifest,
    decrypt_records,
    read_sealed,
)
from coachdesk.services.errors import ValidationError

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def _ec_identity(curve: ec.EllipticCurve) -> SigningMaterial:
    key = ec.generate_private_key(curve)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Curve coach")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=100))
        .sign(key, hashes.SHA256())
    )
    return SigningMaterial(
        "Curve coach",
        cert.public_bytes(serialization.Encoding.DER),
        (),
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


@pytest.mark.parametrize(
    ("sender_kind", "recipient_kind"),
    [("ecdsa", "ecdsa"), ("rsa", "rsa"), ("ecdsa", "rsa"), ("rsa", "p384"), ("ecdsa", "p521")],
)
def test_round_trip_for_every_key_type(sender_kind: str, recipient_kind: str) -> None:
    sender = create_identity("Anna", algorithm="rsa" if sender_kind == "rsa" else "ecdsa")
    if recipient_kind == "p384":
        recipient = _ec_identity(ec.SECP384R1())
    elif recipient_kind == "p521":
        recipient = _ec_identity(ec.SECP521R1())
    else:
        recipient = create_identity("Berit", algorithm=recipient_kind)  # type: ignore[arg-type]
    package_id = new_package_id()
    data = seal(
        b'{"package_id": "x"}',
        b"records",
        package_id=package_id,
        sender=sender,
        recipient_certificate_der=recipient.certificate_der,
        now=NOW,
    )
    sealed = read_sealed(data)
    assert sealed.header.package_id == package_id
    assert sealed.header.sender_fingerprint == sender.fingerprint_sha256
    assert sealed.header.recipient_fingerprint == recipient.fingerprint_sha256
    key = content_key(sealed, recipient)
    assert decrypt_manifest(sealed, key) == b'{"package_id": "x"}'
    assert decrypt_records(sealed, key) == b"records"
    with pytest.raises(ValidationError, match="altered"):
        content_key(sealed, create_identity("Carla"))


def test_the_header_names_no_person() -> None:
    sender, recipient = create_identity("Anna"), create_identity("Berit")
    data = seal(
        b"Olena Shevchenko",
        b"Olena Shevchenko",
        package_id=new_package_id(),
        sender=sender,
        recipient_certificate_der=recipient.certificate_der,
        now=NOW,
    )
    assert b"Olena" not in data
    assert set(read_sealed(data).header.to_json().decode()) <= set(
        '{}[]":,_-+.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/='
    )


def test_a_newer_format_asks_for_an_update() -> None:
    sender, recipient = create_identity("Anna"), create_identity("Berit")
    data = seal(
        b"m",
        b"r",
        package_id=new_package_id(),
        sender=sender,
        recipient_certificate_der=recipient.certificate_der,
        now=NOW,
    )
    newer = data.replace(b'"version":2', b'"version":3')
    with pytest.raises(ValidationError, match="newer CoachDesk"):
        read_sealed(newer)
