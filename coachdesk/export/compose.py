"""One document put together from the vault, through the consent filter, not yet signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from sqlalchemy.orm import Session

from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import SigningMaterial
from coachdesk.export.common import DocumentData
from coachdesk.export.consent_filter import consent_form_facts, filter_participant
from coachdesk.export.consent_form import ConsentFormData, render_consent_form
from coachdesk.export.facts import ConsentFormFacts, FilteredFile
from coachdesk.export.meeting_doc import render_meeting_summary
from coachdesk.export.preview import DocumentType, document_label, included_categories
from coachdesk.export.progress_docs import render_exit_handover, render_interim_feedback
from coachdesk.export.recipients import Recipient, consent_for_form
from coachdesk.models.enums import DataCategory

_RENDERERS: dict[DocumentType, Callable[[DocumentData, BinaryIO], SignatureBox]] = {
    DocumentType.EXIT_HANDOVER: render_exit_handover,
    DocumentType.INTERIM_FEEDBACK: render_interim_feedback,
    DocumentType.MEETING_SUMMARY: render_meeting_summary,
}


@dataclass(frozen=True)
class DocumentRequest:
    """What the coach asked for."""

    participant_id: int
    document_type: DocumentType
    recipient: Recipient
    purpose: str
    on: dt.date
    lang: str
    languages: tuple[str, ...]
    """Languages of a consent form (the first one also for the signature's wording)."""
    meeting_id: int | None
    consent_id: int | None


@dataclass(frozen=True)
class Composed:
    pdf: bytes
    """The rendered document, before its signature."""
    box: SignatureBox
    purpose: str
    included: frozenset[DataCategory]
    withheld: frozenset[DataCategory]
    consent_ids: list[int]


@dataclass(frozen=True)
class Issuer:
    """Who makes the document: header, "prepared by", and the certificate it is signed with."""

    organisation_name: str
    coach_name: str
    material: SigningMaterial


def form_facts(s: Session, request: DocumentRequest) -> ConsentFormFacts:
    """The consent a form is printed for (see ``consent_for_form``), with her name."""
    cid = consent_for_form(s, request.participant_id, request.recipient, request.consent_id)
    return consent_form_facts(s, cid)


def filtered_file(s: Session, request: DocumentRequest) -> FilteredFile:
    """What the document may show: the consent filter for its recipient, purpose and day.

    The preview and the export both ask here, so the preview shows what is sent.
    """
    return filter_participant(
        s,
        request.participant_id,
        request.recipient.organisation_id,
        request.recipient.contact_id,
        request.purpose or document_label(request.document_type, request.lang),
        request.on,
    )


def compose(s: Session, request: DocumentRequest, issuer: Issuer) -> Composed:
    """Filter, then render; nothing else reads participant data for a document."""
    doc, recipient, material = request.document_type, request.recipient, issuer.material
    buf = BytesIO()
    if doc == DocumentType.CONSENT_FORM:
        form = form_facts(s, request)
        data = ConsentFormData(
            form,
            issuer.organisation_name,
            issuer.coach_name,
            recipient.name,
            request.on,
            material.subject_name,
            material.fingerprint_sha256,
        )
        box = render_consent_form(data, buf, request.languages)
        return Composed(
            buf.getvalue(),
            box,
            form.purpose,
            frozenset({DataCategory.IDENTITY_CONTACT}),
            frozenset(),
            [form.consent_id],
        )
    file = filtered_file(s, request)
    ddata = DocumentData(
        file,
        request.lang,
        issuer.organisation_name,
        issuer.coach_name,
        recipient.name,
        request.on,
        material.subject_name,
        material.fingerprint_sha256,
        request.meeting_id,
    )
    box = _RENDERERS[doc](ddata, buf)
    return Composed(
        buf.getvalue(),
        box,
        file.purpose,
        included_categories(doc, file),
        frozenset(w.category for w in file.withheld if w.category is not None),
        [b.consent_id for b in file.consent_basis],
    )
