"""Who is responsible for what (the "Schnittstellenpapier"), part of the directory service."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import ContactPerson, Organisation, Responsibility
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, get_row, load, name_taken, storable
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.records import apply_draft, strip_text, to_record


@dataclass(frozen=True)
class ResponsibilityDraft:
    """A topic (e.g. "childcare allowance") an organisation, maybe one of its people, handles."""

    topic: str
    contact_person_id: int | None = None
    target_group: str = ""
    note: str = ""


@dataclass(frozen=True)
class ResponsibilityRecord(ResponsibilityDraft):
    id: int = 0
    organisation_id: int = 0
    organisation_name: str = ""
    contact_name: str = ""

    def draft(self) -> ResponsibilityDraft:
        return to_record(ResponsibilityDraft, self)


def validate_responsibility(draft: ResponsibilityDraft) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "topic", draft.topic, N_("the topic"))
    validation.lengths(problems, Responsibility, draft)
    return problems


class ResponsibilityMixin:
    """The responsibility methods of DirectoryService."""

    ctx: ServiceContext

    def list_responsibilities(
        self, organisation_id: int | None = None
    ) -> list[ResponsibilityRecord]:
        """By topic; those of archived organisations are left out."""
        if organisation_id is not None and not storable(organisation_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            q = (
                select(Responsibility)
                .join(Organisation, Organisation.id == Responsibility.organisation_id)
                .where(Organisation.archived_at.is_(None))
                .order_by(func.lower(Responsibility.topic), Responsibility.id)
            )
            if organisation_id is not None:
                q = q.where(Responsibility.organisation_id == organisation_id)
            return [_record(s, r) for r in s.scalars(q)]

    def get_responsibility(self, responsibility_id: int) -> ResponsibilityRecord:
        with self.ctx.read() as s:
            return _record(s, load(s, Responsibility, responsibility_id, "responsibility"))

    def add_responsibility(
        self, organisation_id: int, draft: ResponsibilityDraft
    ) -> ResponsibilityRecord:
        draft = strip_text(to_record(ResponsibilityDraft, draft))
        validation.raise_if(validate_responsibility(draft))
        with self.ctx.write() as s:
            load(s, Organisation, organisation_id, "organisation")
            validation.raise_if(_check(s, organisation_id, draft, None))
            row = Responsibility(organisation_id=organisation_id)
            apply_draft(row, draft)
            s.add(row)
            s.flush()
            audit.record(s, self.ctx, "create", "responsibility", row.id)
            result = _record(s, row)
        self.ctx.publish(Changes.of({ChangeKind.RESPONSIBILITY}))
        return result

    def update_responsibility(
        self, responsibility_id: int, draft: ResponsibilityDraft
    ) -> ResponsibilityRecord:
        draft = strip_text(to_record(ResponsibilityDraft, draft))
        validation.raise_if(validate_responsibility(draft))
        with self.ctx.write() as s:
            row = load(s, Responsibility, responsibility_id, "responsibility")
            validation.raise_if(_check(s, row.organisation_id, draft, responsibility_id))
            changed = apply_draft(row, draft)
            audit_update(s, self.ctx, "responsibility", row.id, None, changed)
            s.flush()
            result = _record(s, row)
        self.ctx.publish(Changes.of({ChangeKind.RESPONSIBILITY}))
        return result

    def remove_responsibility(self, responsibility_id: int) -> None:
        with self.ctx.write() as s:
            row = load(s, Responsibility, responsibility_id, "responsibility")
            s.delete(row)
            audit.record(s, self.ctx, "delete", "responsibility", responsibility_id)
        self.ctx.publish(Changes.of({ChangeKind.RESPONSIBILITY}))


def _check(
    s: Session, organisation_id: int, draft: ResponsibilityDraft, own_id: int | None
) -> list[FieldError]:
    problems: list[FieldError] = []
    if draft.contact_person_id is not None:
        contact = get_row(s, ContactPerson, draft.contact_person_id)
        if contact is None or contact.organisation_id != organisation_id:
            problems.append(
                FieldError(
                    "contact_person_id",
                    Message(N_("This contact person works for another organisation.")),
                )
            )
    if name_taken(
        s,
        Responsibility.id,
        Responsibility.topic,
        draft.topic,
        own_id,
        Responsibility.organisation_id == organisation_id,
        Responsibility.target_group == draft.target_group,
    ):
        problems.append(
            FieldError("topic", Message(N_("This responsibility is already in the list.")))
        )
    return problems


def _record(s: Session, row: Responsibility) -> ResponsibilityRecord:
    contact = (
        get_row(s, ContactPerson, row.contact_person_id)
        if row.contact_person_id is not None
        else None
    )
    return to_record(
        ResponsibilityRecord,
        row,
        organisation_name=row.organisation.name,
        contact_name=contact.name if contact is not None else "",
    )
