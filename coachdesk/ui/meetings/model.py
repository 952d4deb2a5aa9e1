"""Meetings as a list: when, who, what kind, where, and how many agreements are still open."""

from __future__ import annotations

from coachdesk.i18n import N_, format_datetime
from coachdesk.labels import label
from coachdesk.models.enums import MeetingKind
from coachdesk.services.meetings import MeetingRecord, MeetingRow
from coachdesk.ui.kit.table_model import Column, RecordTableModel


def row_of(meeting: MeetingRecord) -> MeetingRow:
    """The list line of a full meeting record (a participant's file lists full records)."""
    return MeetingRow(
        meeting.id,
        meeting.participant_id,
        meeting.participant_name,
        meeting.held_at,
        meeting.kind,
        meeting.location,
        sum(1 for a in meeting.agreements if a.done_on is None),
        meeting.is_archived,
    )


class MeetingTableModel(RecordTableModel[MeetingRow]):
    WHEN, PARTICIPANT, KIND, PLACE, OPEN_AGREEMENTS = range(5)
    COLUMNS = (
        Column[MeetingRow](
            N_("When"), lambda m: format_datetime(m.held_at, fmt="short"), lambda m: m.held_at
        ),
        Column[MeetingRow](N_("Participant"), lambda m: m.participant_name),
        Column[MeetingRow](
            N_("Kind"), lambda m: label(m.kind), lambda m: list(MeetingKind).index(m.kind)
        ),
        Column[MeetingRow](N_("Place"), lambda m: m.location),
        Column[MeetingRow](
            N_("Open agreements"), lambda m: str(m.open_agreements), lambda m: m.open_agreements
        ),
    )

    def is_muted(self, record: MeetingRow) -> bool:
        return record.archived
