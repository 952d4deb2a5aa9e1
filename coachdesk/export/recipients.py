"""Who receives a document: an organisation, one of its people, or both."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.models import Consent, ContactPerson, Organisation
from coachdesk.services.errors import ValidationError


@dataclass(frozen=True)
class Recipient:
    organisation_id: int | None
    contact_id: int | None
    name: str
    """"Organisation – Person", as the document names the recipient."""


def resolve(s: Session, organisation_id: int | None, contact_id: int | None) -> Recipient:
    """Check the recipient exists; a person's organisation is filled in when missing."""
    if organisation_id is None and contact_id is None:
        raise ValidationError.single("recipient", N_("Choose who receives the document."))
    contact = s.get(ContactPerson, contact_id) if contact_id is not None else None
    if contact_id is not None and contact is None:
        raise ValidationError.single("recipient", N_("This contact person no longer exists."))
    if contact is not None:
        if organisation_id is not None and organisation_id != contact.organisation_id:
            raise ValidationError.single(
                "recipient", N_("This contact person works for another organisation.")
            )
        organisation_id = contact.organisation_id
    if organisation_id is not None and s.get(Organisation, organisation_id) is None:
        raise ValidationError.single("recipient", N_("This organisation no longer exists."))
    return Recipient(organisation_id, contact_id, recipient_name(s, organisation_id, contact_id))


def recipient_name(s: Session, organisation_id: int | None, contact_id: int | None) -> str:
    parts = []
    org = s.get(Organisation, organisation_id) if organisation_id is not None else None
    if org is not None:
        parts.append(org.name)
    contact = s.get(ContactPerson, contact_id) if contact_id is not None else None
    if contact is not None:
        parts.append(contact.name)
    return " – ".join(parts)


def consent_for_form(
    s: Session, participant_id: int, recipient: Recipient, consent_id: int | None
) -> int:
    """The consent a form is printed for: the one asked for, or the latest for the recipient."""
    q = select(Consent).where(Consent.participant_id == participant_id)
    if consent_id is not None:
        q = q.where(Consent.id == consent_id)
    candidates = [
        c
        for c in s.scalars(q.order_by(Consent.given_on.desc(), Consent.id.desc()))
        if consent_id is not None
        or c.covers_recipient(recipient.organisation_id, recipient.contact_id)
    ]
    if not candidates:
        raise ValidationError.single(
            "consent",
            N_("Record the consent for this recipient first; the form is printed from it."),
        )
    return candidates[0].id
