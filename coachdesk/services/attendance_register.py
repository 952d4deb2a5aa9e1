"""A session's attendance register: the women enrolled that day, recorded in one go (part of
ModuleService, like the enrolments).

Change kind: "enrolment", with the participants whose entries changed.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from coachdesk.collation import sort_key
from coachdesk.models import Attendance, Enrolment
from coachdesk.models.enums import AttendanceStatus
from coachdesk.services import audit, validation
from coachdesk.services.attendance_rules import attendance_date_problems, period_of
from coachdesk.services.common import load, load_participant
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.enrolments import EnrolmentRecord


@dataclass(frozen=True)
class RegisterRow:
    """One woman in the register of a session day."""

    enrolment_id: int
    participant_name: str
    status: AttendanceStatus | None
    """What is recorded for her that day (None: nothing yet)."""


class RegisterMixin:
    """The register methods of ModuleService."""

    ctx: ServiceContext

    def participants_of_module(self, module_id: int) -> builtins.list[EnrolmentRecord]:
        raise NotImplementedError  # EnrolmentMixin provides it

    def register(self, module_id: int, day: dt.date) -> builtins.list[RegisterRow]:
        """The women enrolled in the module on ``day``, with what is recorded for that day."""
        rows = []
        for e in self.participants_of_module(module_id):
            if e.enrolled_on > day or (e.completed_on is not None and e.completed_on < day):
                continue
            recorded = next((a.status for a in e.attendance if a.session_date == day), None)
            rows.append(RegisterRow(e.id, e.participant_name, recorded))
        return sorted(rows, key=lambda r: sort_key(r.participant_name))

    def record_register(self, day: dt.date, entries: Mapping[int, AttendanceStatus | None]) -> None:
        """A session's register in one transaction: each enrolment's status for ``day``
        (None takes back what was recorded). Nothing is stored if any day is refused."""
        with self.ctx.write() as s:
            touched: set[int] = set()
            for enrolment_id, status in entries.items():
                enrolment = load(s, Enrolment, enrolment_id, "enrolment")
                row = s.scalar(
                    select(Attendance).where(
                        Attendance.enrolment_id == enrolment_id, Attendance.session_date == day
                    )
                )
                if status is None:
                    if row is not None:
                        s.delete(row)
                        audit.record(
                            s, self.ctx, "delete", "attendance", row.id, enrolment.participant_id
                        )
                        touched.add(enrolment.participant_id)
                    continue
                exit_date = load_participant(s, enrolment.participant_id).exit_date
                validation.raise_if(
                    attendance_date_problems(day, period_of(enrolment, exit_date), self.ctx.today())
                )
                if row is None:
                    row = Attendance(enrolment_id=enrolment_id, session_date=day, note="")
                    s.add(row)
                elif row.status == status:
                    continue
                row.status = status
                s.flush()
                audit.record(s, self.ctx, "update", "attendance", row.id, enrolment.participant_id)
                touched.add(enrolment.participant_id)
        if touched:
            self.ctx.publish(Changes.of({ChangeKind.ENROLMENT}, touched))
