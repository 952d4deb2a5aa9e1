"""What left the vault: exported documents and the coach's signing identity."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, UTCDateTime, utcnow


class ExportRecord(Base):
    """One exported document: to whom, when, which categories, its SHA-256; never its content."""

    __tablename__ = "export_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    document_type: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10), default="de")
    recipient_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), default=None
    )
    recipient_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="SET NULL"), default=None
    )
    purpose: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated DataCategory values that were included / withheld.
    categories: Mapped[str] = mapped_column(Text, default="")
    withheld_categories: Mapped[str] = mapped_column(Text, default="")
    consent_ids: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    signer_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    # Papers of her file that were appended as pages: comma-separated "attachment id:SHA-256"
    # of each file (no titles: the register names what left, not what it says).
    enclosures: Mapped[str] = mapped_column(Text, default="")


class SigningIdentity(Base):
    """The coach's key and certificate for PAdES signatures (kept only inside the vault)."""

    __tablename__ = "signing_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    subject_name: Mapped[str] = mapped_column(String(200))
    # DER-encoded certificate, chain (concatenated DER, may be empty) and PKCS#8 private key.
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    chain_der: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    private_key_der: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Draft(Base):
    """Unsaved form content, kept in the vault when the app locks or crashes."""

    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
