"""Her plan as it was printed: one version per printed "My plan", to show what changed since."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, UTCDateTime, utcnow


class PlanVersion(Base):
    """What one printed plan held, when, by whom, and the register entry of its export.

    ``content`` is the plan's own data as JSON (``export.plan_facts``): goals and steps,
    agreements, appointments, contact persons; never an internal note, since the plan's
    filter never reads one. It belongs to no data category: a version is never sent to a
    third party, only compared with the next plan. Deleted with her file (cascade).
    """

    __tablename__ = "plan_version"
    __table_args__ = (Index("ix_plan_version_participant_created", "participant_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    """The date printed on the plan: the next one says what changed since."""
    actor: Mapped[str] = mapped_column(String(200), default="")
    export_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("export_record.id", ondelete="SET NULL"), default=None
    )
    content: Mapped[str] = mapped_column(Text)
