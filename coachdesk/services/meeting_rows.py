"""A meeting's rows: its attendees and agreements written from a draft, and read back.

The meeting service decides when; these functions know how the rows hang together
(attendees are replaced as a list, agreements keep their ids and their order).
"""

from __future__ import annotations

from dataclasses import fields

from coachdesk.i18n import N_, Message
from coachdesk.models import Agreement, Meeting, MeetingAttendee
from coachdesk.services.errors import FieldError
from coachdesk.services.meeting_records import (
    AgreementDraft,
    AgreementRecord,
    AttendeeDraft,
    AttendeeRecord,
    MeetingRecord,
)


def meeting_record(meeting: Meeting, participant_name: str) -> MeetingRecord:
    attendees = sorted(meeting.attendees, key=lambda a: (a.position, a.id))
    agreements = sorted(meeting.agreements, key=lambda a: (a.position, a.id))
    return MeetingRecord(
        id=meeting.id,
        participant_id=meeting.participant_id,
        participant_name=participant_name,
        held_at=meeting.held_at,
        kind=meeting.kind,
        location=meeting.location,
        agenda=meeting.agenda,
        shared_summary=meeting.shared_summary,
        internal_notes=meeting.internal_notes,
        archived_at=meeting.archived_at,
        attendees=tuple(
            AttendeeRecord(a.name, a.role, a.contact_person_id, a.id) for a in attendees
        ),
        agreements=tuple(agreement_record(a) for a in agreements),
    )


def agreement_record(a: Agreement) -> AgreementRecord:
    return AgreementRecord(a.id, a.meeting_id, a.who, a.what, a.due_date, a.done_on, a.position)


def attendee_tuple(meeting: Meeting) -> list[tuple[object, ...]]:
    return [(a.name, a.role, a.contact_person_id) for a in meeting.attendees]


def agreement_tuple(a: Agreement) -> tuple[object, ...]:
    return (a.id, a.who, a.what, a.due_date, a.done_on, a.position)


def set_attendees(meeting: Meeting, drafts: tuple[AttendeeDraft, ...]) -> None:
    """Attendees have no life of their own: the list is replaced when it differs."""
    wanted = [(d.name, d.role, d.contact_person_id) for d in drafts]
    if wanted == attendee_tuple(meeting):
        return
    meeting.attendees.clear()
    for position, d in enumerate(drafts):
        meeting.attendees.append(
            MeetingAttendee(
                name=d.name, role=d.role, contact_person_id=d.contact_person_id, position=position
            )
        )


def set_agreements(meeting: Meeting, drafts: tuple[AgreementDraft, ...]) -> list[FieldError]:
    existing = {a.id: a for a in meeting.agreements}
    unknown = [d.id for d in drafts if d.id is not None and d.id not in existing]
    if unknown:
        return [
            FieldError(
                "agreements",
                Message(
                    N_("An agreement belongs to another meeting. Please reload and try again.")
                ),
            )
        ]
    kept: list[Agreement] = []
    for position, d in enumerate(drafts):
        agreement = existing[d.id] if d.id is not None else Agreement()
        for f in fields(AgreementDraft):
            if f.name != "id" and getattr(agreement, f.name, None) != getattr(d, f.name):
                setattr(agreement, f.name, getattr(d, f.name))
        if agreement.position != position:
            agreement.position = position
        kept.append(agreement)
    for agreement in list(meeting.agreements):
        if agreement not in kept:
            meeting.agreements.remove(agreement)
    for agreement in kept:
        if agreement not in meeting.agreements:
            meeting.agreements.append(agreement)
    return []
