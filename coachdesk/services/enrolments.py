"""Participants' enrolments in modules, their attendance and results (part of ModuleService).

Change kind: "enrolment", with the participant.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.models import Attendance, Enrolment, Module, Participant
from coachdesk.models.enums import EXCUSED_ABSENCES, AttendanceStatus, EnrolmentResult
from coachdesk.services import audit, validation
from coachdesk.services.attendance_rules import attendance_date_problems, period_of
from coachdesk.services.common import audit_update, load, load_participant, storable
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError


@dataclass(frozen=True)
class AttendanceRecord:
    id: int
    session_date: dt.date
    status: AttendanceStatus
    note: str


@dataclass(frozen=True)
class EnrolmentRecord:
    id: int
    participant_id: int
    participant_name: str
    module_id: int
    module_title: str
    enrolled_on: dt.date
    result: EnrolmentResult
    completed_on: dt.date | None
    result_note: str
    attendance: tuple[AttendanceRecord, ...]
    present: int
    excused: int
    absent: int


class EnrolmentMixin:
    """The enrolment methods of ModuleService."""

    ctx: ServiceContext

    def enrol(self, participant_id: int, module_id: int, on: dt.date) -> EnrolmentRecord:
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            module = load(s, Module, module_id, "module")
            if module.archived_at is not None:
                raise ValidationError.single(
                    "module_id", N_("This module is no longer offered (it is archived).")
                )
            already = select(Enrolment.id).where(
                Enrolment.participant_id == participant_id, Enrolment.module_id == module_id
            )
            if s.scalar(already) is not None:
                raise ValidationError.single(
                    "module_id", N_("She is already enrolled in this module.")
                )
            if module.capacity is not None and _ongoing_count(s, module_id) >= module.capacity:
                raise ValidationError.single(
                    "module_id",
                    N_("This module is full ({capacity} places)."),
                    {"capacity": module.capacity},
                )
            enrolment = Enrolment(
                participant_id=participant_id, module_id=module_id, enrolled_on=on
            )
            s.add(enrolment)
            s.flush()
            audit.record(s, self.ctx, "create", "enrolment", enrolment.id, participant_id)
            result = _record(s, enrolment.id)
        self._publish(participant_id)
        return result

    def set_result(
        self,
        enrolment_id: int,
        result: EnrolmentResult,
        completed_on: dt.date | None = None,
        note: str = "",
    ) -> EnrolmentRecord:
        """Record how the module ended; a finished result without a date ends today."""
        note = note.strip()
        problems: list[FieldError] = []
        validation.one_of(problems, "result", result, EnrolmentResult)
        if result == EnrolmentResult.ONGOING:
            completed_on = None
        elif completed_on is None:
            completed_on = self.ctx.today()
        validation.raise_if(problems)
        with self.ctx.write() as s:
            enrolment = load(s, Enrolment, enrolment_id, "enrolment")
            validation.date_order(
                problems,
                enrolment.enrolled_on,
                completed_on,
                "completed_on",
                N_("The end date cannot be before the enrolment date."),
            )
            validation.max_length(problems, "result_note", note, validation.TEXT_LIMIT)
            validation.raise_if(problems)
            wanted = {"result": result, "completed_on": completed_on, "result_note": note}
            changed = sorted(k for k, v in wanted.items() if getattr(enrolment, k) != v)
            for name in changed:
                setattr(enrolment, name, wanted[name])
            audit_update(s, self.ctx, "enrolment", enrolment.id, enrolment.participant_id, changed)
            record = _record(s, enrolment_id)
        self._publish(record.participant_id)
        return record

    def record_attendance(
        self,
        enrolment_id: int,
        session_date: dt.date,
        status: AttendanceStatus,
        note: str = "",
    ) -> EnrolmentRecord:
        """Present, excused or absent on one session day; the same day again replaces it."""
        note = note.strip()
        problems: list[FieldError] = []
        validation.one_of(problems, "status", status, AttendanceStatus)
        validation.max_length(problems, "note", note, validation.TEXT_LIMIT)
        validation.raise_if(problems)
        with self.ctx.write() as s:
            enrolment = load(s, Enrolment, enrolment_id, "enrolment")
            exit_date = load_participant(s, enrolment.participant_id).exit_date
            period = period_of(enrolment, exit_date)
            validation.raise_if(attendance_date_problems(session_date, period, self.ctx.today()))
            row = s.scalar(
                select(Attendance).where(
                    Attendance.enrolment_id == enrolment_id,
                    Attendance.session_date == session_date,
                )
            )
            action = "update" if row is not None else "create"
            if row is None:
                row = Attendance(enrolment_id=enrolment_id, session_date=session_date)
                s.add(row)
            row.status = status
            row.note = note
            s.flush()
            audit.record(s, self.ctx, action, "attendance", row.id, enrolment.participant_id)
            record = _record(s, enrolment_id)
        self._publish(record.participant_id)
        return record

    def remove_attendance(self, attendance_id: int) -> EnrolmentRecord:
        """Take back an attendance entered for the wrong day."""
        with self.ctx.write() as s:
            row = load(s, Attendance, attendance_id, "attendance")
            enrolment_id = row.enrolment_id
            participant_id = row.enrolment.participant_id
            s.delete(row)
            s.flush()
            audit.record(s, self.ctx, "delete", "attendance", attendance_id, participant_id)
            record = _record(s, enrolment_id)
        self._publish(participant_id)
        return record

    def remove_enrolment(self, enrolment_id: int) -> None:
        """Undo an enrolment entered by mistake (with its attendance)."""
        with self.ctx.write() as s:
            enrolment = load(s, Enrolment, enrolment_id, "enrolment")
            participant_id = enrolment.participant_id
            s.delete(enrolment)
            audit.record(s, self.ctx, "delete", "enrolment", enrolment_id, participant_id)
        self._publish(participant_id)

    def enrolments_for_participant(self, participant_id: int) -> builtins.list[EnrolmentRecord]:
        if not storable(participant_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            return _records(s, Enrolment.participant_id == participant_id)

    def participants_of_module(self, module_id: int) -> builtins.list[EnrolmentRecord]:
        with self.ctx.read() as s:
            load(s, Module, module_id, "module")
            return _records(s, Enrolment.module_id == module_id)

    def get_enrolment(self, enrolment_id: int) -> EnrolmentRecord:
        with self.ctx.read() as s:
            load(s, Enrolment, enrolment_id, "enrolment")
            return _record(s, enrolment_id)

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.ENROLMENT}, {participant_id}))


def _records(s: Session, where: object) -> list[EnrolmentRecord]:
    """Two plain queries (enrolments, then their attendance), no ORM objects: a module of a
    big programme has thousands of enrolments, and loading each as an entity with its
    attendance collection took seconds."""
    q = (
        select(
            Enrolment.id,
            Enrolment.participant_id,
            Participant.first_name,
            Participant.last_name,
            Enrolment.module_id,
            Module.title,
            Enrolment.enrolled_on,
            Enrolment.result,
            Enrolment.completed_on,
            Enrolment.result_note,
        )
        .join(Participant, Participant.id == Enrolment.participant_id)
        .join(Module, Module.id == Enrolment.module_id)
        .where(where)  # type: ignore[arg-type]
        .order_by(Enrolment.enrolled_on.desc(), Enrolment.id.desc())
    )
    rows = s.execute(q).all()
    attendance: dict[int, list[AttendanceRecord]] = {}
    ids = select(Enrolment.id).where(where)  # type: ignore[arg-type]
    a = (
        select(Attendance.enrolment_id, Attendance.id, Attendance.session_date, Attendance.status)
        .add_columns(Attendance.note)
        .where(Attendance.enrolment_id.in_(ids))
        .order_by(Attendance.session_date, Attendance.id)
    )
    for enrolment_id, *values in s.execute(a):
        attendance.setdefault(enrolment_id, []).append(AttendanceRecord(*values))
    return [_to_record(r, f"{r[2]} {r[3]}".strip(), tuple(attendance.get(r[0], ()))) for r in rows]


def _record(s: Session, enrolment_id: int) -> EnrolmentRecord:
    # Reload so that attendance added by id (not through the collection) is included.
    s.flush()
    s.expire_all()
    return _records(s, Enrolment.id == enrolment_id)[0]


def _to_record(
    r: Any, participant_name: str, attendance: tuple[AttendanceRecord, ...]
) -> EnrolmentRecord:
    statuses = [a.status for a in attendance]
    return EnrolmentRecord(
        id=r[0],
        participant_id=r[1],
        participant_name=participant_name,
        module_id=r[4],
        module_title=r[5],
        enrolled_on=r[6],
        result=r[7],
        completed_on=r[8],
        result_note=r[9],
        attendance=attendance,
        present=statuses.count(AttendanceStatus.PRESENT),
        excused=sum(1 for s in statuses if s in EXCUSED_ABSENCES),
        absent=statuses.count(AttendanceStatus.ABSENT),
    )


def _ongoing_count(s: Session, module_id: int) -> int:
    q = select(func.count(Enrolment.id)).where(
        Enrolment.module_id == module_id, Enrolment.result == EnrolmentResult.ONGOING
    )
    return int(s.scalar(q) or 0)
