"""The participant: the person a coach accompanies.

Every personal field names its data category in the column ``info``; the
consent filter reads it from there, so a new field cannot be exported
without a category.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachdesk.collation import stored_order_key
from coachdesk.models.base import Archivable, Base, StrEnumType, category
from coachdesk.models.enums import (
    DataCategory,
    ExitDestination,
    GermanLevel,
    ParticipantStatus,
)
from coachdesk.transliteration import search_key

_ID = category(DataCategory.IDENTITY_CONTACT)
_FAM = category(DataCategory.FAMILY_CHILDCARE)
_LQ = category(DataCategory.LANGUAGES_QUALIFICATIONS)
_HEALTH = category(DataCategory.HEALTH)
_RES = category(DataCategory.RESIDENCE_STATUS)
_PROG = category(DataCategory.GOALS_PROGRESS)


class Participant(Archivable, Base):
    __tablename__ = "participant"
    __table_args__ = (
        # Today counts the entries of files not archived by this index (migration 0007).
        Index("ix_participant_archived_at", "archived_at"),
        # For the quarterly evaluation's counts (migration 0008): narrow index scans.
        Index("ix_participant_entry_date_exit_date", "entry_date", "exit_date"),
        Index("ix_participant_exit_date_exit_destination", "exit_date", "exit_destination"),
        Index("ix_participant_status", "status"),
        # The participant list's first page in name order, read from these (migration 0014).
        Index("ix_participant_archived_at_name_order", "archived_at", "name_order"),
        Index("ix_participant_name_order", "name_order"),
        # A programme's entrants and leavers of a period (ESF Plus report, migration 0018).
        Index("ix_participant_programme_id_entry_date", "programme_id", "entry_date"),
        Index("ix_participant_programme_id_exit_date", "programme_id", "exit_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), info=_ID)
    last_name: Mapped[str] = mapped_column(String(100), info=_ID)
    # Her names in Latin letters as her passport prints them, when written in another script.
    first_name_latin: Mapped[str] = mapped_column(String(100), default="", info=_ID)
    last_name_latin: Mapped[str] = mapped_column(String(100), default="", info=_ID)
    # Derived from the four names (coachdesk.transliteration.search_key) for the search
    # index and kept in step by the listener below: no category, never exported.
    name_key: Mapped[str] = mapped_column(Text, default="")
    # Her place in the list by name (coachdesk.collation.stored_order_key), kept in step by
    # the same listener: no category, never exported.
    name_order: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    pseudonym: Mapped[str] = mapped_column(
        String(100), default="", info=category(DataCategory.PUBLICATION)
    )
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True, info=_ID)
    phone: Mapped[str] = mapped_column(String(80), default="", info=_ID)
    email: Mapped[str] = mapped_column(String(200), default="", info=_ID)
    address: Mapped[str] = mapped_column(Text, default="", info=_ID)
    jobcentre_customer_number: Mapped[str] = mapped_column(
        String(20), default="", index=True, info=_ID
    )

    languages: Mapped[str] = mapped_column(String(300), default="", info=_LQ)
    german_level: Mapped[GermanLevel | None] = mapped_column(
        StrEnumType(GermanLevel), default=None, info=_LQ
    )
    qualifications: Mapped[str] = mapped_column(Text, default="", info=_LQ)
    work_experience: Mapped[str] = mapped_column(Text, default="", info=_LQ)

    family_situation: Mapped[str] = mapped_column(Text, default="", info=_FAM)
    children_count: Mapped[int | None] = mapped_column(Integer, default=None, info=_FAM)
    childcare: Mapped[str] = mapped_column(Text, default="", info=_FAM)

    health_notes: Mapped[str] = mapped_column(Text, default="", info=_HEALTH)

    residence_status: Mapped[str] = mapped_column(String(200), default="", info=_RES)
    residence_valid_until: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_RES)

    # Her programme (MY TURN, Stark im Beruf); documents and packages name it, never its id.
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), default=None, index=True, info=_PROG
    )
    status: Mapped[ParticipantStatus] = mapped_column(
        StrEnumType(ParticipantStatus), default=ParticipantStatus.INTAKE, info=_PROG
    )
    entry_date: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_PROG)
    exit_date: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_PROG)
    exit_destination: Mapped[ExitDestination | None] = mapped_column(
        StrEnumType(ExitDestination), default=None, info=_PROG
    )
    integration_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="SET NULL"), default=None
    )
    # Internal working notes of the coach: no category, never exported.
    internal_notes: Mapped[str] = mapped_column(Text, default="")
    # When the person's data is due for erasure (set after exit, see retention).
    retention_until: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)

    goals: Mapped[list[Goal]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="Goal.position"
    )

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@event.listens_for(Participant, "before_insert")
@event.listens_for(Participant, "before_update")
def _fill_name_key(_mapper: Any, _connection: Any, p: Participant) -> None:
    """Every write through the ORM keeps the keys in step with the names (bulk inserts, as
    the demo makes, set them themselves)."""
    p.name_key = search_key(
        p.first_name or "", p.last_name or "", p.first_name_latin or "", p.last_name_latin or ""
    )
    p.name_order = stored_order_key(p.last_name or "", p.first_name or "")


from coachdesk.models.goal import Goal  # noqa: E402
