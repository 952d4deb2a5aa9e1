"""The ESF Plus monitoring questionnaires and programmes as records.

Regulation (EU) 2021/1057, Annex I: every participant's data on entry (common output
indicators), on leaving (immediate results) and six months after leaving (longer-term
results). One row per participant and questionnaire; a missing row means not asked yet,
a None answer means the question is still open. Disability and minority are special
categories of their own: the consent filter treats them like health data.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Archivable, Base, StrEnumType, Timestamped, category
from coachdesk.models.enums import DataCategory, EducationLevel, EsfAnswer, Gender, LabourStatus

_ESF = category(DataCategory.ESF_MONITORING)
_DIS = category(DataCategory.DISABILITY)
_MIN = category(DataCategory.MINORITY)


class Programme(Archivable, Base):
    """A funded programme (MY TURN, Stark im Beruf): participants and modules belong to one."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    funder: Mapped[str] = mapped_column(String(200), default="")
    funded_from: Mapped[dt.date | None] = mapped_column(Date, default=None)
    funded_until: Mapped[dt.date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class EsfEntry(Timestamped, Base):
    """The entry questionnaire, filled with her at intake."""

    __tablename__ = "esf_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    answered_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_ESF)
    gender: Mapped[Gender | None] = mapped_column(StrEnumType(Gender), default=None, info=_ESF)
    labour_status: Mapped[LabourStatus | None] = mapped_column(
        StrEnumType(LabourStatus), default=None, info=_ESF
    )
    education: Mapped[EducationLevel | None] = mapped_column(
        StrEnumType(EducationLevel), default=None, info=_ESF
    )
    third_country_national: Mapped[EsfAnswer | None] = mapped_column(
        StrEnumType(EsfAnswer), default=None, info=_ESF
    )
    foreign_background: Mapped[EsfAnswer | None] = mapped_column(
        StrEnumType(EsfAnswer), default=None, info=_ESF
    )
    homeless: Mapped[EsfAnswer | None] = mapped_column(
        StrEnumType(EsfAnswer), default=None, info=_ESF
    )
    rural: Mapped[EsfAnswer | None] = mapped_column(StrEnumType(EsfAnswer), default=None, info=_ESF)
    disability: Mapped[EsfAnswer | None] = mapped_column(
        StrEnumType(EsfAnswer), default=None, info=_DIS
    )
    minority: Mapped[EsfAnswer | None] = mapped_column(
        StrEnumType(EsfAnswer), default=None, info=_MIN
    )


ENTRY_QUESTIONS: tuple[str, ...] = (
    "gender",
    "labour_status",
    "education",
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural",
    "disability",
    "minority",
)
"""Every question of the entry questionnaire; each must be answered ("no answer" counts for
the situation questions) before the entry data is complete. Her age comes from her date of
birth in the file, which is mandatory for the monitoring as well."""


class EsfExit(Timestamped, Base):
    """The questionnaire on leaving: her situation within four weeks after she left."""

    __tablename__ = "esf_exit"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    answered_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_ESF)
    job_searching: Mapped[bool | None] = mapped_column(Boolean, default=None, info=_ESF)
    in_education: Mapped[bool | None] = mapped_column(Boolean, default=None, info=_ESF)
    qualification: Mapped[bool | None] = mapped_column(Boolean, default=None, info=_ESF)
    employed: Mapped[bool | None] = mapped_column(Boolean, default=None, info=_ESF)
    """In employment, including self-employment."""


EXIT_QUESTIONS: tuple[str, ...] = ("job_searching", "in_education", "qualification", "employed")


class EsfFollowUp(Timestamped, Base):
    """Six months after leaving: scheduled at exit, answered when she is reached."""

    __tablename__ = "esf_followup"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), unique=True
    )
    due_on: Mapped[dt.date] = mapped_column(Date, index=True, info=_ESF)
    answered_on: Mapped[dt.date | None] = mapped_column(Date, default=None, info=_ESF)
    employed: Mapped[bool | None] = mapped_column(Boolean, default=None, info=_ESF)
    """In employment, including self-employment."""
    improved_situation: Mapped[bool | None] = mapped_column(Boolean, default=None, info=_ESF)
    """Employed at entry and now in a better job (more hours, a permanent contract, a job
    matching her qualification, a promotion); asked only of those employed at entry."""
    not_reached: Mapped[bool] = mapped_column(Boolean, default=False, info=_ESF)
    """She could not be reached: the follow-up is closed without answers."""


FOLLOW_UP_QUESTIONS: tuple[str, ...] = ("employed", "improved_situation")
