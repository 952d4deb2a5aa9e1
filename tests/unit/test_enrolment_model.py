from __future__ import annotations

import datetime as dt

from coachdesk.models.enums import EnrolmentResult
from coachdesk.services.modules import EnrolmentRecord
from coachdesk.ui.modules.enrolment_model import EnrolmentTableModel


def test_result_and_attendance_summary() -> None:
    record = EnrolmentRecord(
        1,
        7,
        "Amina Haddad",
        3,
        "Bewerbungstraining",
        dt.date(2026, 2, 1),
        EnrolmentResult.CERTIFICATE,
        dt.date(2026, 3, 1),
        "",
        (),
        5,
        1,
        0,
    )
    model = EnrolmentTableModel()
    model.set_rows([record])
    assert model.data(model.index(0, EnrolmentTableModel.MODULE)) == "Bewerbungstraining"
    assert model.data(model.index(0, EnrolmentTableModel.RESULT)) == (
        "Completed with certificate · Mar 1, 2026"
    )
    assert model.data(model.index(0, EnrolmentTableModel.ATTENDANCE)) == (
        "5 present, 1 excused, 0 absent"
    )
    assert not model.is_muted(record)
