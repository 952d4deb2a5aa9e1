"""Handover forms: intake (job centre to coach), interim feedback, exit, coach to coach."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Archivable, Base, StrEnumType, category
from coachdesk.models.enums import DataCategory, HandoverKind

_HF = category(DataCategory.HANDOVER_FACTS)


class Handover(Archivable, Base):
    __tablename__ = "handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[HandoverKind] = mapped_column(StrEnumType(HandoverKind), info=_HF)
    handover_date: Mapped[dt.date] = mapped_column(Date, info=_HF)
    author: Mapped[str] = mapped_column(String(200), default="", info=_HF)
    # The other side: the job centre at intake and exit, the next coach's organisation, ...
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), default=None
    )
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="SET NULL"), default=None
    )
    reason: Mapped[str] = mapped_column(Text, default="", info=_HF)
    situation: Mapped[str] = mapped_column(Text, default="", info=_HF)
    expectations: Mapped[str] = mapped_column(Text, default="", info=_HF)
    strengths: Mapped[str] = mapped_column(Text, default="", info=_HF)
    obstacles: Mapped[str] = mapped_column(Text, default="", info=_HF)
    next_steps: Mapped[str] = mapped_column(Text, default="", info=_HF)
    recommendation: Mapped[str] = mapped_column(Text, default="", info=_HF)
    # Never exported: belongs to no data category.
    internal_notes: Mapped[str] = mapped_column(Text, default="")
