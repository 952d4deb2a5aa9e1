"""Her ESF Plus questionnaires: on entry, on leaving and six months after. Change kind "esf".

Each questionnaire saves on its own. The follow-up is not made here: her exit date schedules
it (``esf_schedule``), so this service only answers it. Disability and minority are special
categories; nothing here writes them anywhere but her file (the consent filter never reads
these tables for a document).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.models import EsfEntry, EsfExit, EsfFollowUp, Participant
from coachdesk.models.enums import LabourStatus
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, load_participant
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import ValidationError
from coachdesk.services.esf_rules import (
    EMPLOYED_AT_ENTRY,
    EntryDraft,
    ExitDraft,
    FollowUpAnswers,
    age_on,
    is_empty,
    validate_entry,
    validate_exit,
    validate_follow_up,
)
from coachdesk.services.esf_schedule import ENTITY as FOLLOW_UP_ENTITY
from coachdesk.services.records import apply_draft, to_record

__all__ = ["EntryDraft", "EsfFile", "EsfFollowUpRecord", "EsfService", "ExitDraft"]


@dataclass(frozen=True)
class EsfFollowUpRecord(FollowUpAnswers):
    due_on: dt.date = dt.date.min
    """Six calendar months after her exit date."""

    @property
    def is_open(self) -> bool:
        return self.answered_on is None and not self.not_reached

    def answers(self) -> FollowUpAnswers:
        return to_record(FollowUpAnswers, self)


@dataclass(frozen=True)
class EsfFile:
    """Her three questionnaires and the dates of her file they depend on, read at once."""

    participant_id: int
    date_of_birth: dt.date | None
    entry_date: dt.date | None
    exit_date: dt.date | None
    entry: EntryDraft
    """Her entry answers (all None while nothing is stored)."""
    exit: ExitDraft
    follow_up: EsfFollowUpRecord | None
    """None until her exit date schedules it."""

    @property
    def age_at_entry(self) -> int | None:
        """Her age on the day she entered (None while her birth or entry date is missing)."""
        return age_on(self.date_of_birth, self.entry_date)

    @property
    def employed_at_entry(self) -> bool:
        return self.entry.labour_status in EMPLOYED_AT_ENTRY

    @property
    def can_leave(self) -> bool:
        """The leaving questionnaire needs her exit date."""
        return self.exit_date is not None


class EsfService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self, participant_id: int) -> EsfFile:
        with self.ctx.read() as s:
            return _file(s, load_participant(s, participant_id))

    def save_entry(self, participant_id: int, draft: EntryDraft) -> EsfFile:
        draft = to_record(EntryDraft, draft)
        with self.ctx.write() as s:
            p = load_participant(s, participant_id)
            validation.raise_if(validate_entry(draft, p.entry_date, self.ctx.today()))
            _save(s, self.ctx, _row(s, EsfEntry, p.id), EsfEntry, "esf_entry", p.id, draft)
            result = _file(s, p)
        self._publish(participant_id)
        return result

    def save_exit(self, participant_id: int, draft: ExitDraft) -> EsfFile:
        draft = to_record(ExitDraft, draft)
        with self.ctx.write() as s:
            p = load_participant(s, participant_id)
            validation.raise_if(validate_exit(draft, p.exit_date, self.ctx.today()))
            _save(s, self.ctx, _row(s, EsfExit, p.id), EsfExit, "esf_exit", p.id, draft)
            result = _file(s, p)
        self._publish(participant_id)
        return result

    def save_follow_up(self, participant_id: int, answers: FollowUpAnswers) -> EsfFile:
        answers = to_record(FollowUpAnswers, answers)
        with self.ctx.write() as s:
            p = load_participant(s, participant_id)
            row = _row(s, EsfFollowUp, p.id)
            if row is None:
                raise ValidationError.single(
                    None,
                    N_(
                        "The six-month follow-up is planned once her exit date is entered "
                        "in the overview."
                    ),
                )
            entry = _row(s, EsfEntry, p.id)
            status: LabourStatus | None = entry.labour_status if entry is not None else None
            today = self.ctx.today()
            validation.raise_if(validate_follow_up(answers, row.due_on, status, today))
            changed = apply_draft(row, answers)
            audit_update(s, self.ctx, FOLLOW_UP_ENTITY, row.id, p.id, changed)
            s.flush()
            result = _file(s, p)
        self._publish(participant_id)
        return result

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.ESF}, {participant_id}))


M = TypeVar("M", EsfEntry, EsfExit, EsfFollowUp)


def _row(s: Session, model: type[M], pid: int) -> M | None:
    return s.scalars(select(model).where(model.participant_id == pid)).one_or_none()


def _save(
    s: Session,
    ctx: ServiceContext,
    row: EsfEntry | EsfExit | None,
    model: type[EsfEntry] | type[EsfExit],
    entity: str,
    pid: int,
    draft: EntryDraft | ExitDraft,
) -> None:
    """Store ``draft`` in her row (made on the first answer) and audit which fields changed."""
    if row is None:
        if is_empty(draft, skip=()):
            return  # nothing asked yet: no row, as before
        row = model(participant_id=pid)
        apply_draft(row, draft)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", entity, row.id, pid)
        return
    changed = apply_draft(row, draft)
    audit_update(s, ctx, entity, row.id, pid, changed)
    s.flush()


def _file(s: Session, p: Participant) -> EsfFile:
    entry = _row(s, EsfEntry, p.id)
    leaving = _row(s, EsfExit, p.id)
    follow_up = _row(s, EsfFollowUp, p.id)
    return EsfFile(
        participant_id=p.id,
        date_of_birth=p.date_of_birth,
        entry_date=p.entry_date,
        exit_date=p.exit_date,
        entry=to_record(EntryDraft, entry) if entry is not None else EntryDraft(),
        exit=to_record(ExitDraft, leaving) if leaving is not None else ExitDraft(),
        follow_up=to_record(EsfFollowUpRecord, follow_up) if follow_up is not None else None,
    )
