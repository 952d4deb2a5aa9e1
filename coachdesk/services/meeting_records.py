"""What the meeting service takes and gives: drafts from the form, frozen records back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.models.enums import AttendeeRole, MeetingKind


@dataclass(frozen=True)
class AttendeeDraft:
    name: str
    role: AttendeeRole
    contact_person_id: int | None = None
    """Set when the attendee is a contact person of the directory."""


@dataclass(frozen=True)
class AttendeeRecord(AttendeeDraft):
    id: int = 0


@dataclass(frozen=True)
class AgreementDraft:
    """Who does what by when. ``id`` names an existing agreement when a meeting is edited."""

    who: str
    what: str
    due_date: dt.date | None = None
    done_on: dt.date | None = None
    id: int | None = None


@dataclass(frozen=True)
class AgreementRecord:
    id: int
    meeting_id: int
    who: str
    what: str
    due_date: dt.date | None
    done_on: dt.date | None
    position: int

    def draft(self) -> AgreementDraft:
        return AgreementDraft(self.who, self.what, self.due_date, self.done_on, self.id)


@dataclass(frozen=True)
class MeetingDraft:
    held_at: dt.datetime
    """Local wall-clock time of the meeting, as the coach entered it."""
    kind: MeetingKind = MeetingKind.THREE_WAY
    location: str = ""
    agenda: str = ""
    shared_summary: str = ""
    internal_notes: str = ""
    """The coach's own notes: never exported, not searched."""
    attendees: tuple[AttendeeDraft, ...] = ()
    agreements: tuple[AgreementDraft, ...] = ()


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    participant_id: int
    participant_name: str
    held_at: dt.datetime
    kind: MeetingKind
    location: str
    agenda: str
    shared_summary: str
    internal_notes: str
    archived_at: dt.datetime | None
    attendees: tuple[AttendeeRecord, ...]
    agreements: tuple[AgreementRecord, ...]

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            self.held_at,
            self.kind,
            self.location,
            self.agenda,
            self.shared_summary,
            self.internal_notes,
            tuple(AttendeeDraft(a.name, a.role, a.contact_person_id) for a in self.attendees),
            tuple(a.draft() for a in self.agreements),
        )


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings view."""

    id: int
    participant_id: int
    participant_name: str
    held_at: dt.datetime
    kind: MeetingKind
    location: str
    open_agreements: int
    archived: bool
