"""Who is responsible for what: topics of the organisations and their contact persons."""

from __future__ import annotations

from coachdesk.i18n import N_
from coachdesk.services.responsibilities import ResponsibilityRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel


class ResponsibilityTableModel(RecordTableModel[ResponsibilityRecord]):
    TOPIC, ORGANISATION, CONTACT, TARGET_GROUP = range(4)
    COLUMNS = (
        Column[ResponsibilityRecord](N_("Topic"), lambda r: r.topic),
        Column[ResponsibilityRecord](N_("Organisation"), lambda r: r.organisation_name),
        Column[ResponsibilityRecord](N_("Contact person"), lambda r: r.contact_name),
        Column[ResponsibilityRecord](N_("For whom"), lambda r: r.target_group),
    )
