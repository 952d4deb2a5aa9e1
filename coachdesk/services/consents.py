"""Consent: which data categories may go to which recipient, for what, until when.

A consent is never archived or deleted: its end is its **withdrawal** (``withdraw``),
which keeps the record as proof of what was allowed until then. A withdrawn consent
cannot be edited; a new one is recorded instead. Change kind: "consent".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coachdesk.i18n import N_
from coachdesk.models import Consent, ConsentCategory, ContactPerson, Organisation
from coachdesk.models.enums import ConsentMethod, DataCategory, LegalBasis
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, get_row, load, load_participant, storable
from coachdesk.services.consent_rules import check_recipient, duplicate, validate_consent
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import ValidationError
from coachdesk.services.records import strip_text, to_record


@dataclass(frozen=True)
class ConsentDraft:
    categories: frozenset[DataCategory]
    purpose: str
    given_on: dt.date
    recipient_organisation_id: int | None = None
    """A consent for an organisation covers its staff ..."""
    recipient_contact_id: int | None = None
    """... one for a contact person only that person."""
    legal_basis: LegalBasis = LegalBasis.CONSENT
    method: ConsentMethod = ConsentMethod.WRITTEN
    witness: str = ""
    notice_version: str = ""
    """Version of the information sheet she was given."""
    notice_language: str = "de"
    interpreter: str = ""
    valid_until: dt.date | None = None
    paper_reference: str = ""
    """Where the signed paper is filed."""
    recorded_by: str = ""


@dataclass(frozen=True)
class ConsentRecord(ConsentDraft):
    id: int = 0
    participant_id: int = 0
    withdrawn_on: dt.date | None = None
    recipient_name: str = ""
    created_at: dt.datetime | None = None

    def is_valid_on(self, day: dt.date) -> bool:
        """Given on or before ``day``, not expired, not withdrawn by then."""
        return _as_model(self).is_valid_on(day)

    def covers_recipient(self, organisation_id: int | None, contact_id: int | None) -> bool:
        return _as_model(self).covers_recipient(organisation_id, contact_id)

    def draft(self) -> ConsentDraft:
        return to_record(ConsentDraft, self)


class ConsentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries -----------------------------------------------------------------------------

    def get(self, consent_id: int) -> ConsentRecord:
        with self.ctx.read() as s:
            return _record(s, load(s, Consent, consent_id, "consent"))

    def list_for_participant(self, participant_id: int) -> list[ConsentRecord]:
        """All her consents, newest first, withdrawn ones included (they are the history)."""
        if not storable(participant_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            return [_record(s, c) for c in _consents(s, participant_id)]

    def valid_on(
        self,
        participant_id: int,
        on: dt.date,
        organisation_id: int | None,
        contact_id: int | None,
    ) -> list[ConsentRecord]:
        """Consents that allow passing data to this recipient on ``on``.

        A contact person is also covered by consents for her organisation, so the
        organisation is looked up when only the contact is given.
        """
        with self.ctx.read() as s:
            if organisation_id is None and contact_id is not None:
                contact = get_row(s, ContactPerson, contact_id)
                organisation_id = contact.organisation_id if contact is not None else None
            return [
                _record(s, c)
                for c in _consents(s, participant_id)
                if c.is_valid_on(on) and c.covers_recipient(organisation_id, contact_id)
            ]

    # -- mutations ---------------------------------------------------------------------------

    def record(self, participant_id: int, draft: ConsentDraft) -> ConsentRecord:
        draft = self._normalise(draft)
        validation.raise_if(validate_consent(draft, self.ctx.today()))
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            validation.raise_if(check_recipient(s, draft))
            validation.raise_if(duplicate(s, participant_id, draft, None))
            consent = Consent(participant_id=participant_id)
            _apply(consent, draft)
            s.add(consent)
            s.flush()
            audit.record(s, self.ctx, "create", "consent", consent.id, participant_id)
            result = _record(s, consent)
        self._publish(participant_id)
        return result

    def update(self, consent_id: int, draft: ConsentDraft) -> ConsentRecord:
        """Correct a consent as recorded (a typo, the paper reference); not after withdrawal."""
        draft = self._normalise(draft)
        validation.raise_if(validate_consent(draft, self.ctx.today()))
        with self.ctx.write() as s:
            consent = load(s, Consent, consent_id, "consent")
            if consent.withdrawn_on is not None:
                raise ValidationError.single(
                    None,
                    N_("A withdrawn consent cannot be changed. Please record a new consent."),
                )
            validation.raise_if(check_recipient(s, draft))
            validation.raise_if(duplicate(s, consent.participant_id, draft, consent_id))
            changed = _apply(consent, draft)
            audit_update(s, self.ctx, "consent", consent.id, consent.participant_id, changed)
            s.flush()
            result = _record(s, consent)
        self._publish(result.participant_id)
        return result

    def withdraw(self, consent_id: int, on: dt.date) -> ConsentRecord:
        """She withdrew the consent on ``on``: from that day on nothing may go out under it."""
        with self.ctx.write() as s:
            consent = load(s, Consent, consent_id, "consent")
            if consent.withdrawn_on is not None:
                raise ValidationError.single(
                    "withdrawn_on", N_("This consent has already been withdrawn.")
                )
            if on < consent.given_on:
                raise ValidationError.single(
                    "withdrawn_on",
                    N_("A consent cannot be withdrawn before the day it was given."),
                )
            if on > self.ctx.today():
                raise ValidationError.single(
                    "withdrawn_on", N_("This date is in the future; it has not happened yet.")
                )
            consent.withdrawn_on = on
            audit.record(s, self.ctx, "withdraw", "consent", consent.id, consent.participant_id)
            s.flush()
            result = _record(s, consent)
        self._publish(result.participant_id)
        return result

    def _normalise(self, draft: ConsentDraft) -> ConsentDraft:
        draft = strip_text(to_record(ConsentDraft, draft))
        if not draft.recorded_by:
            draft = replace(draft, recorded_by=self.ctx.actor)
        return replace(draft, categories=frozenset(draft.categories))

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.CONSENT}, {participant_id}))


def _consents(s: Session, participant_id: int) -> list[Consent]:
    q = (
        select(Consent)
        .where(Consent.participant_id == participant_id)
        .options(selectinload(Consent.category_rows))
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    )
    return list(s.scalars(q))


def _apply(consent: Consent, draft: ConsentDraft) -> list[str]:
    """Copy the draft; categories live in their own rows."""
    plain = {k: v for k, v in vars(draft).items() if k != "categories"}
    changed = [k for k, v in plain.items() if getattr(consent, k, None) != v]
    for k in changed:
        setattr(consent, k, plain[k])
    current = consent.categories if consent.id is not None else frozenset()
    if current != draft.categories:
        keep = [row for row in consent.category_rows if row.category in draft.categories]
        consent.category_rows[:] = keep
        for cat in sorted(draft.categories - current):
            consent.category_rows.append(ConsentCategory(category=cat))
        changed.append("categories")
    return changed


def _as_model(record: ConsentRecord) -> Consent:
    """A transient model object, never added to a session, to reuse its rules."""
    return Consent(
        given_on=record.given_on,
        valid_until=record.valid_until,
        withdrawn_on=record.withdrawn_on,
        recipient_organisation_id=record.recipient_organisation_id,
        recipient_contact_id=record.recipient_contact_id,
    )


def _record(s: Session, consent: Consent) -> ConsentRecord:
    return to_record(
        ConsentRecord,
        consent,
        categories=consent.categories,
        recipient_name=recipient_name(
            s, consent.recipient_organisation_id, consent.recipient_contact_id
        ),
    )


def recipient_name(s: Session, organisation_id: int | None, contact_id: int | None) -> str:
    """ "Name (Organisation)" for a contact person, the organisation's name otherwise."""
    organisation = (
        get_row(s, Organisation, organisation_id) if organisation_id is not None else None
    )
    contact = get_row(s, ContactPerson, contact_id) if contact_id is not None else None
    if contact is not None:
        org_name = organisation.name if organisation else contact.organisation.name
        return f"{contact.name} ({org_name})"
    return organisation.name if organisation is not None else ""
