"""Attachments: scans, photos and PDFs kept inside the encrypted vault.

The bytes live in SQLCipher like every other record, so encryption, crash safety,
backups, the integrity check and erasure with ``secure_delete`` and VACUUM cover them
without a second mechanism (and without a second key to lose). A file is stored once
by its SHA-256 however often it is attached; its bytes are split into chunks so that
no single row holds 25 MB and reading it back never needs one huge allocation in SQLite.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, StrEnumType, Timestamped, UTCDateTime, utcnow
from coachdesk.models.enums import DataCategory

CHUNK_SIZE = 1024 * 1024
"""Bytes per stored chunk (the last one of a file is shorter)."""


class AttachmentContent(Base):
    """The bytes of one file, stored once (their chunks are in ``attachment_chunk``)."""

    __tablename__ = "attachment_content"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(40))
    """Detected from the content ("application/pdf", "image/jpeg", ...), never from a name."""
    page_count: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AttachmentChunk(Base):
    __tablename__ = "attachment_chunk"
    __table_args__ = (UniqueConstraint("content_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_id: Mapped[int] = mapped_column(ForeignKey("attachment_content.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    """Position of the chunk in the file, from 0."""
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Timestamped, Base):
    """One paper in a participant's file, optionally belonging to a consent, handover or meeting."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    content_id: Mapped[int] = mapped_column(
        ForeignKey("attachment_content.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[DataCategory] = mapped_column(StrEnumType(DataCategory))
    document_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    """The date on the paper (issued, signed), if she knows it."""
    consent_id: Mapped[int | None] = mapped_column(
        ForeignKey("consent.id", ondelete="SET NULL"), default=None, index=True
    )
    """The consent whose signed paper this is a scan of."""
    handover_id: Mapped[int | None] = mapped_column(
        ForeignKey("handover.id", ondelete="SET NULL"), default=None, index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), default=None, index=True
    )
    added_by: Mapped[str] = mapped_column(String(200), default="")
