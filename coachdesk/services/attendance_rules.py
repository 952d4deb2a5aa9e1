"""When attendance can have been taken: a day she was enrolled, within the module, not ahead.

Attendance goes into signed documents for the job centre (interim feedback, exit
handover), so a day she cannot have attended is refused with a message naming why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.i18n import N_, Message, format_date
from coachdesk.models import Enrolment
from coachdesk.services.errors import FieldError


@dataclass(frozen=True)
class AttendancePeriod:
    """The days an attendance entry may fall on, for one enrolment."""

    enrolled_on: dt.date
    completed_on: dt.date | None
    """The enrolment ended (completed, dropped out) on this day."""
    module_starts: dt.date | None
    module_ends: dt.date | None
    exit_date: dt.date | None
    """She left the programme on this day."""


def attendance_date_problems(
    day: dt.date, period: AttendancePeriod, today: dt.date
) -> list[FieldError]:
    """What is wrong with ``day`` (an empty list when nothing is); boundary days are fine."""

    def problem(msgid: str, **params: object) -> list[FieldError]:
        rendered = {k: format_date(v) if isinstance(v, dt.date) else v for k, v in params.items()}
        return [FieldError("session_date", Message(msgid, rendered))]

    if day > today:
        return problem(N_("Attendance can only be recorded for today or a past day."))
    if day < period.enrolled_on:
        return problem(
            N_("She was enrolled only on {date}: a session before that cannot count."),
            date=period.enrolled_on,
        )
    if period.completed_on is not None and day > period.completed_on:
        return problem(
            N_("Her enrolment ended on {date}: a session after that cannot count."),
            date=period.completed_on,
        )
    if period.module_starts is not None and day < period.module_starts:
        return problem(N_("The module starts on {date}."), date=period.module_starts)
    if period.module_ends is not None and day > period.module_ends:
        return problem(N_("The module ended on {date}."), date=period.module_ends)
    if period.exit_date is not None and day > period.exit_date:
        return problem(
            N_("She left the programme on {date}: a session after that cannot count."),
            date=period.exit_date,
        )
    return []


def period_of(e: Enrolment, exit_date: dt.date | None) -> AttendancePeriod:
    """The days attendance may fall on for enrolment ``e`` (``exit_date``: when she left)."""
    return AttendancePeriod(
        enrolled_on=e.enrolled_on,
        completed_on=e.completed_on,
        module_starts=e.module.starts_on,
        module_ends=e.module.ends_on,
        exit_date=exit_date,
    )
