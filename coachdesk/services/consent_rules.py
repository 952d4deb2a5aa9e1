"""The rules a consent must satisfy: the pure ones and those that need the directory."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coachdesk.i18n import N_, Message
from coachdesk.models import Consent, ContactPerson, Organisation
from coachdesk.models.enums import SPECIAL_CATEGORIES, ConsentMethod, DataCategory, LegalBasis
from coachdesk.services import validation
from coachdesk.services.common import get_row, not_in_future
from coachdesk.services.errors import FieldError

if TYPE_CHECKING:
    from coachdesk.services.consents import ConsentDraft

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?$")


def validate_consent(draft: ConsentDraft, today: dt.date) -> list[FieldError]:
    """Every rule a consent must satisfy on its own (the recipient's existence needs the vault)."""
    problems: list[FieldError] = []
    if not draft.categories:
        _add(problems, "categories", N_("Please choose at least one kind of data."))
    elif not draft.categories <= set(DataCategory):
        _add(problems, "categories", N_("Please choose one of the offered values."))
    if draft.recipient_organisation_id is None and draft.recipient_contact_id is None:
        _add(
            problems,
            "recipient",
            N_("Please choose to whom the data may go (an organisation or a person)."),
        )
    validation.required(problems, "purpose", draft.purpose, N_("the purpose"))
    validation.required(problems, "given_on", draft.given_on, N_("the date it was given"))
    validation.lengths(problems, Consent, draft)
    validation.one_of(problems, "legal_basis", draft.legal_basis, LegalBasis)
    validation.one_of(problems, "method", draft.method, ConsentMethod)
    not_in_future(problems, "given_on", draft.given_on, today)
    validation.date_order(
        problems,
        draft.given_on,
        draft.valid_until,
        "valid_until",
        N_("A consent cannot end before the day it was given."),
    )
    if draft.method == ConsentMethod.ORAL_WITH_WITNESS and not draft.witness:
        _add(problems, "witness", N_("Oral consent needs a witness. Please enter the name."))
    if draft.notice_language and not _LANGUAGE_CODE.match(draft.notice_language):
        _add(
            problems,
            "notice_language",
            N_("Please enter the language as a short code, for example de, ar or uk."),
        )
    special = draft.categories & SPECIAL_CATEGORIES
    if special:
        if draft.legal_basis != LegalBasis.EXPLICIT_CONSENT:
            _add(
                problems,
                "legal_basis",
                N_("Health and residence status need explicit consent (GDPR Art. 9(2)(a))."),
            )
        if draft.method != ConsentMethod.WRITTEN:
            _add(
                problems,
                "method",
                N_("Health and residence status may only be shared with written consent."),
            )
    return problems


def check_recipient(s: Session, draft: ConsentDraft) -> list[FieldError]:
    """The recipient exists, and a named person works for the named organisation."""
    problems: list[FieldError] = []
    organisation = (
        get_row(s, Organisation, draft.recipient_organisation_id)
        if draft.recipient_organisation_id is not None
        else None
    )
    if draft.recipient_organisation_id is not None and organisation is None:
        _add(problems, "recipient", N_("This organisation is no longer in the directory."))
    if draft.recipient_contact_id is not None:
        contact = get_row(s, ContactPerson, draft.recipient_contact_id)
        if contact is None:
            _add(problems, "recipient", N_("This person is no longer in the directory."))
        elif organisation is not None and contact.organisation_id != organisation.id:
            _add(problems, "recipient", N_("This contact person works for another organisation."))
    return problems


def duplicate(
    s: Session, participant_id: int, draft: ConsentDraft, own_id: int | None
) -> list[FieldError]:
    """The same consent (recipient, kinds of data, day) recorded twice and not withdrawn."""
    q = (
        select(Consent)
        .where(
            Consent.participant_id == participant_id,
            Consent.given_on == draft.given_on,
            Consent.withdrawn_on.is_(None),
        )
        .options(selectinload(Consent.category_rows))
    )
    for other in s.scalars(q):
        if (
            other.id != own_id
            and other.recipient_organisation_id == draft.recipient_organisation_id
            and other.recipient_contact_id == draft.recipient_contact_id
            and other.categories == draft.categories
        ):
            return [
                FieldError(
                    None,
                    Message(N_("This consent has already been recorded for the same day.")),
                )
            ]
    return []


def _add(problems: list[FieldError], field: str, msgid: str) -> None:
    problems.append(FieldError(field, Message(msgid)))
