"""The rules a meeting, its attendees and its agreements must satisfy."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import ContactPerson, Meeting
from coachdesk.models.enums import AttendeeRole, MeetingKind
from coachdesk.services import validation
from coachdesk.services.common import get_row
from coachdesk.services.errors import FieldError
from coachdesk.services.records import strip_text

if TYPE_CHECKING:
    from coachdesk.services.meeting_records import MeetingDraft

_NAME_LIMIT = 200


def normalise_meeting(draft: MeetingDraft) -> MeetingDraft:
    """Surrounding whitespace removed everywhere; empty agreement rows left out."""
    draft = strip_text(draft)
    return replace(
        draft,
        attendees=tuple(strip_text(a) for a in draft.attendees),
        agreements=tuple(
            strip_text(a)
            for a in draft.agreements
            if a.who.strip() or a.what.strip() or a.due_date or a.id is not None
        ),
    )


def validate_meeting(draft: MeetingDraft, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    if not isinstance(draft.held_at, dt.datetime):
        problems.append(
            FieldError("held_at", Message(N_("Please enter the date and time of the meeting.")))
        )
    validation.one_of(problems, "kind", draft.kind, MeetingKind)
    validation.lengths(problems, Meeting, draft)
    _attendees(problems, draft)
    if isinstance(draft.held_at, dt.datetime):
        _agreements(problems, draft, draft.held_at.date(), today)
    return problems


def unknown_contacts(s: Session, draft: MeetingDraft) -> list[FieldError]:
    """Attendees linked to the directory must still be in it."""
    problems: list[FieldError] = []
    for number, a in enumerate(draft.attendees, start=1):
        if (
            a.contact_person_id is not None
            and get_row(s, ContactPerson, a.contact_person_id) is None
        ):
            _problem(
                problems,
                "attendees",
                N_("Attendee {number} is no longer in the directory."),
                number,
            )
    return problems


def _attendees(problems: list[FieldError], draft: MeetingDraft) -> None:
    seen: set[tuple[str, AttendeeRole]] = set()
    for number, a in enumerate(draft.attendees, start=1):
        if not a.name:
            _problem(
                problems, "attendees", N_("Attendee {number}: please fill in the name."), number
            )
        elif len(a.name) > _NAME_LIMIT:
            _problem(problems, "attendees", N_("Attendee {number}: the name is too long."), number)
        if a.role not in set(AttendeeRole):
            _problem(problems, "attendees", N_("Attendee {number}: please choose a role."), number)
        key = (a.name.casefold(), a.role)
        if a.name and key in seen:
            _problem(problems, "attendees", N_("Attendee {number} is listed twice."), number)
        seen.add(key)


def _agreements(
    problems: list[FieldError], draft: MeetingDraft, held_on: dt.date, today: dt.date
) -> None:
    for number, a in enumerate(draft.agreements, start=1):
        if not a.who:
            _problem(
                problems,
                "agreements",
                N_("Agreement {number}: please fill in who does it."),
                number,
            )
        elif len(a.who) > _NAME_LIMIT:
            _problem(problems, "agreements", N_("Agreement {number}: 'who' is too long."), number)
        if not a.what:
            _problem(
                problems,
                "agreements",
                N_("Agreement {number}: please fill in what was agreed."),
                number,
            )
        elif len(a.what) > validation.TEXT_LIMIT:
            _problem(
                problems, "agreements", N_("Agreement {number}: the text is too long."), number
            )
        if a.due_date is not None and a.due_date < held_on:
            _problem(
                problems,
                "agreements",
                N_("Agreement {number}: the due date is before the meeting."),
                number,
            )
        if a.done_on is not None and a.done_on > today:
            _problem(
                problems,
                "agreements",
                N_("Agreement {number}: the date done is in the future."),
                number,
            )


def _problem(problems: list[FieldError], field: str, msgid: str, number: int) -> None:
    problems.append(FieldError(field, Message(msgid, {"number": number})))
