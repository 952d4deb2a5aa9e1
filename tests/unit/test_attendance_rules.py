"""Attendance only on a day she can have attended: the boundary days count, the next do not."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import AttendanceStatus
from coachdesk.services.attendance_rules import AttendancePeriod, attendance_date_problems
from coachdesk.services.errors import ValidationError
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY

DAY = dt.timedelta(days=1)
PERIOD = AttendancePeriod(
    enrolled_on=dt.date(2026, 2, 2),
    completed_on=dt.date(2026, 3, 13),
    module_starts=dt.date(2026, 2, 3),
    module_ends=dt.date(2026, 3, 12),
    exit_date=dt.date(2026, 3, 11),
)


def problems(day: dt.date, period: AttendancePeriod = PERIOD) -> list[str]:
    return [p.message.render() for p in attendance_date_problems(day, period, TODAY)]


def test_boundary_days_count_and_the_days_beyond_do_not() -> None:
    open_period = AttendancePeriod(dt.date(2026, 1, 5), None, None, None, None)
    assert problems(TODAY, open_period) == []  # today
    assert problems(TODAY + DAY, open_period) == [
        "Attendance can only be recorded for today or a past day."
    ]
    assert problems(dt.date(2026, 1, 5), open_period) == []  # the day she was enrolled
    assert "enrolled only on" in problems(dt.date(2026, 1, 4), open_period)[0]
    assert problems(PERIOD.module_starts) == []
    assert problems(PERIOD.module_starts - DAY) == ["The module starts on Feb 3, 2026."]
    assert problems(PERIOD.exit_date) == []
    assert "left the programme" in problems(PERIOD.exit_date + DAY)[0]


@pytest.mark.parametrize(
    ("end", "message"),
    [("completed_on", "enrolment ended"), ("module_ends", "module ended")],
)
def test_the_end_of_the_enrolment_and_of_the_module(end: str, message: str) -> None:
    last = dt.date(2026, 3, 1)
    period = AttendancePeriod(dt.date(2026, 1, 5), None, None, None, None)
    from dataclasses import replace

    period = replace(period, **{end: last})
    assert problems(last, period) == []
    assert message in problems(last + DAY, period)[0]


def test_the_service_refuses_a_future_session_and_keeps_nothing(services: Services) -> None:
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    module = services.modules.create(ModuleDraft("Bewerbungstraining"))
    enrolment = services.modules.enrol(pid, module.id, TODAY - 10 * DAY)
    with pytest.raises(ValidationError) as refused:
        services.modules.record_attendance(enrolment.id, TODAY + DAY, AttendanceStatus.PRESENT)
    assert refused.value.errors[0].field == "session_date"
    done = services.modules.record_attendance(enrolment.id, TODAY, AttendanceStatus.PRESENT)
    assert [a.session_date for a in done.attendance] == [TODAY]
