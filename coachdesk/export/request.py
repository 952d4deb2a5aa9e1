"""What the coach asks for when she makes a document: one request, for preview and export.

Keyword-only and frozen: the recipient's organisation and contact person are both
optional ids, and a positional call could swap them unnoticed, in the module that decides
what leaves the device. The preview and the export take the same request, so what she sees
before signing is what is signed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from coachdesk.export.absence_sheet import previous_month
from coachdesk.export.acknowledgement import Acknowledgement
from coachdesk.export.acknowledgement_log import check_acknowledgement
from coachdesk.export.compose import DocumentRequest
from coachdesk.export.plan_compose import herself
from coachdesk.export.preview import DocumentType
from coachdesk.export.recipients import resolve
from coachdesk.services import validation
from coachdesk.services.errors import FieldError


@dataclass(frozen=True, kw_only=True)
class ExportRequest:
    """A document about one participant for one recipient."""

    participant_id: int
    """The participant the document is about."""
    document: DocumentType
    """Which document: exit handover, interim feedback, meeting summary, consent form or her
    plan (which goes to her: no recipient)."""
    organisation_id: int | None = None
    """The recipient organisation (the job centre); may be left out when a contact is named."""
    contact_id: int | None = None
    """The recipient contact person, or None for the organisation as a whole."""
    purpose: str = ""
    """Why it is sent, as the coach wrote it (the consent's purpose if empty)."""
    on: dt.date | None = None
    """The document's date; today when not given."""
    lang: str = "de"
    """The document's language (independent of the window's language)."""
    languages: tuple[str, ...] = field(default=())
    """A bilingual consent form: its languages in order, the binding one first; empty for
    a document in ``lang`` alone."""
    meeting_id: int | None = None
    """The meeting a meeting summary is about (the newest one when not given)."""
    consent_id: int | None = None
    """The consent a consent form prints (the newest one for the recipient when not given)."""
    attachment_ids: tuple[int, ...] = ()
    """Papers of her file to enclose, in this order: appended to the document as pages and
    listed on it. The export checks each one again (hers, and covered by her consent)."""
    acknowledgement: Acknowledgement | None = None
    """How she took note of the document and what she says to it (reports about her only)."""
    month: dt.date | None = None
    """The month of an absence sheet (any day of it); the month before ``on`` when not given."""

    def __post_init__(self) -> None:
        # The command line and older callers name the document by its value ("exit_handover").
        object.__setattr__(self, "document", DocumentType(self.document))
        # A list from the command line; the same paper ticked twice is enclosed once.
        object.__setattr__(self, "attachment_ids", tuple(dict.fromkeys(self.attachment_ids)))

    def resolved(self, s: Session, today: dt.date) -> DocumentRequest:
        """The request with its recipient looked up, as the consent filter takes it.

        The purpose has the limit of every long text, so the document is tested to hold it.
        """
        problems: list[FieldError] = []
        validation.max_length(problems, "purpose", self.purpose, validation.TEXT_LIMIT)
        check_acknowledgement(problems, self.document, self.acknowledgement)
        validation.raise_if(problems)
        return DocumentRequest(
            self.participant_id,
            self.document,
            herself(s, self.participant_id)
            if self.document == DocumentType.MY_PLAN
            else resolve(s, self.organisation_id, self.contact_id),
            self.purpose,
            self.on or today,
            self.lang,
            self.languages or (self.lang,),
            self.meeting_id,
            self.consent_id,
            self.attachment_ids,
            self.acknowledgement,
            self._month(today),
        )

    def _month(self, today: dt.date) -> dt.date | None:
        if self.document != DocumentType.ABSENCE_SHEET:
            return None
        if self.month is not None:
            return self.month.replace(day=1)
        return previous_month(self.on or today)
