"""What the attachment service takes and hands out: plain frozen records, no bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.models.enums import DataCategory
from coachdesk.services.records import to_record


@dataclass(frozen=True)
class AttachmentDraft:
    title: str
    category: DataCategory
    """Whose consent covers it decides whether it may ever travel with a document."""
    document_date: dt.date | None = None
    """The date on the paper (issued, signed), if known."""
    consent_id: int | None = None
    """The consent this is the signed paper of."""
    handover_id: int | None = None
    meeting_id: int | None = None


@dataclass(frozen=True)
class AttachmentRecord(AttachmentDraft):
    id: int = 0
    participant_id: int = 0
    sha256: str = ""
    size: int = 0
    """Bytes."""
    media_type: str = ""
    page_count: int = 1
    added_by: str = ""
    created_at: dt.datetime | None = None

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"

    def draft(self) -> AttachmentDraft:
        return to_record(AttachmentDraft, self)


@dataclass(frozen=True)
class AttachmentTotals:
    papers: int
    """Attachments in all files."""
    files: int
    """Distinct files stored (the same file attached twice is stored once)."""
    size: int
    """Bytes stored."""
