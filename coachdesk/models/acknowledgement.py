"""Her acknowledgement of a document about her: how she took note, whether she agrees."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, StrEnumType, UTCDateTime, utcnow


class HowNoted(enum.StrEnum):
    """How the participant took note of the document before it was sent."""

    READ = "read"
    READ_ALOUD = "read_aloud"
    INTERPRETED = "interpreted"


class DocumentAcknowledgement(Base):
    """What she said to a document before it left, kept with its entry in the export register.

    Participant data (her objection in her words, her drawn signature): it lives only in the
    encrypted vault and goes with the export record, and with her when she is erased.
    """

    __tablename__ = "document_acknowledgement"

    id: Mapped[int] = mapped_column(primary_key=True)
    export_record_id: Mapped[int] = mapped_column(
        ForeignKey("export_record.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    how: Mapped[HowNoted] = mapped_column(StrEnumType(HowNoted))
    # Who read it aloud or interpreted it, and in which language (ISO 639 code).
    helper_name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10), default="")
    agrees: Mapped[bool] = mapped_column(Boolean)
    objection: Mapped[str] = mapped_column(Text, default="")
    # Her signature drawn on the screen, as vector strokes (``documents.drawn_signature``).
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
