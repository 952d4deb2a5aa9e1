"""The coach's signing identities as stored in the vault."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coachdesk.documents.signing import SigningMaterial
from coachdesk.i18n import N_
from coachdesk.models import SigningIdentity
from coachdesk.services.errors import ValidationError


@dataclass(frozen=True)
class SigningIdentityInfo:
    """What the settings screen shows about the signing certificate (never the key)."""

    id: int
    subject_name: str
    fingerprint_sha256: str
    created_at: dt.datetime
    valid_until: dt.datetime
    imported: bool


def active_identity(s: Session) -> SigningIdentity | None:
    q = select(SigningIdentity).where(SigningIdentity.active.is_(True))
    return s.scalars(q.order_by(SigningIdentity.id.desc()).limit(1)).first()


def active_material(s: Session) -> SigningMaterial:
    """What documents are signed with now, or a ValidationError asking for a certificate."""
    row = active_identity(s)
    if row is None:
        raise ValidationError.single(
            None, N_("Create or import a signing certificate first (Settings).")
        )
    return material_of(row)


def material_of(row: SigningIdentity) -> SigningMaterial:
    chain = _split_der(row.chain_der)
    return SigningMaterial(row.subject_name, row.certificate_der, chain, row.private_key_der)


def info_of(row: SigningIdentity) -> SigningIdentityInfo:
    cert = x509.load_der_x509_certificate(row.certificate_der)
    return SigningIdentityInfo(
        row.id,
        row.subject_name,
        row.fingerprint_sha256,
        row.created_at,
        cert.not_valid_after_utc.replace(tzinfo=None),
        row.imported,
    )


def store_identity(s: Session, material: SigningMaterial, *, imported: bool) -> SigningIdentity:
    """Keep ``material`` as the one active identity; older ones stay for the record."""
    s.execute(update(SigningIdentity).values(active=False))
    row = SigningIdentity(
        subject_name=material.subject_name,
        certificate_der=material.certificate_der,
        chain_der=b"".join(material.chain_der),
        private_key_der=material.private_key_der,
        fingerprint_sha256=material.fingerprint_sha256,
        imported=imported,
        active=True,
    )
    s.add(row)
    s.flush()
    return row


def _split_der(blob: bytes) -> tuple[bytes, ...]:
    """Concatenated DER certificates, one by one (each starts with a SEQUENCE header)."""
    out = []
    pos = 0
    while pos < len(blob):
        length_byte = blob[pos + 1]
        if length_byte < 0x80:
            header, length = 2, length_byte
        else:
            n = length_byte & 0x7F
            header, length = 2 + n, int.from_bytes(blob[pos + 2 : pos + 2 + n], "big")
        out.append(blob[pos : pos + header + length])
        pos += header + length
    return tuple(out)
