"""Which papers of her file may travel with a document, checked where the document is made.

A paper (a scan, a certificate, a PDF) may be enclosed only when a consent that is valid on
the document's day, for this recipient, covers the paper's data category: the same rule,
from the same consent filter (``FilteredFile.covered``), as every field of the document.
Special categories (health, residence status) need their own explicit consent, as fields
do. A consent form goes to the participant herself and never carries papers.

The preview lists every paper with whether it may be enclosed and, if not, why; the export
checks the ticked papers again inside its transaction (the request may come from anywhere)
and reads the bytes of those papers only, nothing else of the attachment store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.facts import EnclosureFacts, FilteredFile, WithheldReason
from coachdesk.export.preview import DocumentType
from coachdesk.i18n import N_, Message
from coachdesk.labels import LABELS
from coachdesk.models import Attachment, AttachmentContent
from coachdesk.models.enums import SPECIAL_CATEGORIES, DataCategory
from coachdesk.services.attachment_store import read_content
from coachdesk.services.common import storable
from coachdesk.services.errors import ValidationError

FIELD = "attachment_ids"
"""The request's field that problems with enclosures are reported on."""

NO_PAPERS_ON_A_CONSENT_FORM = N_("A consent form is for her to sign: it carries no papers.")
NO_PAPERS_WITH_HER_PLAN = N_("Her plan is printed on its own: papers are not enclosed with it.")
_REASONS: dict[WithheldReason, str] = {
    WithheldReason.NO_CONSENT: N_("Her consent for this recipient does not cover “{category}”."),
    WithheldReason.OTHER_RECIPIENT: N_("Her consent for “{category}” is for another recipient."),
    WithheldReason.WITHDRAWN: N_("She has withdrawn her consent for “{category}”."),
    WithheldReason.EXPIRED: N_("Her consent for “{category}” has expired."),
}
_SPECIAL = N_(
    "“{category}” is a special category: it needs her explicit consent for this recipient."
)


@dataclass(frozen=True)
class EnclosureCandidate:
    """A paper of her file as the preview offers it for enclosing."""

    attachment_id: int
    title: str
    category: DataCategory
    page_count: int
    media_type: str
    reason: Message | None
    """Why it may not be enclosed with this document; None when it may."""

    @property
    def enclosable(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Paper:
    """A ticked, covered paper with its bytes (checked against its SHA-256)."""

    facts: EnclosureFacts
    data: bytes


def candidates(
    s: Session, participant_id: int, document: DocumentType, file: FilteredFile | None
) -> tuple[EnclosureCandidate, ...]:
    """Her papers, newest first, each with the reason it may not go (``file``: None for a
    consent form, which has no filtered file)."""
    return tuple(
        EnclosureCandidate(
            a.id,
            a.title,
            a.category,
            c.page_count,
            c.media_type,
            refusal(a.category, document, file),
        )
        for a, c in _papers(s, participant_id)
    )


def refusal(
    category: DataCategory, document: DocumentType, file: FilteredFile | None
) -> Message | None:
    """Why a paper of ``category`` may not travel with this document (None: it may)."""
    if document == DocumentType.MY_PLAN:
        return Message(NO_PAPERS_WITH_HER_PLAN)
    if document == DocumentType.CONSENT_FORM or file is None:
        return Message(NO_PAPERS_ON_A_CONSENT_FORM)
    if category in file.covered:
        return None
    params = {"category": Message(LABELS[(DataCategory, str(category))])}
    reason = next(
        (w.reason for w in file.withheld if w.category == category), WithheldReason.NO_CONSENT
    )
    if reason == WithheldReason.NO_CONSENT and category in SPECIAL_CATEGORIES:
        return Message(_SPECIAL, params)
    return Message(_REASONS.get(reason, _REASONS[WithheldReason.NO_CONSENT]), params)


def checked_papers(
    s: Session,
    participant_id: int,
    document: DocumentType,
    file: FilteredFile | None,
    attachment_ids: Iterable[int],
) -> tuple[Paper, ...]:
    """The ticked papers with their bytes, in the order asked; a ValidationError if any is
    not hers or not covered (the whole export is refused, nothing is left out silently)."""
    wanted = list(dict.fromkeys(attachment_ids))
    if not wanted:
        return ()
    if document == DocumentType.CONSENT_FORM or file is None:
        raise ValidationError.single(FIELD, NO_PAPERS_ON_A_CONSENT_FORM)
    found = {a.id: (a, c) for a, c in _papers(s, participant_id, wanted)}
    papers = []
    for attachment_id in wanted:
        if attachment_id not in found:
            raise ValidationError.single(
                FIELD, N_("Paper no. {id} is not in her file."), {"id": attachment_id}
            )
        a, c = found[attachment_id]
        why = refusal(a.category, document, file)
        if why is not None:
            raise ValidationError.single(
                FIELD,
                N_("“{title}” cannot be enclosed: {reason}"),
                {"title": a.title, "reason": why},
            )
        facts = EnclosureFacts(
            attachment_id=a.id,
            title=a.title,
            category=a.category,
            document_date=a.document_date,
            media_type=c.media_type,
            page_count=c.page_count,
            sha256=c.sha256,
        )
        papers.append(Paper(facts, read_content(s, c)))
    return tuple(papers)


def _papers(
    s: Session, participant_id: int, ids: list[int] | None = None
) -> list[tuple[Attachment, AttachmentContent]]:
    q = (
        select(Attachment, AttachmentContent)
        .join(AttachmentContent, Attachment.content_id == AttachmentContent.id)
        .where(Attachment.participant_id == participant_id)
        .order_by(Attachment.created_at.desc(), Attachment.id.desc())
    )
    if ids is not None:
        q = q.where(Attachment.id.in_([i for i in ids if storable(i)]))
    return [(a, c) for a, c in s.execute(q)]
