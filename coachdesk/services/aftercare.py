"""Aftercare follow-ups after a participant has left the programme. Change kind: "aftercare"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import AftercareFollowUp
from coachdesk.models.enums import AftercareStatus
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, load, load_participant, not_in_future, storable
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.records import apply_draft, strip_text, to_record


@dataclass(frozen=True)
class FollowUpDraft:
    due_on: dt.date
    done_on: dt.date | None = None
    status: AftercareStatus = AftercareStatus.PLANNED
    contact_method: str = ""
    """How she was reached: phone, visit, e-mail, ..."""
    employment_status: str = ""
    """Where she stands at the follow-up (still employed, new job, ...)."""
    note: str = ""


@dataclass(frozen=True)
class FollowUpRecord(FollowUpDraft):
    id: int = 0
    participant_id: int = 0

    @property
    def is_done(self) -> bool:
        return self.status == AftercareStatus.DONE

    def draft(self) -> FollowUpDraft:
        return to_record(FollowUpDraft, self)


def validate_followup(draft: FollowUpDraft, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "due_on", draft.due_on, N_("the date it is due"))
    validation.one_of(problems, "status", draft.status, AftercareStatus)
    validation.lengths(problems, AftercareFollowUp, draft)
    not_in_future(problems, "done_on", draft.done_on, today)
    if draft.status == AftercareStatus.DONE and draft.done_on is None:
        problems.append(
            FieldError("done_on", Message(N_("Please enter when the follow-up took place.")))
        )
    if draft.status == AftercareStatus.PLANNED and draft.done_on is not None:
        problems.append(
            FieldError(
                "status",
                Message(N_("A follow-up that took place is no longer planned. Please check.")),
            )
        )
    return problems


class AftercareService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self, followup_id: int) -> FollowUpRecord:
        with self.ctx.read() as s:
            return to_record(FollowUpRecord, _load(s, followup_id))

    def list_for_participant(self, participant_id: int) -> list[FollowUpRecord]:
        """Her follow-ups by due date."""
        if not storable(participant_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            q = (
                select(AftercareFollowUp)
                .where(AftercareFollowUp.participant_id == participant_id)
                .order_by(AftercareFollowUp.due_on, AftercareFollowUp.id)
            )
            return [to_record(FollowUpRecord, f) for f in s.scalars(q)]

    def create(self, participant_id: int, draft: FollowUpDraft) -> FollowUpRecord:
        draft = strip_text(to_record(FollowUpDraft, draft))
        validation.raise_if(validate_followup(draft, self.ctx.today()))
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            validation.raise_if(_duplicate(s, participant_id, draft.due_on, None))
            followup = AftercareFollowUp(participant_id=participant_id)
            apply_draft(followup, draft)
            s.add(followup)
            s.flush()
            audit.record(s, self.ctx, "create", "aftercare", followup.id, participant_id)
            result = to_record(FollowUpRecord, followup)
        self._publish(participant_id)
        return result

    def update(self, followup_id: int, draft: FollowUpDraft) -> FollowUpRecord:
        draft = strip_text(to_record(FollowUpDraft, draft))
        validation.raise_if(validate_followup(draft, self.ctx.today()))
        with self.ctx.write() as s:
            followup = _load(s, followup_id)
            validation.raise_if(_duplicate(s, followup.participant_id, draft.due_on, followup_id))
            changed = apply_draft(followup, draft)
            audit_update(s, self.ctx, "aftercare", followup.id, followup.participant_id, changed)
            s.flush()
            result = to_record(FollowUpRecord, followup)
        self._publish(result.participant_id)
        return result

    def mark_done(self, followup_id: int, on: dt.date) -> FollowUpRecord:
        current = self.get(followup_id)
        return self.update(
            followup_id, replace(current.draft(), status=AftercareStatus.DONE, done_on=on)
        )

    def remove(self, followup_id: int) -> None:
        """Delete a follow-up entered by mistake (a missed one is kept with status MISSED)."""
        with self.ctx.write() as s:
            followup = _load(s, followup_id)
            participant_id = followup.participant_id
            s.delete(followup)
            audit.record(s, self.ctx, "delete", "aftercare", followup_id, participant_id)
        self._publish(participant_id)

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.AFTERCARE}, {participant_id}))


def _load(s: Session, followup_id: int) -> AftercareFollowUp:
    return load(s, AftercareFollowUp, followup_id, "aftercare")


def _duplicate(
    s: Session, participant_id: int, due_on: dt.date, own_id: int | None
) -> list[FieldError]:
    q = select(AftercareFollowUp.id).where(
        AftercareFollowUp.participant_id == participant_id, AftercareFollowUp.due_on == due_on
    )
    if own_id is not None:
        q = q.where(AftercareFollowUp.id != own_id)
    if s.scalar(q.limit(1)) is None:
        return []
    return [FieldError("due_on", Message(N_("There is already a follow-up on this date for her.")))]
