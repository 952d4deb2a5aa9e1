"""A participant's handovers: intake, interim feedback, exit."""

from __future__ import annotations

from coachdesk.i18n import N_, format_date
from coachdesk.labels import label
from coachdesk.models.enums import HandoverKind
from coachdesk.services.handovers import HandoverRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel


def _other_side(h: HandoverRecord) -> str:
    return " · ".join(part for part in (h.organisation_name, h.contact_name) if part)


class HandoverTableModel(RecordTableModel[HandoverRecord]):
    DATE, KIND, OTHER_SIDE, AUTHOR = range(4)
    COLUMNS = (
        Column[HandoverRecord](
            N_("Date"),
            lambda h: format_date(h.handover_date),
            lambda h: h.handover_date.isoformat(),
        ),
        Column[HandoverRecord](
            N_("Kind"), lambda h: label(h.kind), lambda h: list(HandoverKind).index(h.kind)
        ),
        Column[HandoverRecord](N_("With"), _other_side),
        Column[HandoverRecord](N_("Written by"), lambda h: h.author),
    )
