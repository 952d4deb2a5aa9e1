"""The offer catalogue (modules) and participants' enrolments with attendance."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachdesk.models.base import Archivable, Base, StrEnumType, Timestamped, category
from coachdesk.models.enums import AttendanceStatus, DataCategory, EnrolmentResult

_MA = category(DataCategory.MODULES_ATTENDANCE)


class Module(Archivable, Base):
    """An offer of the programme: what it is, for whom, when and where."""

    __tablename__ = "module"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(Text, default="")
    schedule: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    starts_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    childcare_available: Mapped[bool] = mapped_column(Boolean, default=False)
    languages: Mapped[str] = mapped_column(String(300), default="")
    how_to_refer: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)
    # The programme whose catalogue holds it; None: offered to every programme.
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), default=None, index=True
    )

    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="module")


class Enrolment(Timestamped, Base):
    __tablename__ = "enrolment"
    __table_args__ = (UniqueConstraint("participant_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), index=True)
    enrolled_on: Mapped[dt.date] = mapped_column(Date, info=_MA)
    result: Mapped[EnrolmentResult] = mapped_column(
        StrEnumType(EnrolmentResult), default=EnrolmentResult.ONGOING, info=_MA
    )
    completed_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_MA)
    result_note: Mapped[str] = mapped_column(Text, default="", info=_MA)

    module: Mapped[Module] = relationship(back_populates="enrolments")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan", order_by="Attendance.session_date"
    )


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "session_date"),
        # 0008: the quarterly evaluation counts sessions of a period without the table.
        Index("ix_attendance_session_date", "session_date", "enrolment_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolment.id", ondelete="CASCADE"), index=True
    )
    session_date: Mapped[dt.date] = mapped_column(Date, info=_MA)
    status: Mapped[AttendanceStatus] = mapped_column(StrEnumType(AttendanceStatus), info=_MA)
    note: Mapped[str] = mapped_column(Text, default="", info=_MA)

    enrolment: Mapped[Enrolment] = relationship(back_populates="attendance")
