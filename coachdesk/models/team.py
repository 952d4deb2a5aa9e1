"""Team figures files a project lead imported from her coaches (counts only, signed)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, UTCDateTime, utcnow


class TeamFiguresFile(Base):
    """One coach's signed figures for one period, as imported (``reports.team_format``).

    No participant data: counts, the coach's certificate and name, her organisation and
    programme. The unique constraints refuse the same file twice and a second file of the
    same coach for the same period.
    """

    __tablename__ = "team_figures_file"
    __table_args__ = (
        UniqueConstraint(
            "coach_fingerprint", "period_start", "period_end", name="uq_team_figures_file_period"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[str] = mapped_column(String(64), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    coach_fingerprint: Mapped[str] = mapped_column(String(64))
    coach_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    programme: Mapped[str] = mapped_column(String(200), default="")
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    exported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The signed file exactly as received: the figures are read from it (and it is checked
    # again) each time the team report is made.
    content: Mapped[bytes] = mapped_column(LargeBinary)
