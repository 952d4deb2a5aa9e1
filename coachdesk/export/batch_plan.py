"""Documents in a batch: one document type for many participants, who is included and why not.

The preview of a batch asks the vault three questions for all participants at once (who
they are, their consents, which handovers are recorded) instead of running the whole
consent filter for each; the export runs the full filter for each document and applies
the same rule (:func:`skip_reason`) again, so a participant whose file changed in between
is skipped with her reason, never sent on the strength of an old preview.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from coachdesk.export.absence_sheet import month_span, previous_month
from coachdesk.export.cautions import still_in_programme
from coachdesk.export.consent_filter import decide
from coachdesk.export.preview import DOCUMENT_CATEGORIES, DocumentType
from coachdesk.export.recipients import Recipient
from coachdesk.i18n import N_, Message
from coachdesk.models import Attendance, Consent, ContactPerson, Enrolment, Handover, Participant
from coachdesk.models.enums import DataCategory, HandoverKind, ParticipantStatus
from coachdesk.services.common import storable
from coachdesk.services.errors import ValidationError

BATCH_DOCUMENTS = (
    DocumentType.INTERIM_FEEDBACK,
    DocumentType.EXIT_HANDOVER,
    DocumentType.ABSENCE_SHEET,
)
"""The documents made in batches: one per participant, each for the job centre."""

KIND_OF: dict[DocumentType, HandoverKind] = {
    DocumentType.EXIT_HANDOVER: HandoverKind.EXIT,
    DocumentType.INTERIM_FEEDBACK: HandoverKind.INTERIM,
}


class SkipReason(enum.StrEnum):
    NO_CONSENT = "no_consent"
    NOTHING_RECORDED_EXIT = "nothing_recorded_exit"
    NOTHING_RECORDED_INTERIM = "nothing_recorded_interim"
    NOT_FOUND = "not_found"
    CHANGED = "changed"
    NO_ATTENDANCE_CONSENT = "no_attendance_consent"
    NO_SESSIONS = "no_sessions"


SKIP_MESSAGES: dict[SkipReason, str] = {
    SkipReason.NO_CONSENT: N_(
        "No valid consent for this recipient: the document would carry no personal data."
    ),
    SkipReason.NOTHING_RECORDED_EXIT: N_(
        "No exit handover is recorded for her: the document would say “Nothing recorded yet.”"
    ),
    SkipReason.NOTHING_RECORDED_INTERIM: N_(
        "No interim feedback is recorded for her: the document would say “Nothing recorded yet.”"
    ),
    SkipReason.NOT_FOUND: N_("She is no longer in the vault."),
    SkipReason.CHANGED: N_(
        "Her consents changed while the documents were being made. Make her document again."
    ),
    SkipReason.NO_ATTENDANCE_CONSENT: N_(
        "No valid consent for this recipient covers modules and attendance: "
        "the sheet could list no sessions."
    ),
    SkipReason.NO_SESSIONS: N_("No session of hers is recorded in that month."),
}


@dataclass(frozen=True, kw_only=True)
class BatchRequest:
    """One document type for many participants, one recipient, one language."""

    participant_ids: tuple[int, ...]
    """The participants, in the order she chose them (numbers the files)."""
    document: DocumentType
    """Exit handover or interim feedback (see ``BATCH_DOCUMENTS``)."""
    organisation_id: int | None = None
    """The recipient organisation (the job centre)."""
    contact_id: int | None = None
    """The recipient contact person, or None for the organisation as a whole."""
    purpose: str = ""
    """Why they are sent (the document's name when empty)."""
    on: dt.date | None = None
    """The documents' date; today when not given."""
    lang: str = "de"
    """The documents' language."""
    month: dt.date | None = None
    """The month of absence sheets (any day of it); the month before ``on`` when not given."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "document", DocumentType(self.document))
        object.__setattr__(self, "participant_ids", tuple(dict.fromkeys(self.participant_ids)))
        if self.document not in BATCH_DOCUMENTS:
            raise ValidationError.single(
                "document",
                N_("Only exit handovers, interim feedback and absence sheets are made in batches."),
            )

    def month_on(self, on: dt.date) -> dt.date | None:
        """The first day of the absence sheets' month (None for other documents)."""
        if self.document != DocumentType.ABSENCE_SHEET:
            return None
        return self.month.replace(day=1) if self.month is not None else previous_month(on)


@dataclass(frozen=True)
class Recorded:
    """What is recorded for her that the batch's document would report."""

    handovers: frozenset[HandoverKind] = frozenset()
    sessions: int = 0
    """Her sessions in the month of an absence sheet."""


@dataclass(frozen=True)
class BatchEntry:
    """One participant of a batch as the preview and the result list her."""

    number: int
    """Her place in the batch, from 1; the file name carries it, never her name."""
    participant_id: int
    name: str
    """Her name, for the coach's screen only (never in a file name or a log)."""
    skipped: SkipReason | None
    cautions: tuple[Message, ...] = ()
    """What the coach should know, though the document is made (an exit handover while
    she is still in the programme)."""

    @property
    def reason(self) -> Message | None:
        return Message(SKIP_MESSAGES[self.skipped]) if self.skipped is not None else None


@dataclass(frozen=True)
class BatchPreview:
    recipient_name: str
    entries: tuple[BatchEntry, ...]

    @property
    def included(self) -> tuple[BatchEntry, ...]:
        return tuple(e for e in self.entries if e.skipped is None)

    @property
    def skipped(self) -> tuple[BatchEntry, ...]:
        return tuple(e for e in self.entries if e.skipped is not None)


def skip_reason(
    doc: DocumentType, covered: frozenset[DataCategory], recorded: Recorded
) -> SkipReason | None:
    """Why no document is made for her: nothing of hers may go, or there is nothing to say.

    ``covered``: what her valid consents for the recipient cover; ``recorded``: what is
    recorded for her.
    """
    if not covered & DOCUMENT_CATEGORIES[doc]:
        return SkipReason.NO_CONSENT
    if doc == DocumentType.ABSENCE_SHEET:
        if DataCategory.MODULES_ATTENDANCE not in covered:
            return SkipReason.NO_ATTENDANCE_CONSENT
        return None if recorded.sessions else SkipReason.NO_SESSIONS
    if KIND_OF[doc] not in recorded.handovers:
        if doc == DocumentType.EXIT_HANDOVER:
            return SkipReason.NOTHING_RECORDED_EXIT
        return SkipReason.NOTHING_RECORDED_INTERIM
    return None


def plan(s: Session, request: BatchRequest, recipient: Recipient, on: dt.date) -> BatchPreview:
    """Who is included and who is skipped, with three queries for the whole batch."""
    ids = [i for i in request.participant_ids if storable(i)]
    people = {p.id: p for p in s.scalars(select(Participant).where(Participant.id.in_(ids)))}
    consents: dict[int, list[Consent]] = defaultdict(list)
    q = (
        select(Consent)
        .where(Consent.participant_id.in_(ids))
        .options(selectinload(Consent.category_rows))
    )
    for c in s.scalars(q):
        consents[c.participant_id].append(c)
    kinds = handover_kinds(s, ids)
    month = request.month_on(on)
    sessions = sessions_in_month(s, ids, month) if month is not None else {}
    entries = []
    for number, pid in enumerate(request.participant_ids, start=1):
        person = people.get(pid)
        if person is None:
            entries.append(BatchEntry(number, pid, "", SkipReason.NOT_FOUND))
            continue
        covered = decide(consents[pid], recipient.organisation_id, recipient.contact_id, on)[0]
        recorded = Recorded(kinds.get(pid, frozenset()), sessions.get(pid, 0))
        why = skip_reason(request.document, covered, recorded)
        notes = still_in_programme(request.document, person.status) if why is None else ()
        entries.append(BatchEntry(number, pid, person.display_name, why, notes))
    return BatchPreview(recipient.name, tuple(entries))


def handover_kinds(s: Session, ids: list[int]) -> dict[int, frozenset[HandoverKind]]:
    """The kinds of handover recorded (and not archived) for each participant."""
    found: dict[int, set[HandoverKind]] = defaultdict(set)
    q = select(Handover.participant_id, Handover.kind).where(
        Handover.participant_id.in_(ids), Handover.archived_at.is_(None)
    )
    for pid, kind in s.execute(q.distinct()):
        found[pid].add(kind)
    return {pid: frozenset(k) for pid, k in found.items()}


def sessions_in_month(s: Session, ids: list[int], month: dt.date) -> dict[int, int]:
    """Sessions recorded for each participant in the month of ``month`` (none: absent)."""
    first, last = month_span(month)
    q = (
        select(Enrolment.participant_id, func.count(Attendance.id))
        .join(Attendance, Attendance.enrolment_id == Enrolment.id)
        .where(Enrolment.participant_id.in_(ids), Attendance.session_date.between(first, last))
        .group_by(Enrolment.participant_id)
    )
    return {pid: int(n) for pid, n in s.execute(q)}


def active_for_recipient(
    s: Session, organisation_id: int, programme_id: int | None = None
) -> tuple[int, ...]:
    """Active participants of a recipient (of one programme, if given), by name: her
    integration officer works there, or she gave a consent naming it or one of its people
    (valid or not: the preview says)."""
    if not storable(organisation_id):
        return ()
    staff = select(ContactPerson.id).where(ContactPerson.organisation_id == organisation_id)
    consented = select(Consent.participant_id).where(
        or_(
            Consent.recipient_organisation_id == organisation_id,
            Consent.recipient_contact_id.in_(staff),
        )
    )
    q = select(Participant).where(
        Participant.status == ParticipantStatus.ACTIVE,
        Participant.archived_at.is_(None),
        or_(Participant.integration_officer_id.in_(staff), Participant.id.in_(consented)),
    )
    if programme_id is not None:
        q = q.where(Participant.programme_id == programme_id)
    people = sorted(s.scalars(q), key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))
    return tuple(p.id for p in people)
