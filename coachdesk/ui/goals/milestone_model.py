"""The milestones and small steps of one goal."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.models.enums import MilestoneKind
from coachdesk.services.goals import MilestoneRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def _reached(m: MilestoneRecord) -> str:
    if m.reached_on is None:
        return _("not yet")
    return format_date(m.reached_on)


class MilestoneTableModel(RecordTableModel[MilestoneRecord]):
    POSITION, TITLE, KIND, DUE, REACHED = range(5)
    COLUMNS = (
        Column[MilestoneRecord](N_("#"), lambda m: str(m.position + 1), lambda m: m.position),
        Column[MilestoneRecord](N_("Milestone or step"), lambda m: m.title),
        Column[MilestoneRecord](
            N_("Kind"), lambda m: label(m.kind), lambda m: list(MilestoneKind).index(m.kind)
        ),
        Column[MilestoneRecord](
            N_("Due"), lambda m: format_date(m.due_date), lambda m: date_key(m.due_date)
        ),
        Column[MilestoneRecord](N_("Reached"), _reached, lambda m: date_key(m.reached_on)),
    )

    def is_muted(self, record: MilestoneRecord) -> bool:
        return record.reached_on is not None
