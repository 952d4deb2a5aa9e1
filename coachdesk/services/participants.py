"""Participants: create, read, update, archive, list and search."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import Participant
from coachdesk.models.enums import ExitDestination, GermanLevel, ParticipantStatus
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, load_participant, mark_archived
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.esf_schedule import schedule_follow_up
from coachdesk.services.participant_checks import stored_problems
from coachdesk.services.participant_rows import (
    FirstPage,
    ListFilter,
    ParticipantRow,
    first_page,
    in_name_order,
    read_rows,
    row_query,
)
from coachdesk.services.records import apply_draft, strip_text, to_record

__all__ = [
    "ListFilter",
    "ParticipantDraft",
    "ParticipantRecord",
    "ParticipantRow",
    "ParticipantService",
]


@dataclass(frozen=True)
class ParticipantDraft:
    """The editable fields of a participant, as a form fills them."""

    first_name: str
    last_name: str
    first_name_latin: str = ""
    """Her first name in Latin letters (the passport spelling) when written in another script."""
    last_name_latin: str = ""
    pseudonym: str = ""
    date_of_birth: dt.date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    jobcentre_customer_number: str = ""
    languages: str = ""
    german_level: GermanLevel | None = None
    qualifications: str = ""
    work_experience: str = ""
    family_situation: str = ""
    children_count: int | None = None
    childcare: str = ""
    health_notes: str = ""
    residence_status: str = ""
    residence_valid_until: dt.date | None = None
    programme_id: int | None = None
    """Her programme (coachdesk.services.programmes); None: none chosen yet."""
    status: ParticipantStatus = ParticipantStatus.INTAKE
    entry_date: dt.date | None = None
    exit_date: dt.date | None = None
    exit_destination: ExitDestination | None = None
    integration_officer_id: int | None = None
    internal_notes: str = ""


@dataclass(frozen=True)
class ParticipantRecord(ParticipantDraft):
    id: int = 0
    retention_until: dt.date | None = None
    archived_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> ParticipantDraft:
        return to_record(ParticipantDraft, self)


def validate_participant(draft: ParticipantDraft, today: dt.date) -> list[FieldError]:
    """Every rule a participant must satisfy on its own (duplicates need the database)."""
    problems: list[FieldError] = []
    validation.required(problems, "first_name", draft.first_name, N_("first name"))
    validation.required(problems, "last_name", draft.last_name, N_("last name"))
    validation.lengths(problems, Participant, draft)
    validation.one_of(problems, "status", draft.status, ParticipantStatus)
    validation.one_of(problems, "german_level", draft.german_level, GermanLevel)
    validation.one_of(problems, "exit_destination", draft.exit_destination, ExitDestination)
    validation.customer_number(
        problems, "jobcentre_customer_number", draft.jobcentre_customer_number
    )
    validation.email(problems, "email", draft.email)
    validation.phone(problems, "phone", draft.phone)
    validation.date_order(
        problems,
        draft.entry_date,
        draft.exit_date,
        "exit_date",
        N_("The exit date cannot be before the entry date."),
    )
    if draft.date_of_birth is not None:
        if draft.date_of_birth > today:
            problems.append(
                FieldError(
                    "date_of_birth",
                    Message(N_("The date of birth cannot be in the future.")),
                )
            )
        elif draft.date_of_birth.year < today.year - 100:
            problems.append(
                FieldError(
                    "date_of_birth",
                    Message(N_("Please check the date of birth: more than 100 years ago.")),
                )
            )
    if draft.children_count is not None and not 0 <= draft.children_count <= 20:
        problems.append(
            FieldError(
                "children_count",
                Message(N_("The number of children must be between 0 and 20.")),
            )
        )
    if draft.exit_destination is not None and draft.exit_date is None:
        problems.append(
            FieldError(
                "exit_date",
                Message(N_("Please enter the exit date as well as where she went.")),
            )
        )
    return problems


class ParticipantService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries -----------------------------------------------------------------------------

    def get(self, participant_id: int) -> ParticipantRecord:
        with self.ctx.read() as s:
            return to_record(ParticipantRecord, load_participant(s, participant_id))

    def list(
        self,
        *,
        query: str = "",
        status: ParticipantStatus | None = None,
        programme_id: int | None = None,
        include_archived: bool = False,
        limit: int | None = None,
    ) -> builtins.list[ParticipantRow]:
        """Rows for the participant list by name; ``query`` uses the full-text index."""
        where = ListFilter(query, status, programme_id, include_archived)
        q = in_name_order(row_query(where))
        if limit is not None:
            q = q.limit(limit)
        with self.ctx.read() as s:
            return read_rows(s, q)

    def first_page(
        self, where: ListFilter, size: int, *, descending: bool = False
    ) -> FirstPage | None:
        """The list's first ``size`` rows by name and its length, or None when they cannot
        be read in order (see participant_rows.first_page)."""
        with self.ctx.read() as s:
            return first_page(s, where, size, descending)

    def row(self, participant_id: int, where: ListFilter) -> ParticipantRow | None:
        """Her line of the list, or None when she is not in it (filtered out, erased)."""
        q = row_query(where).where(Participant.id == participant_id)
        with self.ctx.read() as s:
            rows = read_rows(s, q)
        return rows[0] if rows else None

    def count(self) -> int:
        with self.ctx.read() as s:
            return int(s.scalar(select(func.count(Participant.id))) or 0)

    # -- mutations ---------------------------------------------------------------------------

    def create(self, draft: ParticipantDraft) -> ParticipantRecord:
        draft = _normalise(draft)
        problems = validate_participant(draft, self.ctx.today())
        validation.raise_if(problems)
        with self.ctx.write() as s:
            validation.raise_if(stored_problems(s, draft, None))
            p = Participant()
            apply_draft(p, draft)
            p.retention_until = _retention_date(s, draft.exit_date)
            s.add(p)
            s.flush()
            audit.record(s, self.ctx, "create", "participant", p.id, p.id)
            # A new file has no follow-up yet: only one who has left gets hers.
            esf = p.exit_date is not None and schedule_follow_up(s, self.ctx, p.id, p.exit_date)
            result = to_record(ParticipantRecord, p)
        self.ctx.publish(Changes.of({ChangeKind.PARTICIPANT, *_esf(esf)}, {result.id}))
        return result

    def update(self, participant_id: int, draft: ParticipantDraft) -> ParticipantRecord:
        draft = _normalise(draft)
        problems = validate_participant(draft, self.ctx.today())
        validation.raise_if(problems)
        with self.ctx.write() as s:
            p = load_participant(s, participant_id)
            validation.raise_if(stored_problems(s, draft, participant_id))
            changed = apply_draft(p, draft)
            esf = False
            if "exit_date" in changed:
                p.retention_until = _retention_date(s, draft.exit_date)
                esf = schedule_follow_up(s, self.ctx, p.id, draft.exit_date)
            audit_update(s, self.ctx, "participant", p.id, p.id, changed)
            s.flush()
            result = to_record(ParticipantRecord, p)
        self.ctx.publish(Changes.of({ChangeKind.PARTICIPANT, *_esf(esf)}, {participant_id}))
        return result

    def archive(self, participant_id: int) -> None:
        self._set_archived(participant_id, archived=True)

    def unarchive(self, participant_id: int) -> None:
        self._set_archived(participant_id, archived=False)

    def _set_archived(self, participant_id: int, *, archived: bool) -> None:
        with self.ctx.write() as s:
            p = load_participant(s, participant_id)
            mark_archived(s, self.ctx, p, "participant", p.id, archived, p.id)
        self.ctx.publish(Changes.of({ChangeKind.PARTICIPANT}, {participant_id}))


def _esf(changed: bool) -> tuple[ChangeKind, ...]:
    """The ESF Plus follow-up moved with her exit date: its views refresh too."""
    return (ChangeKind.ESF,) if changed else ()


def _normalise(draft: ParticipantDraft) -> ParticipantDraft:
    draft = strip_text(draft)
    return replace(
        draft,
        jobcentre_customer_number=validation.normalise_customer_number(
            draft.jobcentre_customer_number
        ),
    )


def _retention_date(s: Session, exit_date: dt.date | None) -> dt.date | None:
    from coachdesk.services.settings import retention_months

    if exit_date is None:
        return None
    months = retention_months(s)
    year = exit_date.year + (exit_date.month - 1 + months) // 12
    month = (exit_date.month - 1 + months) % 12 + 1
    day = min(exit_date.day, 28)
    if year > dt.MAXYEAR:  # an exit in the year 9999: kept as long as a date can say
        return dt.date.max
    return dt.date(year, month, day)
