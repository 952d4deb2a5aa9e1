"""Individual goals and their milestones, including small qualitative steps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachdesk.models.base import Archivable, Base, StrEnumType, Timestamped, category
from coachdesk.models.enums import DataCategory, GoalStatus, MilestoneKind

if TYPE_CHECKING:
    from coachdesk.models.participant import Participant

_GP = category(DataCategory.GOALS_PROGRESS)


class Goal(Archivable, Base):
    __tablename__ = "goal"
    # Today walks the goals not archived by target date (migration 0007); its first page
    # takes them per current file from the index alone (0010).
    __table_args__ = (
        Index("ix_goal_open_target", "target_date", sqlite_where=text("archived_at IS NULL")),
        Index(
            "ix_goal_open_participant",
            "participant_id",
            "target_date",
            "status",
            sqlite_where=text("archived_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200), info=_GP)
    description: Mapped[str] = mapped_column(Text, default="", info=_GP)
    status: Mapped[GoalStatus] = mapped_column(
        StrEnumType(GoalStatus), default=GoalStatus.OPEN, info=_GP
    )
    target_date: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_GP)
    reached_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_GP)
    position: Mapped[int] = mapped_column(Integer, default=0)

    participant: Mapped[Participant] = relationship(back_populates="goals")
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Milestone.position"
    )


class Milestone(Timestamped, Base):
    __tablename__ = "milestone"
    __table_args__ = (Index("ix_milestone_reached_on_kind", "reached_on", "kind"),)  # 0008

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), info=_GP)
    kind: Mapped[MilestoneKind] = mapped_column(
        StrEnumType(MilestoneKind), default=MilestoneKind.MILESTONE, info=_GP
    )
    due_date: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_GP)
    reached_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_GP)
    note: Mapped[str] = mapped_column(Text, default="", info=_GP)
    position: Mapped[int] = mapped_column(Integer, default=0)

    goal: Mapped[Goal] = relationship(back_populates="milestones")
