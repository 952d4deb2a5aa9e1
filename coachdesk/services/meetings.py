"""Meetings (three-way and others) with attendees, shared summary, internal notes, agreements.

Change kind: "meeting" (agreements are part of their meeting).
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coachdesk.i18n import N_, Message
from coachdesk.models import Agreement, Meeting, Participant
from coachdesk.services import audit, meeting_rows, validation
from coachdesk.services.common import audit_update, load, load_participant, mark_archived
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.meeting_list import MeetingOrder, MeetingQuery, list_rows
from coachdesk.services.meeting_records import (
    AgreementDraft,
    AgreementRecord,
    AttendeeDraft,
    AttendeeRecord,
    MeetingDraft,
    MeetingRecord,
    MeetingRow,
)
from coachdesk.services.meeting_rules import normalise_meeting, unknown_contacts, validate_meeting

__all__ = [
    "AgreementDraft",
    "AgreementRecord",
    "AttendeeDraft",
    "AttendeeRecord",
    "MeetingDraft",
    "MeetingOrder",
    "MeetingQuery",
    "MeetingRecord",
    "MeetingRow",
    "MeetingService",
]


PAGE = 200
"""Rows of the meetings list read at a time."""

_SCALARS = ("held_at", "kind", "location", "agenda", "shared_summary", "internal_notes")


class MeetingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries -----------------------------------------------------------------------------

    def get(self, meeting_id: int) -> MeetingRecord:
        with self.ctx.read() as s:
            meeting = load(s, Meeting, meeting_id, "meeting")
            return meeting_rows.meeting_record(meeting, _name(s, meeting.participant_id))

    def list_for_participant(
        self, participant_id: int, include_archived: bool = False
    ) -> builtins.list[MeetingRecord]:
        """The participant's meetings, newest first, with attendees and agreements."""
        with self.ctx.read() as s:
            name = _name(s, participant_id)
            q = (
                select(Meeting)
                .where(Meeting.participant_id == participant_id)
                .options(selectinload(Meeting.attendees), selectinload(Meeting.agreements))
                .order_by(Meeting.held_at.desc(), Meeting.id.desc())
            )
            if not include_archived:
                q = q.where(Meeting.archived_at.is_(None))
            return [meeting_rows.meeting_record(m, name) for m in s.scalars(q)]

    def list(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        include_archived: bool = False,
    ) -> builtins.list[MeetingRow]:
        """Meetings of all participants held from ``start`` to ``end`` (both days included)."""
        with self.ctx.read() as s:
            # Counted in one pass over the open agreements: a count per meeting (subquery)
            # costs 5 s at 45,000 meetings, this 0.1 s.
            open_agreements = Counter(
                s.scalars(select(Agreement.meeting_id).where(Agreement.done_on.is_(None)))
            )
            q = (
                select(
                    Meeting.id,
                    Meeting.participant_id,
                    Participant.first_name,
                    Participant.last_name,
                    Meeting.held_at,
                    Meeting.kind,
                    Meeting.location,
                    Meeting.archived_at,
                )
                .join(Participant, Participant.id == Meeting.participant_id)
                .order_by(Meeting.held_at, Meeting.id)
            )
            if start is not None:
                q = q.where(Meeting.held_at >= dt.datetime.combine(start, dt.time()))
            if end is not None:
                end_next = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
                q = q.where(Meeting.held_at < end_next)
            if not include_archived:
                q = q.where(Meeting.archived_at.is_(None), Participant.archived_at.is_(None))
            return [
                MeetingRow(
                    r[0],
                    r[1],
                    f"{r[2]} {r[3]}".strip(),
                    r[4],
                    r[5],
                    r[6],
                    open_agreements[r[0]],
                    r[7] is not None,
                )
                for r in s.execute(q)
            ]

    def page(
        self,
        query: MeetingQuery | None = None,
        offset: int = 0,
        limit: int | None = PAGE,
        participant_ids: Iterable[int] | None = None,
    ) -> builtins.list[MeetingRow]:
        """Rows of ``query`` from ``offset`` on, sorted and cut in SQL (see meeting_list)."""
        with self.ctx.read() as s:
            return list_rows(s, query or MeetingQuery(), offset, limit, participant_ids)

    # -- mutations ---------------------------------------------------------------------------

    def create(self, participant_id: int, draft: MeetingDraft) -> MeetingRecord:
        draft = normalise_meeting(draft)
        validation.raise_if(validate_meeting(draft, self.ctx.today()))
        with self.ctx.write() as s:
            participant = load_participant(s, participant_id)
            validation.raise_if(_same_time(s, participant_id, draft.held_at, None))
            validation.raise_if(unknown_contacts(s, draft))
            meeting = Meeting(participant_id=participant_id)
            s.add(meeting)
            for name in _SCALARS:
                setattr(meeting, name, getattr(draft, name))
            meeting_rows.set_attendees(meeting, draft.attendees)
            validation.raise_if(meeting_rows.set_agreements(meeting, draft.agreements))
            s.flush()
            audit.record(s, self.ctx, "create", "meeting", meeting.id, participant_id)
            result = meeting_rows.meeting_record(meeting, participant.display_name)
        self._publish(participant_id)
        return result

    def update(self, meeting_id: int, draft: MeetingDraft) -> MeetingRecord:
        """Save the edited meeting; agreements keep their id, those left out are removed."""
        draft = normalise_meeting(draft)
        validation.raise_if(validate_meeting(draft, self.ctx.today()))
        with self.ctx.write() as s:
            meeting = load(s, Meeting, meeting_id, "meeting")
            validation.raise_if(_same_time(s, meeting.participant_id, draft.held_at, meeting_id))
            validation.raise_if(unknown_contacts(s, draft))
            changed = [n for n in _SCALARS if getattr(meeting, n) != getattr(draft, n)]
            for name in changed:
                setattr(meeting, name, getattr(draft, name))
            before = meeting_rows.attendee_tuple(meeting)
            meeting_rows.set_attendees(meeting, draft.attendees)
            if meeting_rows.attendee_tuple(meeting) != before:
                changed.append("attendees")
            agreements_before = [meeting_rows.agreement_tuple(a) for a in meeting.agreements]
            validation.raise_if(meeting_rows.set_agreements(meeting, draft.agreements))
            if [meeting_rows.agreement_tuple(a) for a in meeting.agreements] != agreements_before:
                changed.append("agreements")
            audit_update(s, self.ctx, "meeting", meeting.id, meeting.participant_id, changed)
            s.flush()
            result = meeting_rows.meeting_record(meeting, _name(s, meeting.participant_id))
        self._publish(result.participant_id)
        return result

    def archive(self, meeting_id: int) -> None:
        self._set_archived(meeting_id, archived=True)

    def unarchive(self, meeting_id: int) -> None:
        """Undo an archiving."""
        self._set_archived(meeting_id, archived=False)

    def _set_archived(self, meeting_id: int, *, archived: bool) -> None:
        with self.ctx.write() as s:
            meeting = load(s, Meeting, meeting_id, "meeting")
            mark_archived(
                s, self.ctx, meeting, "meeting", meeting.id, archived, meeting.participant_id
            )
            participant_id = meeting.participant_id
        self._publish(participant_id)

    def set_agreement_done(self, agreement_id: int, done_on: dt.date | None) -> AgreementRecord:
        """Tick an agreement off (``done_on``) or reopen it (None)."""
        problems: list[FieldError] = []
        if done_on is not None and done_on > self.ctx.today():
            problems.append(
                FieldError(
                    "done_on",
                    Message(N_("This date is in the future; it has not happened yet.")),
                )
            )
        validation.raise_if(problems)
        with self.ctx.write() as s:
            agreement = load(s, Agreement, agreement_id, "agreement")
            agreement.done_on = done_on
            participant_id = agreement.meeting.participant_id
            audit.record(
                s,
                self.ctx,
                "update",
                "agreement",
                agreement.id,
                participant_id,
                {"fields": ["done_on"]},
            )
            result = meeting_rows.agreement_record(agreement)
        self._publish(participant_id)
        return result

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.MEETING}, {participant_id}))


def _name(s: Session, participant_id: int) -> str:
    return load_participant(s, participant_id).display_name


def _same_time(
    s: Session, participant_id: int, held_at: dt.datetime, own_id: int | None
) -> list[FieldError]:
    q = select(Meeting.id).where(
        Meeting.participant_id == participant_id,
        Meeting.held_at == held_at,
        Meeting.archived_at.is_(None),
    )
    if own_id is not None:
        q = q.where(Meeting.id != own_id)
    if s.scalar(q.limit(1)) is None:
        return []
    return [FieldError("held_at", Message(N_("There is already a meeting with her at this time.")))]
