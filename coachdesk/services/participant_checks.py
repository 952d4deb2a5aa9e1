"""A participant's checks that need the stored data: duplicates, the chosen officer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import ContactPerson, Participant, Programme
from coachdesk.services.common import get_row
from coachdesk.services.errors import FieldError
from coachdesk.transliteration import name_keys

if TYPE_CHECKING:
    from coachdesk.services.participants import ParticipantDraft


def stored_problems(s: Session, draft: ParticipantDraft, own_id: int | None) -> list[FieldError]:
    """What is wrong with ``draft`` given the vault (``own_id``: the participant edited)."""
    return _duplicates(s, draft, own_id) + _officer(s, draft) + _programme(s, draft)


def _duplicates(s: Session, draft: ParticipantDraft, own_id: int | None) -> list[FieldError]:
    problems: list[FieldError] = []
    if draft.date_of_birth is not None:
        # Names are compared folded over scripts, case and diacritics (Олена Шевченко is
        # Olena Shevchenko), in Python: SQLite cannot transliterate, and the people born
        # on one day are few (date_of_birth is indexed).
        same_day = s.execute(
            select(
                Participant.id,
                Participant.first_name,
                Participant.last_name,
                Participant.first_name_latin,
                Participant.last_name_latin,
            ).where(Participant.date_of_birth == draft.date_of_birth)
        )
        wanted = name_keys(
            draft.first_name, draft.last_name, draft.first_name_latin, draft.last_name_latin
        )
        if any(pid != own_id and wanted.same_person(name_keys(*names)) for pid, *names in same_day):
            problems.append(
                FieldError(
                    None,
                    Message(N_("A participant with this name and date of birth already exists.")),
                )
            )
    if draft.jobcentre_customer_number:
        same_number = select(Participant.id).where(
            Participant.jobcentre_customer_number == draft.jobcentre_customer_number
        )
        if own_id is not None:
            same_number = same_number.where(Participant.id != own_id)
        if s.scalar(same_number.limit(1)) is not None:
            problems.append(
                FieldError(
                    "jobcentre_customer_number",
                    Message(N_("Another participant already has this customer number.")),
                )
            )
    return problems


def _officer(s: Session, draft: ParticipantDraft) -> list[FieldError]:
    """The integration officer must be a contact in the directory (else: a foreign-key crash)."""
    chosen = draft.integration_officer_id
    if chosen is None or get_row(s, ContactPerson, chosen) is not None:
        return []
    message = Message(N_("This person is no longer in the directory."))
    return [FieldError("integration_officer_id", message)]


def _programme(s: Session, draft: ParticipantDraft) -> list[FieldError]:
    """Her programme must be a record of the vault (else: a foreign-key crash)."""
    chosen = draft.programme_id
    if chosen is None or get_row(s, Programme, chosen) is not None:
        return []
    return [FieldError("programme_id", Message(N_("This programme no longer exists.")))]
