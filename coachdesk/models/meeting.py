"""Meetings (three-way and others): attendees, shared summary, internal notes, agreements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachdesk.models.base import Archivable, Base, StrEnumType, Timestamped, UTCDateTime, category
from coachdesk.models.enums import AttendeeRole, DataCategory, MeetingKind

_MS = category(DataCategory.MEETING_SUMMARIES)


class Meeting(Archivable, Base):
    __tablename__ = "meeting"
    # Today counts open agreements of meetings not archived (migration 0007).
    __table_args__ = (
        Index("ix_meeting_active", "participant_id", sqlite_where=text("archived_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MeetingKind] = mapped_column(
        StrEnumType(MeetingKind), default=MeetingKind.THREE_WAY, info=_MS
    )
    # Local wall-clock time of the meeting, as the coach entered it.
    held_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True, info=_MS)
    location: Mapped[str] = mapped_column(String(300), default="", info=_MS)
    agenda: Mapped[str] = mapped_column(Text, default="", info=_MS)
    shared_summary: Mapped[str] = mapped_column(Text, default="", info=_MS)
    # Never exported: belongs to no data category.
    internal_notes: Mapped[str] = mapped_column(Text, default="")

    attendees: Mapped[list[MeetingAttendee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingAttendee.position"
    )
    agreements: Mapped[list[Agreement]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Agreement.position"
    )


class MeetingAttendee(Base):
    __tablename__ = "meeting_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), info=_MS)
    role: Mapped[AttendeeRole] = mapped_column(StrEnumType(AttendeeRole), info=_MS)
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="SET NULL"), default=None
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")


class Agreement(Timestamped, Base):
    """Who does what by when, tracked until done."""

    __tablename__ = "agreement"
    # Today walks the open agreements by due date (migration 0007); its first page takes
    # them per meeting of a current file from the index alone (0010).
    __table_args__ = (
        Index("ix_agreement_open_due", "due_date", sqlite_where=text("done_on IS NULL")),
        Index(
            "ix_agreement_open_meeting",
            "meeting_id",
            "due_date",
            sqlite_where=text("done_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    who: Mapped[str] = mapped_column(String(200), info=_MS)
    what: Mapped[str] = mapped_column(Text, info=_MS)
    due_date: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_MS)
    done_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_MS)
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="agreements")
