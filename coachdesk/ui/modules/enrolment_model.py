"""A participant's modules (or a module's participants): result and attendance at a glance."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.models.enums import EnrolmentResult
from coachdesk.services.modules import EnrolmentRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def _attendance(e: EnrolmentRecord) -> str:
    return _("{present} present, {excused} excused, {absent} absent").format(
        present=e.present, excused=e.excused, absent=e.absent
    )


class EnrolmentTableModel(RecordTableModel[EnrolmentRecord]):
    MODULE, PARTICIPANT, ENROLLED, RESULT, ATTENDANCE = range(5)
    COLUMNS = (
        Column[EnrolmentRecord](N_("Module"), lambda e: e.module_title),
        Column[EnrolmentRecord](N_("Participant"), lambda e: e.participant_name),
        Column[EnrolmentRecord](
            N_("Enrolled on"),
            lambda e: format_date(e.enrolled_on),
            lambda e: date_key(e.enrolled_on),
        ),
        Column[EnrolmentRecord](
            N_("Result"),
            lambda e: (
                label(e.result) + (" · " + format_date(e.completed_on) if e.completed_on else "")
            ),
            lambda e: list(EnrolmentResult).index(e.result),
        ),
        Column[EnrolmentRecord](N_("Attendance"), _attendance, lambda e: e.present),
    )

    def is_muted(self, record: EnrolmentRecord) -> bool:
        return record.result == EnrolmentResult.DROPPED_OUT
