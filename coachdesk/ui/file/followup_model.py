"""Aftercare follow-ups of a participant after she left the programme."""

from __future__ import annotations

from coachdesk.i18n import N_, format_date
from coachdesk.labels import label
from coachdesk.models.enums import AftercareStatus
from coachdesk.services.aftercare import FollowUpRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


class FollowUpTableModel(RecordTableModel[FollowUpRecord]):
    DUE, STATUS, DONE, METHOD, EMPLOYMENT = range(5)
    COLUMNS = (
        Column[FollowUpRecord](
            N_("Due"), lambda f: format_date(f.due_on), lambda f: f.due_on.isoformat()
        ),
        Column[FollowUpRecord](
            N_("Status"), lambda f: label(f.status), lambda f: list(AftercareStatus).index(f.status)
        ),
        Column[FollowUpRecord](
            N_("Done on"), lambda f: format_date(f.done_on), lambda f: date_key(f.done_on)
        ),
        Column[FollowUpRecord](N_("How"), lambda f: f.contact_method),
        Column[FollowUpRecord](N_("Work situation"), lambda f: f.employment_status),
    )

    def is_muted(self, record: FollowUpRecord) -> bool:
        return record.status != AftercareStatus.PLANNED
