"""The directory of partner organisations, their contact persons and who is responsible for what.

Contact persons are partner staff, not participants. Change kinds: "organisation",
"contact", "responsibility".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.collation import sort_key
from coachdesk.i18n import N_, Message
from coachdesk.models import ContactPerson, Organisation
from coachdesk.models.enums import OrganisationKind
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, load, mark_archived, name_taken, storable
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.records import apply_draft, strip_text, to_record
from coachdesk.services.responsibilities import ResponsibilityMixin


@dataclass(frozen=True)
class OrganisationDraft:
    name: str
    kind: OrganisationKind
    address: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class OrganisationRecord(OrganisationDraft):
    id: int = 0
    archived_at: dt.datetime | None = None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> OrganisationDraft:
        return to_record(OrganisationDraft, self)


@dataclass(frozen=True)
class ContactDraft:
    organisation_id: int
    name: str
    role_title: str = ""
    """For example "Integration officer, team U25"."""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ContactRecord(ContactDraft):
    id: int = 0
    organisation_name: str = ""
    archived_at: dt.datetime | None = None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> ContactDraft:
        return to_record(ContactDraft, self)


def validate_organisation(draft: OrganisationDraft) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "name", draft.name, N_("the name"))
    validation.required(problems, "kind", draft.kind, N_("the kind of organisation"))
    validation.one_of(problems, "kind", draft.kind, OrganisationKind)
    validation.lengths(problems, Organisation, draft)
    validation.email(problems, "email", draft.email)
    validation.phone(problems, "phone", draft.phone)
    return problems


def validate_contact(draft: ContactDraft) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "organisation_id", draft.organisation_id, N_("the organisation"))
    validation.required(problems, "name", draft.name, N_("the name"))
    validation.lengths(problems, ContactPerson, draft)
    validation.email(problems, "email", draft.email)
    validation.phone(problems, "phone", draft.phone)
    return problems


class DirectoryService(ResponsibilityMixin):
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- organisations -----------------------------------------------------------------------

    def get_organisation(self, organisation_id: int) -> OrganisationRecord:
        with self.ctx.read() as s:
            return to_record(
                OrganisationRecord, load(s, Organisation, organisation_id, "organisation")
            )

    def list_organisations(
        self, include_archived: bool = False, kind: OrganisationKind | None = None
    ) -> list[OrganisationRecord]:
        with self.ctx.read() as s:
            q = select(Organisation).order_by(func.lower(Organisation.name), Organisation.id)
            if not include_archived:
                q = q.where(Organisation.archived_at.is_(None))
            if kind is not None:
                q = q.where(Organisation.kind == kind)
            found = [to_record(OrganisationRecord, o) for o in s.scalars(q)]
        return sorted(found, key=lambda o: (sort_key(o.name), o.id))

    def create_organisation(self, draft: OrganisationDraft) -> OrganisationRecord:
        draft = strip_text(to_record(OrganisationDraft, draft))
        validation.raise_if(validate_organisation(draft))
        with self.ctx.write() as s:
            validation.raise_if(_duplicate_organisation(s, draft.name, None))
            organisation = Organisation()
            apply_draft(organisation, draft)
            s.add(organisation)
            s.flush()
            audit.record(s, self.ctx, "create", "organisation", organisation.id)
            result = to_record(OrganisationRecord, organisation)
        self.ctx.publish(Changes.of({ChangeKind.ORGANISATION}))
        return result

    def update_organisation(
        self, organisation_id: int, draft: OrganisationDraft
    ) -> OrganisationRecord:
        draft = strip_text(to_record(OrganisationDraft, draft))
        validation.raise_if(validate_organisation(draft))
        with self.ctx.write() as s:
            organisation = load(s, Organisation, organisation_id, "organisation")
            validation.raise_if(_duplicate_organisation(s, draft.name, organisation_id))
            changed = apply_draft(organisation, draft)
            audit_update(s, self.ctx, "organisation", organisation.id, None, changed)
            s.flush()
            result = to_record(OrganisationRecord, organisation)
        self.ctx.publish(Changes.of({ChangeKind.ORGANISATION}))
        return result

    def archive_organisation(self, organisation_id: int) -> None:
        """Out of the lists (with its contact persons); records that name it keep it."""
        self._set_archived(Organisation, organisation_id, "organisation", True)

    def unarchive_organisation(self, organisation_id: int) -> None:
        self._set_archived(Organisation, organisation_id, "organisation", False)

    # -- contact persons ---------------------------------------------------------------------

    def get_contact(self, contact_id: int) -> ContactRecord:
        with self.ctx.read() as s:
            return _contact_record(load(s, ContactPerson, contact_id, "contact"))

    def list_contacts(
        self, organisation_id: int | None = None, include_archived: bool = False
    ) -> list[ContactRecord]:
        """Contact persons (of one organisation), by name; archived organisations' left out."""
        if organisation_id is not None and not storable(organisation_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            q = (
                select(ContactPerson, Organisation.name)
                .join(Organisation, Organisation.id == ContactPerson.organisation_id)
                .order_by(func.lower(ContactPerson.name), ContactPerson.id)
            )
            if organisation_id is not None:
                q = q.where(ContactPerson.organisation_id == organisation_id)
            if not include_archived:
                q = q.where(ContactPerson.archived_at.is_(None), Organisation.archived_at.is_(None))
            found = [
                to_record(ContactRecord, c, organisation_name=org_name)
                for c, org_name in s.execute(q)
            ]
        return sorted(found, key=lambda c: (sort_key(c.name), c.id))

    def create_contact(self, draft: ContactDraft) -> ContactRecord:
        draft = strip_text(to_record(ContactDraft, draft))
        validation.raise_if(validate_contact(draft))
        with self.ctx.write() as s:
            _check_organisation(s, draft.organisation_id)
            validation.raise_if(_duplicate_contact(s, draft, None))
            contact = ContactPerson()
            apply_draft(contact, draft)
            s.add(contact)
            s.flush()
            audit.record(s, self.ctx, "create", "contact", contact.id)
            result = _contact_record(contact)
        self.ctx.publish(Changes.of({ChangeKind.CONTACT}))
        return result

    def update_contact(self, contact_id: int, draft: ContactDraft) -> ContactRecord:
        draft = strip_text(to_record(ContactDraft, draft))
        validation.raise_if(validate_contact(draft))
        with self.ctx.write() as s:
            contact = load(s, ContactPerson, contact_id, "contact")
            if draft.organisation_id != contact.organisation_id:
                _check_organisation(s, draft.organisation_id)
            validation.raise_if(_duplicate_contact(s, draft, contact_id))
            changed = apply_draft(contact, draft)
            audit_update(s, self.ctx, "contact", contact.id, None, changed)
            s.flush()
            s.refresh(contact)
            result = _contact_record(contact)
        self.ctx.publish(Changes.of({ChangeKind.CONTACT}))
        return result

    def archive_contact(self, contact_id: int) -> None:
        self._set_archived(ContactPerson, contact_id, "contact", True)

    def unarchive_contact(self, contact_id: int) -> None:
        self._set_archived(ContactPerson, contact_id, "contact", False)

    def _set_archived(
        self,
        model: type[Organisation] | type[ContactPerson],
        record_id: int,
        entity: str,
        archived: bool,
    ) -> None:
        with self.ctx.write() as s:
            row = load(s, model, record_id, entity)
            mark_archived(s, self.ctx, row, entity, record_id, archived)
        self.ctx.publish(Changes.of({ChangeKind(entity)}))


def _contact_record(contact: ContactPerson) -> ContactRecord:
    return to_record(ContactRecord, contact, organisation_name=contact.organisation.name)


def _check_organisation(s: Session, organisation_id: int) -> None:
    organisation = load(s, Organisation, organisation_id, "organisation")
    if organisation.archived_at is not None:
        raise ValidationError.single(
            "organisation_id", N_("This organisation is archived. Please choose another one.")
        )


def _duplicate_organisation(s: Session, name: str, own_id: int | None) -> list[FieldError]:
    if not name_taken(s, Organisation.id, Organisation.name, name, own_id):
        return []
    return [
        FieldError("name", Message(N_("An organisation with this name is already in the list.")))
    ]


def _duplicate_contact(s: Session, draft: ContactDraft, own_id: int | None) -> list[FieldError]:
    if not name_taken(
        s,
        ContactPerson.id,
        ContactPerson.name,
        draft.name,
        own_id,
        ContactPerson.organisation_id == draft.organisation_id,
    ):
        return []
    return [
        FieldError(
            "name", Message(N_("This organisation already has a contact person of this name."))
        )
    ]
