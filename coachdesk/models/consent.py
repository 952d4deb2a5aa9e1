"""Consent: which data categories may go to which recipient, for what, until when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachdesk.models.base import Base, StrEnumType, Timestamped
from coachdesk.models.enums import ConsentMethod, DataCategory, LegalBasis


class Consent(Timestamped, Base):
    __tablename__ = "consent"
    # 0008: consents valid on a day, per participant, without reading the table.
    __table_args__ = (
        Index("ix_consent_validity", "given_on", "valid_until", "withdrawn_on", "participant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    recipient_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), default=None
    )
    recipient_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id"), default=None
    )
    purpose: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[LegalBasis] = mapped_column(
        StrEnumType(LegalBasis), default=LegalBasis.CONSENT
    )
    method: Mapped[ConsentMethod] = mapped_column(
        StrEnumType(ConsentMethod), default=ConsentMethod.WRITTEN
    )
    witness: Mapped[str] = mapped_column(String(200), default="")
    notice_version: Mapped[str] = mapped_column(String(50), default="")
    notice_language: Mapped[str] = mapped_column(String(20), default="de")
    interpreter: Mapped[str] = mapped_column(String(200), default="")
    given_on: Mapped[dt.date] = mapped_column(Date, index=True)
    valid_until: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    paper_reference: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")

    category_rows: Mapped[list[ConsentCategory]] = relationship(
        back_populates="consent", cascade="all, delete-orphan"
    )

    @property
    def categories(self) -> frozenset[DataCategory]:
        return frozenset(row.category for row in self.category_rows)

    def is_valid_on(self, day: dt.date) -> bool:
        """Given on or before ``day``, not expired, not withdrawn by then."""
        if self.given_on > day:
            return False
        if self.valid_until is not None and day > self.valid_until:
            return False
        return not (self.withdrawn_on is not None and day >= self.withdrawn_on)

    def covers_recipient(self, organisation_id: int | None, contact_id: int | None) -> bool:
        """A consent for an organisation covers its staff; one for a person only that person."""
        if self.recipient_contact_id is not None:
            return contact_id == self.recipient_contact_id
        return (
            self.recipient_organisation_id is not None
            and organisation_id == self.recipient_organisation_id
        )


class ConsentCategory(Base):
    __tablename__ = "consent_category"
    __table_args__ = (UniqueConstraint("consent_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(
        ForeignKey("consent.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[DataCategory] = mapped_column(StrEnumType(DataCategory))

    consent: Mapped[Consent] = relationship(back_populates="category_rows")
