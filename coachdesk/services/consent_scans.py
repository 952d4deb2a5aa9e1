"""Written consents whose signed paper is not scanned into her file yet.

A consent given in writing is proven by the sheet she signed. Two weeks after it was given
the coach has had her chance to scan it; from then on Today reminds her until a paper is
linked to the consent, the consent is withdrawn or it has ended (an ended consent permits
nothing any more, so its missing scan no longer needs her today). One query with NOT EXISTS
on the indexed link, so a vault with thousands of consents stays fast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select

from coachdesk.models import Attachment, Consent, ContactPerson, Organisation, Participant
from coachdesk.models.enums import ConsentMethod

SCAN_DUE_AFTER = dt.timedelta(days=14)
"""How long after a written consent was given its signed paper should be in her file."""


@dataclass(frozen=True)
class ConsentWithoutScan:
    participant_id: int
    participant_name: str
    date: dt.date
    """The day the consent was given."""
    text: str
    """The recipient."""
    consent_id: int


def scan_due(given_on: dt.date, day: dt.date) -> bool:
    """Whether a written consent given on ``given_on`` should have its scan by ``day``."""
    return given_on + SCAN_DUE_AFTER <= day


def without_scan_where(
    day: ColumnElement[dt.date], given_by: ColumnElement[dt.date]
) -> list[ColumnElement[bool]]:
    """Written consents in force on ``day``, given by ``given_by`` (two weeks before), with
    no paper linked."""
    return [
        Consent.method == ConsentMethod.WRITTEN,
        Consent.given_on <= given_by,
        Consent.withdrawn_on.is_(None),
        or_(Consent.valid_until.is_(None), Consent.valid_until >= day),
        ~exists().where(Attachment.consent_id == Consent.id),
    ]


def without_scan_query(
    day: ColumnElement[dt.date], given_by: ColumnElement[dt.date], active: ColumnElement[bool]
) -> Select[*tuple[Any, ...]]:
    """The consents of :func:`without_scan_where` in files that are ``active`` (the
    reminders' filter), oldest first. Columns: participant id, her name, given on,
    recipient, consent id."""
    name = (Participant.first_name + " " + Participant.last_name).label("name")
    recipient = func.coalesce(ContactPerson.name, Organisation.name, "")
    return (
        select(Consent.participant_id, name, Consent.given_on, recipient, Consent.id)
        .join(Participant, Participant.id == Consent.participant_id)
        .outerjoin(Organisation, Organisation.id == Consent.recipient_organisation_id)
        .outerjoin(ContactPerson, ContactPerson.id == Consent.recipient_contact_id)
        .where(*without_scan_where(day, given_by), active)
        .order_by(Consent.given_on, Consent.id)
    )


def without_scan_entry(row: Any) -> ConsentWithoutScan:
    pid, who, given, text, cid = row
    return ConsentWithoutScan(pid, who.strip(), given, text, cid)
