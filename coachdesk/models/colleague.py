"""Colleagues' certificates, and the register of transfer packages sent and received."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, UTCDateTime, utcnow


class ColleagueCertificate(Base):
    """A colleague's certificate (public key only): whom transfer packages are written for.

    It is trusted only once verified: its fingerprint compared with the colleague by phone
    or in person (who did it and when is kept). A removed certificate stays for the record
    of past transfers but is never used again.
    """

    __tablename__ = "colleague_certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    """The certificate's common name (her name, as she made her certificate)."""
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), default=None
    )
    """Where she works, from the directory: a consent for it covers a transfer to her."""
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="SET NULL"), default=None
    )
    """She herself in the directory: a consent naming her covers a transfer to her."""
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    verified_by: Mapped[str] = mapped_column(String(200), default="")
    verified_how: Mapped[str] = mapped_column(String(200), default="")
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)


class TransferRecord(Base):
    """One person of a transfer package written or opened in this vault; never its content."""

    __tablename__ = "transfer_record"
    __table_args__ = (UniqueConstraint("package_id", "direction", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[str] = mapped_column(String(40))
    """The package's random id: a package is received at most once."""
    direction: Mapped[str] = mapped_column(String(10))
    """"sent" or "received"."""
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None, index=True
    )
    """Whom it was about: the record goes when she is erased (``ReceivedPackage`` stays)."""
    colleague_fingerprint: Mapped[str] = mapped_column(String(64))
    """The other side: the recipient of a sent package, the sender of a received one."""
    sha256: Mapped[str] = mapped_column(String(64))
    """SHA-256 of the whole package file."""
    categories: Mapped[str] = mapped_column(Text, default="")
    """Comma-separated data categories the package carries."""
    legal_basis: Mapped[str] = mapped_column(String(40), default="")
    consent_ids: Mapped[str] = mapped_column(String(200), default="")
    basis_note: Mapped[str] = mapped_column(Text, default="")
    """The coach's documentation of a legal basis other than consent."""
    merged: Mapped[int] = mapped_column(Integer, default=0)
    """1 when received records were attached to a person already in the vault."""


class ReceivedPackage(Base):
    """The id of every package imported here, kept when the person is erased, so that an old
    copy of the file is still refused. Nothing links it to her: a random id and a date."""

    __tablename__ = "received_package"

    package_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
