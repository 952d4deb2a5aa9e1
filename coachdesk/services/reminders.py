"""What needs the coach's attention today: one indexed query per list, no per-row queries.

Archived participants are left out of every list except retention (an archived file
whose retention date has come is exactly what must be erased).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Date, and_, func, literal_column, select
from sqlalchemy.orm import Session

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
from coachdesk.models.enums import AftercareStatus, GoalStatus, MeetingKind
from coachdesk.services.consent_scans import ConsentWithoutScan, consents_without_scan
from coachdesk.services.context import ServiceContext

MEETINGS_AHEAD = dt.timedelta(days=14)
GOALS_AHEAD = dt.timedelta(days=14)
CONSENTS_AHEAD = dt.timedelta(days=30)
AFTERCARE_AHEAD = dt.timedelta(days=7)


@dataclass(frozen=True)
class UpcomingMeeting:
    participant_id: int
    participant_name: str
    date: dt.date
    held_at: dt.datetime
    kind: MeetingKind
    text: str
    """Where it takes place."""
    meeting_id: int


@dataclass(frozen=True)
class OverdueAgreement:
    participant_id: int
    participant_name: str
    date: dt.date
    """The due date that has passed."""
    text: str
    """What was agreed."""
    who: str
    agreement_id: int
    meeting_id: int


@dataclass(frozen=True)
class GoalDue:
    participant_id: int
    participant_name: str
    date: dt.date
    """The target date (may have passed)."""
    text: str
    """The goal's title."""
    goal_id: int


@dataclass(frozen=True)
class ConsentExpiring:
    participant_id: int
    participant_name: str
    date: dt.date
    """The last day the consent is valid."""
    text: str
    """The recipient."""
    consent_id: int


@dataclass(frozen=True)
class AftercareDue:
    participant_id: int
    participant_name: str
    date: dt.date
    text: str
    """How she is to be contacted, when known."""
    followup_id: int


@dataclass(frozen=True)
class RetentionReached:
    participant_id: int
    participant_name: str
    date: dt.date
    """The retention date: her data is due for erasure."""
    text: str
    """Her programme."""
    archived: bool


@dataclass(frozen=True)
class TodayOverview:
    day: dt.date
    upcoming_meetings: tuple[UpcomingMeeting, ...]
    overdue_agreements: tuple[OverdueAgreement, ...]
    goals_due: tuple[GoalDue, ...]
    consents_expiring: tuple[ConsentExpiring, ...]
    aftercare_due: tuple[AftercareDue, ...]
    retention_reached: tuple[RetentionReached, ...]
    consents_without_scan: tuple[ConsentWithoutScan, ...] = ()

    @property
    def count(self) -> int:
        return (
            len(self.upcoming_meetings)
            + len(self.overdue_agreements)
            + len(self.goals_due)
            + len(self.consents_expiring)
            + len(self.aftercare_due)
            + len(self.retention_reached)
            + len(self.consents_without_scan)
        )


_NAME = (Participant.first_name + " " + Participant.last_name).label("name")
_ACTIVE: ColumnElement[bool] = Participant.archived_at.is_(None)
# Nearly every agreement ever made is due in the past (and done), so walking the due-date
# index and fetching each row is five times slower than one pass over the table; the
# unary plus keeps SQLite from using that index (1.4 s -> 0.25 s at 100,000 agreements).
_due_unindexed = literal_column("+agreement.due_date", Date)


class ReminderService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def today(self, day: dt.date | None = None) -> TodayOverview:
        day = day or self.ctx.today()
        with self.ctx.read() as s:
            return TodayOverview(
                day,
                _meetings(s, day),
                _agreements(s, day),
                _goals(s, day),
                _consents(s, day),
                _aftercare(s, day),
                _retention(s, day),
                consents_without_scan(s, day, _ACTIVE),
            )


def _known(value: dt.date | None) -> dt.date:
    """A date column the query already filtered to be set."""
    assert value is not None
    return value


def _meetings(s: Session, day: dt.date) -> tuple[UpcomingMeeting, ...]:
    start = dt.datetime.combine(day, dt.time())
    q = (
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
            _ACTIVE,
        )
        .order_by(Meeting.held_at, Meeting.id)
    )
    return tuple(
        UpcomingMeeting(pid, name.strip(), held_at.date(), held_at, kind, location, mid)
        for pid, name, held_at, kind, location, mid in s.execute(q)
    )


def _agreements(s: Session, day: dt.date) -> tuple[OverdueAgreement, ...]:
    q = (
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
            _due_unindexed < day,
            Agreement.done_on.is_(None),
            Meeting.archived_at.is_(None),
            _ACTIVE,
        )
        .order_by(_due_unindexed, Agreement.id)
    )
    return tuple(
        OverdueAgreement(pid, name.strip(), _known(due), what, who, aid, mid)
        for pid, name, due, what, who, aid, mid in s.execute(q)
    )


def _goals(s: Session, day: dt.date) -> tuple[GoalDue, ...]:
    q = (
        select(Goal.participant_id, _NAME, Goal.target_date, Goal.title, Goal.id)
        .join(Participant, Participant.id == Goal.participant_id)
        .where(
            Goal.target_date <= day + GOALS_AHEAD,
            Goal.status.in_([GoalStatus.OPEN, GoalStatus.IN_PROGRESS]),
            Goal.archived_at.is_(None),
            _ACTIVE,
        )
        .order_by(Goal.target_date, Goal.id)
    )
    return tuple(
        GoalDue(pid, name.strip(), _known(target), title, gid)
        for pid, name, target, title, gid in s.execute(q)
    )


def _consents(s: Session, day: dt.date) -> tuple[ConsentExpiring, ...]:
    recipient = func.coalesce(ContactPerson.name, Organisation.name, "")
    q = (
        select(Consent.participant_id, _NAME, Consent.valid_until, recipient, Consent.id)
        .join(Participant, Participant.id == Consent.participant_id)
        .outerjoin(Organisation, Organisation.id == Consent.recipient_organisation_id)
        .outerjoin(ContactPerson, ContactPerson.id == Consent.recipient_contact_id)
        .where(
            and_(Consent.valid_until >= day, Consent.valid_until <= day + CONSENTS_AHEAD),
            Consent.withdrawn_on.is_(None),
            _ACTIVE,
        )
        .order_by(Consent.valid_until, Consent.id)
    )
    return tuple(
        ConsentExpiring(pid, name.strip(), _known(until), text, cid)
        for pid, name, until, text, cid in s.execute(q)
    )


def _aftercare(s: Session, day: dt.date) -> tuple[AftercareDue, ...]:
    q = (
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
            _ACTIVE,
        )
        .order_by(AftercareFollowUp.due_on, AftercareFollowUp.id)
    )
    return tuple(
        AftercareDue(pid, name.strip(), due, method, fid)
        for pid, name, due, method, fid in s.execute(q)
    )


def _retention(s: Session, day: dt.date) -> tuple[RetentionReached, ...]:
    q = (
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
    return tuple(
        RetentionReached(pid, name.strip(), _known(until), programme, archived_at is not None)
        for pid, name, until, programme, archived_at in s.execute(q)
    )
