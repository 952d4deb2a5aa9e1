"""Colleagues' certificates: imported once from a file, verified by their fingerprint.

A transfer package is written for a colleague's public key and checked against her
certificate when one arrives from her. Trust comes from one act only: the coach compares
the fingerprint with the colleague (by phone or in person) and marks it verified.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.models import ColleagueCertificate, ContactPerson, Organisation, SigningIdentity
from coachdesk.models.base import utcnow
from coachdesk.services import audit
from coachdesk.services.common import get_row, load
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import ValidationError

CERTIFICATE_LIMIT = 64 * 1024
"""A certificate file is a few hundred bytes; anything this large is something else."""
CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)
MIN_RSA_BITS = 2048


def fingerprint_groups(fingerprint: str) -> str:
    """The SHA-256 fingerprint as 16 groups of four, to read aloud and compare."""
    hexa = fingerprint.upper()
    return " ".join(hexa[i : i + 4] for i in range(0, len(hexa), 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted (groups, colons, any case) in the stored form."""
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")


def parse_certificate(data: bytes) -> x509.Certificate:
    """A certificate from a PEM or DER file; only public keys that can receive a package."""
    if len(data) > CERTIFICATE_LIMIT:
        raise _not_a_certificate()
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
        key = cert.public_key()
    except (ValueError, TypeError) as exc:
        raise _not_a_certificate() from exc
    if isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, CURVES):
        return cert
    if isinstance(key, rsa.RSAPublicKey) and key.key_size >= MIN_RSA_BITS:
        return cert
    raise ValidationError.single(
        "certificate",
        N_("This certificate's key cannot receive transfers (RSA or EC P-256/384/521 needed)."),
    )


def _not_a_certificate() -> ValidationError:
    return ValidationError.single(
        "certificate", N_("This is not a certificate file (PEM or DER expected).")
    )


def common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def der_fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


@dataclass(frozen=True)
class ColleagueInfo:
    """A colleague's certificate as the Colleagues page and the CLI list it."""

    id: int
    name: str
    fingerprint: str
    organisation: str
    """Her organisation's name in the directory ("" when none is linked)."""
    contact: str
    valid_from: dt.datetime
    valid_until: dt.datetime
    verified_at: dt.datetime | None
    verified_by: str
    removed_at: dt.datetime | None

    @property
    def grouped_fingerprint(self) -> str:
        return fingerprint_groups(self.fingerprint)

    def usable_on(self, now: dt.datetime) -> bool:
        return usability(self, now) is None


def usability(info: ColleagueInfo, now: dt.datetime) -> str | None:
    """Why this certificate may not be used for a transfer now (None: it may)."""
    if info.removed_at is not None:
        return N_("This colleague's certificate was removed; it is not used any more.")
    if info.verified_at is None:
        return N_(
            "This colleague's certificate is not verified yet. Compare its fingerprint with "
            "her (by phone or in person) and mark it as verified first."
        )
    if now < info.valid_from:
        return N_("This colleague's certificate is not valid yet.")
    if now > info.valid_until:
        return N_("This colleague's certificate has expired. Ask her for her new certificate.")
    return None


def info_of(s: Session, row: ColleagueCertificate) -> ColleagueInfo:
    cert = x509.load_der_x509_certificate(row.certificate_der)
    org = get_row(s, Organisation, row.organisation_id) if row.organisation_id else None
    contact = get_row(s, ContactPerson, row.contact_person_id) if row.contact_person_id else None
    return ColleagueInfo(
        id=row.id,
        name=row.name,
        fingerprint=row.fingerprint_sha256,
        organisation=org.name if org is not None else "",
        contact=contact.name if contact is not None else "",
        valid_from=cert.not_valid_before_utc.replace(tzinfo=None),
        valid_until=cert.not_valid_after_utc.replace(tzinfo=None),
        verified_at=row.verified_at,
        verified_by=row.verified_by,
        removed_at=row.removed_at,
    )


def find(s: Session, fingerprint: str) -> ColleagueCertificate | None:
    q = select(ColleagueCertificate).where(
        ColleagueCertificate.fingerprint_sha256 == normalise_fingerprint(fingerprint)
    )
    return s.scalars(q).first()


def require_usable(s: Session, row: ColleagueCertificate | None, now: dt.datetime) -> None:
    """A ValidationError in words unless ``row`` may be used for a transfer now."""
    if row is None:
        raise ValidationError.single(
            "colleague",
            N_("No colleague with this fingerprint. Import her certificate first."),
        )
    reason = usability(info_of(s, row), now)
    if reason is not None:
        raise ValidationError.single("colleague", reason)


class ColleagueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def colleagues(self, *, with_removed: bool = False) -> list[ColleagueInfo]:
        with self.ctx.read() as s:
            q = select(ColleagueCertificate).order_by(ColleagueCertificate.name)
            if not with_removed:
                q = q.where(ColleagueCertificate.removed_at.is_(None))
            return [info_of(s, row) for row in s.scalars(q)]

    def get(self, colleague_id: int) -> ColleagueInfo:
        with self.ctx.read() as s:
            return info_of(s, load(s, ColleagueCertificate, colleague_id, "colleague"))

    def peek(self, data: bytes) -> tuple[str, str, dt.datetime]:
        """Name, fingerprint and end of validity of a certificate file, nothing stored."""
        cert = parse_certificate(data)
        fingerprint = der_fingerprint(cert.public_bytes(serialization.Encoding.DER))
        return common_name(cert), fingerprint, cert.not_valid_after_utc.replace(tzinfo=None)

    def import_certificate(
        self,
        data: bytes,
        *,
        organisation_id: int | None = None,
        contact_id: int | None = None,
    ) -> ColleagueInfo:
        """Keep a colleague's certificate, not yet verified; her own or one known is refused."""
        cert = parse_certificate(data)
        der = cert.public_bytes(serialization.Encoding.DER)
        fingerprint = der_fingerprint(der)
        with self.ctx.write() as s:
            own = select(SigningIdentity.id).where(
                SigningIdentity.fingerprint_sha256 == fingerprint
            )
            if s.scalar(own) is not None:
                raise ValidationError.single(
                    "certificate", N_("This is your own certificate, not a colleague's.")
                )
            known = find(s, fingerprint)
            if known is not None and known.removed_at is None:
                raise ValidationError.single(
                    "certificate", N_("This colleague's certificate is already in the list.")
                )
            if organisation_id is not None:
                load(s, Organisation, organisation_id, "organisation")
            if contact_id is not None:
                contact = load(s, ContactPerson, contact_id, "contact")
                organisation_id = organisation_id or contact.organisation_id
            if known is not None:  # imported again after removal: a fresh start
                s.delete(known)
                s.flush()
            row = ColleagueCertificate(
                name=common_name(cert)[:200],
                certificate_der=der,
                fingerprint_sha256=fingerprint,
                organisation_id=organisation_id,
                contact_person_id=contact_id,
            )
            s.add(row)
            s.flush()
            audit.record(
                s, self.ctx, "import", "colleague", row.id, details={"sha256": fingerprint}
            )
            result = info_of(s, row)
        self.ctx.publish(Changes.of({ChangeKind.COLLEAGUE}))
        return result

    def verify(self, colleague_id: int, how: str = "") -> ColleagueInfo:
        """She compared the fingerprint with the colleague: recorded with who, when and how."""
        with self.ctx.write() as s:
            row = load(s, ColleagueCertificate, colleague_id, "colleague")
            if row.removed_at is not None:
                raise ValidationError.single(
                    "colleague",
                    N_("This colleague's certificate was removed; it is not used any more."),
                )
            row.verified_at = utcnow()
            row.verified_by = self.ctx.actor
            row.verified_how = how.strip()[:200]
            details = {"sha256": row.fingerprint_sha256, "how": row.verified_how}
            audit.record(s, self.ctx, "verify", "colleague", row.id, details=details)
            result = info_of(s, row)
        self.ctx.publish(Changes.of({ChangeKind.COLLEAGUE}))
        return result

    def remove(self, colleague_id: int) -> None:
        """Never used again; the row stays so that past transfers still name her."""
        with self.ctx.write() as s:
            row = load(s, ColleagueCertificate, colleague_id, "colleague")
            if row.removed_at is None:
                row.removed_at = utcnow()
                details = {"sha256": row.fingerprint_sha256}
                audit.record(s, self.ctx, "remove", "colleague", row.id, details=details)
        self.ctx.publish(Changes.of({ChangeKind.COLLEAGUE}))
