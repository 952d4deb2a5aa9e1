"""Contact persons of the partner organisations."""

from __future__ import annotations

from coachdesk.i18n import N_
from coachdesk.services.directory import ContactRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel


class ContactTableModel(RecordTableModel[ContactRecord]):
    NAME, ROLE, ORGANISATION, PHONE, EMAIL = range(5)
    COLUMNS = (
        Column[ContactRecord](N_("Name"), lambda c: c.name),
        Column[ContactRecord](N_("Role"), lambda c: c.role_title),
        Column[ContactRecord](N_("Organisation"), lambda c: c.organisation_name),
        Column[ContactRecord](N_("Phone"), lambda c: c.phone),
        Column[ContactRecord](N_("E-mail"), lambda c: c.email),
    )

    def is_muted(self, record: ContactRecord) -> bool:
        return record.is_archived
