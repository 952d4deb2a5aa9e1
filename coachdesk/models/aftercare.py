"""Aftercare follow-ups after a participant has left the programme."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, StrEnumType, Timestamped, category
from coachdesk.models.enums import AftercareStatus, DataCategory

_GP = category(DataCategory.GOALS_PROGRESS)


class AftercareFollowUp(Timestamped, Base):
    __tablename__ = "aftercare_followup"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[dt.date] = mapped_column(Date, index=True, info=_GP)
    done_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_GP)
    status: Mapped[AftercareStatus] = mapped_column(
        StrEnumType(AftercareStatus), default=AftercareStatus.PLANNED, info=_GP
    )
    contact_method: Mapped[str] = mapped_column(String(100), default="", info=_GP)
    employment_status: Mapped[str] = mapped_column(String(300), default="", info=_GP)
    note: Mapped[str] = mapped_column(Text, default="", info=_GP)
