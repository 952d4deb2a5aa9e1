"""Handover forms: intake (job centre to coach), interim feedback, exit, coach to coach.

Change kind: "handover".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import ContactPerson, Handover, Organisation
from coachdesk.models.enums import HandoverKind
from coachdesk.services import audit, validation
from coachdesk.services.common import (
    audit_update,
    get_row,
    load,
    load_participant,
    mark_archived,
    storable,
)
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.records import apply_draft, strip_text, to_record


@dataclass(frozen=True)
class HandoverDraft:
    kind: HandoverKind
    handover_date: dt.date
    author: str = ""
    organisation_id: int | None = None
    """The other side: the job centre at intake and exit, the next coach's organisation."""
    contact_person_id: int | None = None
    reason: str = ""
    situation: str = ""
    expectations: str = ""
    strengths: str = ""
    obstacles: str = ""
    next_steps: str = ""
    recommendation: str = ""
    internal_notes: str = ""
    """Never exported."""


@dataclass(frozen=True)
class HandoverRecord(HandoverDraft):
    id: int = 0
    participant_id: int = 0
    organisation_name: str = ""
    contact_name: str = ""
    archived_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> HandoverDraft:
        return to_record(HandoverDraft, self)


def validate_handover(draft: HandoverDraft, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "kind", draft.kind, N_("the kind of handover"))
    validation.one_of(problems, "kind", draft.kind, HandoverKind)
    validation.required(problems, "handover_date", draft.handover_date, N_("the date"))
    validation.lengths(problems, Handover, draft)
    if draft.handover_date is not None and draft.handover_date > today + dt.timedelta(days=366):
        problems.append(
            FieldError(
                "handover_date",
                Message(N_("Please check the date: more than a year from now.")),
            )
        )
    return problems


class HandoverService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self, handover_id: int) -> HandoverRecord:
        with self.ctx.read() as s:
            return _record(s, load(s, Handover, handover_id, "handover"))

    def list_for_participant(
        self, participant_id: int, include_archived: bool = False
    ) -> list[HandoverRecord]:
        """The participant's handovers, newest first."""
        if not storable(participant_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            q = (
                select(Handover)
                .where(Handover.participant_id == participant_id)
                .order_by(Handover.handover_date.desc(), Handover.id.desc())
            )
            if not include_archived:
                q = q.where(Handover.archived_at.is_(None))
            return [_record(s, h) for h in s.scalars(q)]

    def create(self, participant_id: int, draft: HandoverDraft) -> HandoverRecord:
        draft = strip_text(to_record(HandoverDraft, draft))
        validation.raise_if(validate_handover(draft, self.ctx.today()))
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            draft = _with_organisation(s, draft)
            validation.raise_if(_duplicate(s, participant_id, draft, None))
            handover = Handover(participant_id=participant_id)
            apply_draft(handover, draft)
            s.add(handover)
            s.flush()
            audit.record(s, self.ctx, "create", "handover", handover.id, participant_id)
            result = _record(s, handover)
        self._publish(participant_id)
        return result

    def update(self, handover_id: int, draft: HandoverDraft) -> HandoverRecord:
        draft = strip_text(to_record(HandoverDraft, draft))
        validation.raise_if(validate_handover(draft, self.ctx.today()))
        with self.ctx.write() as s:
            handover = load(s, Handover, handover_id, "handover")
            draft = _with_organisation(s, draft)
            validation.raise_if(_duplicate(s, handover.participant_id, draft, handover_id))
            changed = apply_draft(handover, draft)
            audit_update(s, self.ctx, "handover", handover.id, handover.participant_id, changed)
            s.flush()
            result = _record(s, handover)
        self._publish(result.participant_id)
        return result

    def archive(self, handover_id: int) -> None:
        self._set_archived(handover_id, archived=True)

    def unarchive(self, handover_id: int) -> None:
        """Undo an archiving."""
        self._set_archived(handover_id, archived=False)

    def _set_archived(self, handover_id: int, *, archived: bool) -> None:
        with self.ctx.write() as s:
            handover = load(s, Handover, handover_id, "handover")
            mark_archived(
                s, self.ctx, handover, "handover", handover.id, archived, handover.participant_id
            )
            participant_id = handover.participant_id
        self._publish(participant_id)

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.HANDOVER}, {participant_id}))


def _with_organisation(s: Session, draft: HandoverDraft) -> HandoverDraft:
    """Check the other side exists; a contact person brings her organisation along."""
    if draft.organisation_id is not None:
        load(s, Organisation, draft.organisation_id, "organisation")
    if draft.contact_person_id is None:
        return draft
    contact = load(s, ContactPerson, draft.contact_person_id, "contact")
    if draft.organisation_id is None:
        return replace(draft, organisation_id=contact.organisation_id)
    if draft.organisation_id != contact.organisation_id:
        validation.raise_if(
            [
                FieldError(
                    "contact_person_id",
                    Message(N_("This contact person works for another organisation.")),
                )
            ]
        )
    return draft


def _duplicate(
    s: Session, participant_id: int, draft: HandoverDraft, own_id: int | None
) -> list[FieldError]:
    q = select(Handover.id).where(
        Handover.participant_id == participant_id,
        Handover.kind == draft.kind,
        Handover.handover_date == draft.handover_date,
        Handover.archived_at.is_(None),
    )
    if own_id is not None:
        q = q.where(Handover.id != own_id)
    if s.scalar(q.limit(1)) is None:
        return []
    return [
        FieldError(
            "handover_date",
            Message(N_("There is already a handover of this kind on this date.")),
        )
    ]


def _record(s: Session, handover: Handover) -> HandoverRecord:
    organisation = (
        get_row(s, Organisation, handover.organisation_id)
        if handover.organisation_id is not None
        else None
    )
    contact = (
        get_row(s, ContactPerson, handover.contact_person_id)
        if handover.contact_person_id is not None
        else None
    )
    return to_record(
        HandoverRecord,
        handover,
        organisation_name=organisation.name if organisation else "",
        contact_name=contact.name if contact else "",
    )
