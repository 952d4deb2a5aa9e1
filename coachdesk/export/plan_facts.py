"""What "My plan" shows, read from the vault by a filter of its own.

The plan goes to the participant herself, so no consent for a third party decides what it
holds; what decides is that it names only what the page shows, column by column: her
goals and their steps, open agreements, her next appointments and her contact persons.
Every column of her file it reads must belong to a data category (``category_of``): an
internal note (a column with none) cannot be read here even by mistake, and a contact
person's notes are not among the columns it takes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.consent_filter import category_of
from coachdesk.models import Agreement, ContactPerson, Goal, Meeting, MeetingAttendee, Milestone
from coachdesk.models.enums import GoalStatus
from coachdesk.services.common import load_participant

NEXT_APPOINTMENTS = 5
"""Appointments ahead on the page: the next few, so that it stays one page."""
CONTACT_COLUMNS = ("name", "role_title", "phone", "email")
"""What the plan shows of a contact person (her notes are the coach's, never on the page)."""


@dataclass(frozen=True)
class PlanStep:
    id: int
    title: str
    kind: str
    """A ``MilestoneKind`` value: a milestone, or one of the small steps that count too."""
    due: dt.date | None
    done: dt.date | None


@dataclass(frozen=True)
class PlanGoal:
    id: int
    title: str
    status: str
    """A ``GoalStatus`` value."""
    target: dt.date | None
    reached: dt.date | None
    steps: tuple[PlanStep, ...] = ()


@dataclass(frozen=True)
class PlanAgreement:
    id: int
    who: str
    what: str
    due: dt.date | None
    done: dt.date | None
    """Set for an agreement done since the last plan: named among the changes only."""


@dataclass(frozen=True)
class PlanAppointment:
    id: int
    at: dt.datetime
    kind: str
    """A ``MeetingKind`` value."""
    location: str


@dataclass(frozen=True)
class PlanContact:
    name: str
    role: str
    organisation: str
    phone: str
    email: str


@dataclass(frozen=True)
class PlanFacts:
    """Everything one plan holds; stored as its version (``plan_versions``)."""

    participant_id: int
    name: str
    latin_name: str
    """Her name in Latin letters when it is written in another script, else empty."""
    goals: tuple[PlanGoal, ...] = ()
    agreements: tuple[PlanAgreement, ...] = ()
    appointments: tuple[PlanAppointment, ...] = ()
    contacts: tuple[PlanContact, ...] = ()

    @property
    def open_agreements(self) -> tuple[PlanAgreement, ...]:
        return tuple(a for a in self.agreements if a.done is None)


def _take(obj: Any, *columns: str) -> list[Any]:
    """Values of categorized columns of her file; a column without a category is refused."""
    for column in columns:
        if category_of(type(obj), column) is None:
            raise PermissionError(f"{type(obj).__name__}.{column} is not for her plan")
    return [getattr(obj, c) for c in columns]


def plan_facts(s: Session, participant_id: int, on: dt.date, since: dt.date | None) -> PlanFacts:
    """Her plan on ``on``; agreements done on or after ``since`` (the last plan) come too."""
    p = load_participant(s, participant_id)
    first, last, first_latin, last_latin = _take(
        p, "first_name", "last_name", "first_name_latin", "last_name_latin"
    )
    meetings = list(
        s.scalars(
            select(Meeting)
            .where(Meeting.participant_id == participant_id, Meeting.archived_at.is_(None))
            .order_by(Meeting.held_at, Meeting.id)
        )
    )
    return PlanFacts(
        participant_id,
        f"{first} {last}".strip(),
        f"{first_latin or first} {last_latin or last}".strip() if first_latin or last_latin else "",
        _goals(s, participant_id),
        _agreements(s, [m.id for m in meetings], since),
        _appointments(meetings, on),
        _contacts(s, p.integration_officer_id, [m.id for m in meetings]),
    )


def _goals(s: Session, participant_id: int) -> tuple[PlanGoal, ...]:
    goals = s.scalars(
        select(Goal)
        .where(
            Goal.participant_id == participant_id,
            Goal.archived_at.is_(None),
            Goal.status != GoalStatus.DROPPED,
        )
        .order_by(Goal.position, Goal.id)
    )
    out = []
    for g in goals:
        title, status, target, reached = _take(g, "title", "status", "target_date", "reached_on")
        steps = tuple(_step(m) for m in g.milestones)
        out.append(PlanGoal(g.id, title, str(status), target, reached, steps))
    return tuple(out)


def _step(m: Milestone) -> PlanStep:
    title, kind, due, done = _take(m, "title", "kind", "due_date", "reached_on")
    return PlanStep(m.id, title, str(kind), due, done)


def _agreements(
    s: Session, meeting_ids: list[int], since: dt.date | None
) -> tuple[PlanAgreement, ...]:
    rows = s.scalars(
        select(Agreement)
        .where(Agreement.meeting_id.in_(meeting_ids))
        .order_by(Agreement.due_date.is_(None), Agreement.due_date, Agreement.id)
    )
    out = []
    for a in rows:
        who, what, due, done = _take(a, "who", "what", "due_date", "done_on")
        if done is None or (since is not None and done >= since):
            out.append(PlanAgreement(a.id, who, what, due, done))
    return tuple(out)


def _appointments(meetings: list[Meeting], on: dt.date) -> tuple[PlanAppointment, ...]:
    start = dt.datetime.combine(on, dt.time())
    out = []
    for m in meetings:
        at, kind, location = _take(m, "held_at", "kind", "location")
        if at >= start:
            out.append(PlanAppointment(m.id, at, str(kind), location))
    return tuple(out[:NEXT_APPOINTMENTS])


def _contacts(
    s: Session, officer_id: int | None, meeting_ids: list[int]
) -> tuple[PlanContact, ...]:
    """Her integration officer first, then the people from the directory at her meetings."""
    ids = [officer_id] if officer_id is not None else []
    ids += s.scalars(
        select(MeetingAttendee.contact_person_id)
        .where(
            MeetingAttendee.meeting_id.in_(meeting_ids),
            MeetingAttendee.contact_person_id.is_not(None),
        )
        .order_by(MeetingAttendee.id)
    )
    out = []
    for cid in dict.fromkeys(ids):
        c = s.get(ContactPerson, cid)
        if c is None or c.archived_at is not None:
            continue
        name, role, phone, email = (getattr(c, col) for col in CONTACT_COLUMNS)
        out.append(PlanContact(name, role, c.organisation.name, phone, email))
    return tuple(out)
