"""One document put together from the vault, through the consent filter, not yet signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from io import BytesIO
from typing import BinaryIO

from sqlalchemy.orm import Session

from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import SigningMaterial
from coachdesk.export.absence_sheet import render_absence_sheet, sheet_title
from coachdesk.export.acknowledgement import Acknowledgement
from coachdesk.export.common import DocumentData
from coachdesk.export.consent_filter import consent_form_facts, filter_participant
from coachdesk.export.consent_form import ConsentFormData, render_consent_form
from coachdesk.export.enclosure_list import numbered
from coachdesk.export.enclosure_pages import page_count, with_papers
from coachdesk.export.enclosures import checked_papers
from coachdesk.export.facts import ConsentFormFacts, EnclosureFacts, FilteredFile
from coachdesk.export.meeting_doc import render_meeting_summary
from coachdesk.export.plan_compose import PLAN_CATEGORIES, PURPOSE, make_plan
from coachdesk.export.plan_facts import PlanFacts
from coachdesk.export.preview import DocumentType, document_label, included_categories
from coachdesk.export.progress_docs import render_exit_handover, render_interim_feedback
from coachdesk.export.recipients import Recipient, consent_for_form
from coachdesk.i18n import _
from coachdesk.models.enums import DataCategory

_RENDERERS: dict[DocumentType, Callable[[DocumentData, BinaryIO], SignatureBox]] = {
    DocumentType.ABSENCE_SHEET: render_absence_sheet,
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
    attachment_ids: tuple[int, ...] = ()
    """Papers to enclose (checked against her consent when the document is composed)."""
    acknowledgement: Acknowledgement | None = None
    """What she said to the document (checked in ``ExportRequest.resolved``)."""
    month: dt.date | None = None
    """The month of an absence sheet (its first day)."""


@dataclass(frozen=True)
class Composed:
    pdf: bytes
    """The rendered document, before its signature."""
    box: SignatureBox
    purpose: str
    included: frozenset[DataCategory]
    withheld: frozenset[DataCategory]
    consent_ids: list[int]
    enclosures: tuple[EnclosureFacts, ...] = ()
    """The papers appended to the document, as its list of enclosures names them."""
    plan: PlanFacts | None = None
    """What "My plan" holds, kept as its version when the export is recorded."""


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
        request.purpose or default_purpose(request),
        request.on,
    )


def default_purpose(request: DocumentRequest) -> str:
    """The document's name; an absence sheet's with its month (the export register says so)."""
    if request.document_type == DocumentType.ABSENCE_SHEET and request.month is not None:
        return sheet_title(request.month, request.lang)
    return document_label(request.document_type, request.lang)


def compose(s: Session, request: DocumentRequest, issuer: Issuer) -> Composed:
    """Filter, then render; nothing else reads participant data for a document.

    Ticked papers are checked against the same filtered file and appended as pages
    (``enclosure_pages``), so the bytes to sign are the document with its enclosures.
    """
    doc, recipient, material = request.document_type, request.recipient, issuer.material
    buf = BytesIO()
    if doc == DocumentType.MY_PLAN:  # to her, not to a third party: no consent filter
        who = (issuer.organisation_name, issuer.coach_name, material)
        p = make_plan(
            s, request.participant_id, request.on, request.languages, who, request.attachment_ids
        )
        purpose = request.purpose or _(PURPOSE, request.lang)
        return Composed(p.pdf, p.box, purpose, PLAN_CATEGORIES, frozenset(), [], plan=p.facts)
    if doc == DocumentType.CONSENT_FORM:
        checked_papers(s, request.participant_id, doc, None, request.attachment_ids)  # refuses
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
    papers = checked_papers(s, request.participant_id, doc, file, request.attachment_ids)
    ddata = document_data(request, issuer, file, tuple(p.facts for p in papers))
    pdf, box, listed = render(doc, ddata)
    return Composed(
        with_papers(pdf, papers),
        box,
        file.purpose,
        included_categories(doc, file) | {e.category for e in listed},
        frozenset(w.category for w in file.withheld if w.category is not None),
        [b.consent_id for b in file.consent_basis],
        listed,
    )


def document_data(
    request: DocumentRequest,
    issuer: Issuer,
    file: FilteredFile,
    enclosures: tuple[EnclosureFacts, ...] = (),
) -> DocumentData:
    """Everything a renderer needs: the filtered file and what the document says of itself.

    Plain frozen values only: a batch worker process renders from it without the vault.
    """
    material = issuer.material
    return DocumentData(
        file,
        request.lang,
        issuer.organisation_name,
        issuer.coach_name,
        request.recipient.name,
        request.on,
        material.subject_name,
        material.fingerprint_sha256,
        request.meeting_id,
        enclosures,
        request.acknowledgement,
        request.month,
    )


def render(
    doc: DocumentType, data: DocumentData
) -> tuple[bytes, SignatureBox, tuple[EnclosureFacts, ...]]:
    """The document, its signature box and its enclosures as it lists them.

    The list says on which page of the file each paper begins, which depends on the
    document's own length: it is rendered again until the pages it names are right (once
    more, as a rule; a third time if the page numbers moved a line to another page).
    """
    buf = BytesIO()
    box = _RENDERERS[doc](data, buf)
    for _attempt in range(2):
        if not data.enclosures:
            break
        listed = numbered(data.enclosures, page_count(buf.getvalue()))
        if listed == data.enclosures:
            break
        data = replace(data, enclosures=listed)
        buf = BytesIO()
        box = _RENDERERS[doc](data, buf)
    return buf.getvalue(), box, data.enclosures
