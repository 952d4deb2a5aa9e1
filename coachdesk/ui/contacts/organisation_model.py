"""Partner organisations of the directory."""

from __future__ import annotations

from coachdesk.i18n import N_
from coachdesk.labels import label
from coachdesk.models.enums import OrganisationKind
from coachdesk.services.directory import OrganisationRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel


class OrganisationTableModel(RecordTableModel[OrganisationRecord]):
    NAME, KIND, PHONE, EMAIL = range(4)
    COLUMNS = (
        Column[OrganisationRecord](N_("Organisation"), lambda o: o.name),
        Column[OrganisationRecord](
            N_("Kind"), lambda o: label(o.kind), lambda o: list(OrganisationKind).index(o.kind)
        ),
        Column[OrganisationRecord](N_("Phone"), lambda o: o.phone),
        Column[OrganisationRecord](N_("E-mail"), lambda o: o.email),
    )

    def is_muted(self, record: OrganisationRecord) -> bool:
        return record.is_archived
