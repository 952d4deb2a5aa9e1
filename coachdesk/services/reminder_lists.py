"""Today's lists as SQL: one ordered query per list (most urgent first), paged and counted.

Each list is a query whose rows become its entries; a page is the query with LIMIT/OFFSET,
its size a COUNT over the same query, so Today never reads more rows than it shows. The
dates the lists walk are indexed (migration 0007: open agreements by due date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from coachdesk.models import (
    AftercareFollowUp,
    Agreement,
    Consent,
    ContactPerson,
    Goal,
    Meeting,
    Organisation,
    Participant,
)
from coachdesk.models.enums import AftercareStatus, GoalStatus
from coachdesk.services import consent_scans

MEETINGS, AGREEMENTS, GOALS, CONSENTS, CONSENT_SCANS, AFTERCARE, RETENTION = (
    "meetings",
    "agreements",
    "goals",
    "consents",
    "consent_scans",
    "aftercare",
    "retention",
)
KEYS = (MEETINGS, AGREEMENTS, GOALS, CONSENTS, CONSENT_SCANS, AFTERCARE, RETENTION)

MEETINGS_AHEAD = dt.timedelta(days=14)
GOALS_AHEAD = dt.timedelta(days=14)
CONSENTS_AHEAD = dt.timedelta(days=30)
AFTERCARE_AHEAD = dt.timedelta(days=7)

Rows = Select[*tuple[Any, ...]]
"""A list's query: its columns differ from list to list."""

_NAME = (Participant.first_name + " " + Participant.last_name).label("name")
ACTIVE: ColumnElement[bool] = Participant.archived_at.is_(None)


@dataclass(frozen=True)
class ReminderList:
    """One of Today's lists: its query for a day (ordered, most urgent first), and the
    column holding the participant whose file an entry belongs to."""

    query: Callable[[dt.date], Rows]
    participant: InstrumentedAttribute[int]


def _meetings(day: dt.date) -> Rows:
    start = dt.datetime.combine(day, dt.time())
    return (
        select(
            Meeting.participant_id,
            _NAME,
            Meeting.held_at,
            Meeting.kind,
            Meeting.location,
            Meeting.id,
        )
        .join(Participant, Participant.id == Meeting.participant_id)
        .where(
            Meeting.held_at >= start,
            Meeting.held_at < start + MEETINGS_AHEAD + dt.timedelta(days=1),
            Meeting.archived_at.is_(None),
            ACTIVE,
        )
        .order_by(Meeting.held_at, Meeting.id)
    )


def _agreements(day: dt.date) -> Rows:
    # The partial index of open agreements by due date (0007) holds only what is not done.
    return (
        select(
            Meeting.participant_id,
            _NAME,
            Agreement.due_date,
            Agreement.what,
            Agreement.who,
            Agreement.id,
            Agreement.meeting_id,
        )
        .join(Meeting, Meeting.id == Agreement.meeting_id)
        .join(Participant, Participant.id == Meeting.participant_id)
        .where(
            Agreement.due_date < day,
            Agreement.done_on.is_(None),
            Meeting.archived_at.is_(None),
            ACTIVE,
        )
        .order_by(Agreement.due_date, Agreement.id)
    )


def _goals(day: dt.date) -> Rows:
    return (
        select(Goal.participant_id, _NAME, Goal.target_date, Goal.title, Goal.id)
        .join(Participant, Participant.id == Goal.participant_id)
        .where(
            Goal.target_date <= day + GOALS_AHEAD,
            Goal.status.in_([GoalStatus.OPEN, GoalStatus.IN_PROGRESS]),
            Goal.archived_at.is_(None),
            ACTIVE,
        )
        .order_by(Goal.target_date, Goal.id)
    )


def _consents(day: dt.date) -> Rows:
    recipient = func.coalesce(ContactPerson.name, Organisation.name, "")
    return (
        select(Consent.participant_id, _NAME, Consent.valid_until, recipient, Consent.id)
        .join(Participant, Participant.id == Consent.participant_id)
        .outerjoin(Organisation, Organisation.id == Consent.recipient_organisation_id)
        .outerjoin(ContactPerson, ContactPerson.id == Consent.recipient_contact_id)
        .where(
            and_(Consent.valid_until >= day, Consent.valid_until <= day + CONSENTS_AHEAD),
            Consent.withdrawn_on.is_(None),
            ACTIVE,
        )
        .order_by(Consent.valid_until, Consent.id)
    )


def _consent_scans(day: dt.date) -> Rows:
    return consent_scans.without_scan_query(day, ACTIVE)


def _aftercare(day: dt.date) -> Rows:
    return (
        select(
            AftercareFollowUp.participant_id,
            _NAME,
            AftercareFollowUp.due_on,
            AftercareFollowUp.contact_method,
            AftercareFollowUp.id,
        )
        .join(Participant, Participant.id == AftercareFollowUp.participant_id)
        .where(
            AftercareFollowUp.due_on <= day + AFTERCARE_AHEAD,
            AftercareFollowUp.status == AftercareStatus.PLANNED,
            AftercareFollowUp.done_on.is_(None),
            ACTIVE,
        )
        .order_by(AftercareFollowUp.due_on, AftercareFollowUp.id)
    )


def _retention(day: dt.date) -> Rows:
    # Archived files too: an archived file whose retention date has come must be erased.
    return (
        select(
            Participant.id,
            _NAME,
            Participant.retention_until,
            Participant.programme,
            Participant.archived_at,
        )
        .where(Participant.retention_until <= day)
        .order_by(Participant.retention_until, Participant.id)
    )


LISTS: dict[str, ReminderList] = {
    MEETINGS: ReminderList(_meetings, Meeting.participant_id),
    AGREEMENTS: ReminderList(_agreements, Meeting.participant_id),
    GOALS: ReminderList(_goals, Goal.participant_id),
    CONSENTS: ReminderList(_consents, Consent.participant_id),
    CONSENT_SCANS: ReminderList(_consent_scans, Consent.participant_id),
    AFTERCARE: ReminderList(_aftercare, AftercareFollowUp.participant_id),
    RETENTION: ReminderList(_retention, Participant.id),
}


def rows(
    s: Session,
    key: str,
    day: dt.date,
    offset: int = 0,
    limit: int | None = None,
    participant_ids: Iterable[int] | None = None,
) -> list[Any]:
    """The list's rows from ``offset`` on (at most ``limit``), most urgent first; only
    those of ``participant_ids`` when given."""
    spec = LISTS[key]
    q = spec.query(day)
    if participant_ids is not None:
        q = q.where(spec.participant.in_(list(participant_ids)))
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    return list(s.execute(q))


def count(s: Session, key: str, day: dt.date) -> int:
    """How many entries the list holds (SQL COUNT, no row leaves the database)."""
    inner = LISTS[key].query(day).order_by(None).subquery()
    return int(s.scalar(select(func.count()).select_from(inner)) or 0)
