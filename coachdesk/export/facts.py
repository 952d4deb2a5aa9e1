"""What the consent filter lets out of the vault: plain frozen values, nothing lazy.

Every field of these dataclasses has the name of a model column that carries a
data category in its ``info``; the filter copies a value only when that
category is covered, so a field without a category cannot be copied at all.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from coachdesk.i18n import N_
from coachdesk.models.enums import (
    AttendanceStatus,
    AttendeeRole,
    ConsentMethod,
    DataCategory,
    EnrolmentResult,
    GoalStatus,
    HandoverKind,
    LegalBasis,
    MeetingKind,
    MilestoneKind,
)


class WithheldReason(enum.StrEnum):
    NO_CONSENT = "no_consent"
    OTHER_RECIPIENT = "other_recipient"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    INTERNAL_NOTE = "internal_note"


REASON_LABELS: dict[WithheldReason, str] = {
    WithheldReason.NO_CONSENT: N_("no consent for this category"),
    WithheldReason.OTHER_RECIPIENT: N_("consent given for another recipient"),
    WithheldReason.WITHDRAWN: N_("consent withdrawn"),
    WithheldReason.EXPIRED: N_("consent expired"),
    WithheldReason.INTERNAL_NOTE: N_("internal note – never exported"),
}


@dataclass(frozen=True)
class Withheld:
    """A category left out of the document (``category`` is None for internal notes)."""

    category: DataCategory | None
    reason: WithheldReason


@dataclass(frozen=True)
class Fact:
    """One covered field of the participant record."""

    field: str
    category: DataCategory
    value: object


@dataclass(frozen=True)
class ConsentBasis:
    """A consent the document relies on."""

    consent_id: int
    given_on: dt.date
    valid_until: dt.date | None
    purpose: str
    legal_basis: LegalBasis
    method: ConsentMethod
    notice_version: str
    categories: frozenset[DataCategory]


@dataclass(frozen=True)
class MilestoneFacts:
    title: str
    kind: MilestoneKind
    due_date: dt.date | None
    reached_on: dt.date | None
    note: str


@dataclass(frozen=True)
class GoalFacts:
    title: str
    description: str
    status: GoalStatus
    target_date: dt.date | None
    reached_on: dt.date | None
    milestones: tuple[MilestoneFacts, ...] = ()


@dataclass(frozen=True)
class AttendanceFacts:
    session_date: dt.date
    status: AttendanceStatus
    note: str


@dataclass(frozen=True)
class EnrolmentFacts:
    module_title: str
    """The offer's title (catalogue data, not personal)."""
    enrolled_on: dt.date
    result: EnrolmentResult
    completed_on: dt.date | None
    result_note: str
    attendance: tuple[AttendanceFacts, ...] = ()

    def count(self, status: AttendanceStatus) -> int:
        return sum(1 for a in self.attendance if a.status == status)


@dataclass(frozen=True)
class AttendeeFacts:
    name: str
    role: AttendeeRole


@dataclass(frozen=True)
class AgreementFacts:
    who: str
    what: str
    due_date: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class MeetingFacts:
    meeting_id: int
    kind: MeetingKind
    held_at: dt.datetime
    location: str
    agenda: str
    shared_summary: str
    attendees: tuple[AttendeeFacts, ...] = ()
    agreements: tuple[AgreementFacts, ...] = ()


@dataclass(frozen=True)
class HandoverFacts:
    handover_id: int
    kind: HandoverKind
    handover_date: dt.date
    author: str
    reason: str
    situation: str
    expectations: str
    strengths: str
    obstacles: str
    next_steps: str
    recommendation: str


@dataclass(frozen=True)
class FilteredFile:
    """A participant's file as one recipient may see it on one day, for one purpose."""

    participant_id: int
    organisation_id: int | None
    contact_id: int | None
    purpose: str
    on: dt.date
    covered: frozenset[DataCategory]
    facts: tuple[Fact, ...]
    goals: tuple[GoalFacts, ...]
    enrolments: tuple[EnrolmentFacts, ...]
    meetings: tuple[MeetingFacts, ...]
    handovers: tuple[HandoverFacts, ...]
    withheld: tuple[Withheld, ...]
    consent_basis: tuple[ConsentBasis, ...]

    def fact(self, field: str) -> object:
        """The value of a covered participant field, or None."""
        for f in self.facts:
            if f.field == field:
                return f.value
        return None

    @property
    def display_name(self) -> str:
        """The participant's name if identity is covered, else ""."""
        first = self.fact("first_name") or ""
        last = self.fact("last_name") or ""
        return f"{first} {last}".strip()


@dataclass(frozen=True)
class ConsentFormFacts:
    """What a consent form shows: the consent record itself, for the participant to sign."""

    consent_id: int
    participant_id: int
    participant_name: str
    date_of_birth: dt.date | None
    recipient_organisation_id: int | None
    recipient_contact_id: int | None
    purpose: str
    legal_basis: LegalBasis
    categories: frozenset[DataCategory]
    notice_version: str
    valid_until: dt.date | None


@dataclass(frozen=True)
class EnclosureFacts:
    """A paper of her file that travels with the document: its category is covered."""

    attachment_id: int
    title: str
    category: DataCategory
    document_date: dt.date | None
    """The date on the paper, if the coach entered it."""
    media_type: str
    page_count: int
    sha256: str
    """Of the file as it is kept in the vault (the pages in the document are drawn from it)."""
    first_page: int | None = None
    """Where its pages begin in the signed file (from 1); None while that is not known."""
