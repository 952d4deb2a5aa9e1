"""Test data for "My plan": a participant with goals, steps, agreements, appointments and
contact persons, and a marker in every field of her file that belongs to no data category."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.models import (
    Agreement,
    ContactPerson,
    Goal,
    Handover,
    Meeting,
    MeetingAttendee,
    Milestone,
    Participant,
)
from coachdesk.models.enums import AttendeeRole, MeetingKind, MilestoneKind
from tests.unit.test_export_support import Seeded, seed

HER_MODELS: tuple[type[Any], ...] = (
    Participant,
    Goal,
    Milestone,
    Meeting,
    MeetingAttendee,
    Agreement,
    Handover,
)
DIRECTORY_NOTES = ("Intmkcontactnotes", "Intmkorgnotes")
LATER = dt.datetime(2026, 3, 24, 9, 30)
"""Her next appointment (the tests' today is 16 March 2026)."""


def internal_columns() -> list[tuple[type[Any], str]]:
    """Every text column of her file that belongs to no data category (never for others)."""
    out = []
    for model in HER_MODELS:
        for column in model.__table__.columns:
            internal = column.info.get("category") is None
            # name_key: her folded names, rewritten from them on every save
            if internal and isinstance(column.type, String | Text) and column.key != "name_key":
                out.append((model, column.key))
    return out


def marker(model: type[Any], column: str) -> str:
    return f"Intmk{model.__name__}{column.replace('_', '')}"


def seed_plan(
    sessions: sessionmaker[Session], first: str = "Fatima", last: str = "Yılmaz"
) -> Seeded:
    """``seed`` plus what a plan shows, and a marker in every internal field."""
    seeded = seed(sessions, first, last)
    with sessions.begin() as s:
        p = s.get(Participant, seeded.participant_id)
        assert p is not None
        p.integration_officer_id = seeded.officer_id
        officer = s.get(ContactPerson, seeded.officer_id)
        assert officer is not None
        officer.notes, officer.phone = DIRECTORY_NOTES[0], "0421 123 45"
        officer.organisation.notes = DIRECTORY_NOTES[1]
        goal = s.scalars(select(Goal).where(Goal.participant_id == p.id)).one()
        goal.target_date = dt.date(2026, 9, 30)
        goal.milestones.append(
            Milestone(
                title="Bus route to the childcare centre",
                kind=MilestoneKind.MOBILITY,
                due_date=dt.date(2026, 4, 15),
            )
        )
        interpreter = ContactPerson(
            organisation_id=seeded.other_org_id, name="Leyla Aksoy", role_title="Sprachmittlerin"
        )
        s.add(interpreter)
        s.flush()
        ahead = Meeting(
            participant_id=p.id,
            kind=MeetingKind.THREE_WAY,
            held_at=LATER,
            location="Jobcenter, Raum 2.14",
        )
        ahead.attendees.append(
            MeetingAttendee(
                name="Leyla Aksoy",
                role=AttendeeRole.INTERPRETER,
                contact_person_id=interpreter.id,
            )
        )
        ahead.agreements.append(
            Agreement(who="Coach", what="Ask the day-care centre for a place", due_date=None)
        )
        s.add(ahead)
        s.flush()
        for model, column in internal_columns():
            for row in s.scalars(select(model)):
                if _hers(row, p.id):
                    setattr(row, column, marker(model, column))
    return seeded


def _hers(row: Any, participant_id: int) -> bool:
    if isinstance(row, Participant):
        return bool(row.id == participant_id)
    if isinstance(row, Milestone):
        return bool(row.goal.participant_id == participant_id)
    if isinstance(row, MeetingAttendee | Agreement):
        return bool(row.meeting.participant_id == participant_id)
    return bool(row.participant_id == participant_id)


def all_markers() -> list[str]:
    return [marker(m, c) for m, c in internal_columns()] + list(DIRECTORY_NOTES)
