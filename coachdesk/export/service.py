"""Export use cases: preview, signed export with its record and audit entry, history, identity."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from coachdesk.export import identities
from coachdesk.export.common import DocumentData
from coachdesk.export.consent_filter import consent_form_facts, filter_participant
from coachdesk.export.consent_form import ConsentFormData, render_consent_form
from coachdesk.export.export_log import ExportHistoryRow, history_rows, log_export
from coachdesk.export.facts import ConsentBasis, Withheld, WithheldReason
from coachdesk.export.identities import SigningIdentityInfo
from coachdesk.export.layout import SignatureBox
from coachdesk.export.meeting_doc import render_meeting_summary
from coachdesk.export.preview import (
    DocumentType,
    PreviewItem,
    document_label,
    included_categories,
    preview_items,
)
from coachdesk.export.progress_docs import render_exit_handover, render_interim_feedback
from coachdesk.export.recipients import consent_for_form, resolve
from coachdesk.export.signing import (
    SigningMaterial,
    certificate_bytes,
    create_identity,
    load_pkcs12,
    sign_pdf,
)
from coachdesk.i18n import N_
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit
from coachdesk.services.context import Changes, ServiceContext
from coachdesk.services.errors import ValidationError
from coachdesk.services.settings import COACH_NAME, get_value

# Vault setting with the name of the coach's organisation (document header).
ORGANISATION_NAME = "organisation_name"

_RENDERERS: dict[DocumentType, Callable[[DocumentData, BinaryIO], SignatureBox]] = {
    DocumentType.EXIT_HANDOVER: render_exit_handover,
    DocumentType.INTERIM_FEEDBACK: render_interim_feedback,
    DocumentType.MEETING_SUMMARY: render_meeting_summary,
}


@dataclass(frozen=True)
class ExportPreview:
    """What a document would contain and leave out, before anything is written."""

    document_type: DocumentType
    recipient_name: str
    included: tuple[PreviewItem, ...]
    included_categories: frozenset[DataCategory]
    withheld: tuple[Withheld, ...]
    consent_basis: tuple[ConsentBasis, ...]


@dataclass(frozen=True)
class ExportResult:
    pdf: bytes
    """The signed document, ready to save."""
    sha256: str
    record_id: int
    categories: frozenset[DataCategory]


class ExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- documents ---------------------------------------------------------------------------

    def preview(
        self,
        participant_id: int,
        document_type: DocumentType | str,
        organisation_id: int | None,
        contact_id: int | None,
        purpose: str = "",
        on: dt.date | None = None,
        *,
        lang: str = "de",
        consent_id: int | None = None,
    ) -> ExportPreview:
        doc = DocumentType(document_type)
        with self.ctx.read() as s:
            recipient = resolve(s, organisation_id, contact_id)
            if doc == DocumentType.CONSENT_FORM:
                facts = consent_form_facts(
                    s, consent_for_form(s, participant_id, recipient, consent_id)
                )
                items = [PreviewItem(DataCategory.IDENTITY_CONTACT, "", facts.participant_name)]
                items += [PreviewItem(c, label(c, lang), "") for c in sorted(facts.categories)]
                return ExportPreview(
                    doc,
                    recipient.name,
                    tuple(items),
                    frozenset({DataCategory.IDENTITY_CONTACT}),
                    (Withheld(None, WithheldReason.INTERNAL_NOTE),),
                    (),
                )
            file = filter_participant(
                s,
                participant_id,
                recipient.organisation_id,
                recipient.contact_id,
                purpose or document_label(doc, lang),
                on or self.ctx.today(),
            )
        return ExportPreview(
            doc,
            recipient.name,
            preview_items(doc, file, lang),
            included_categories(doc, file),
            file.withheld,
            file.consent_basis,
        )

    def export(
        self,
        participant_id: int,
        document_type: DocumentType | str,
        organisation_id: int | None,
        contact_id: int | None,
        purpose: str = "",
        on: dt.date | None = None,
        *,
        lang: str = "de",
        languages: tuple[str, ...] | None = None,
        meeting_id: int | None = None,
        consent_id: int | None = None,
    ) -> ExportResult:
        """Filter, render, sign; record the export and one audit entry in the same transaction."""
        doc = DocumentType(document_type)
        on = on or self.ctx.today()
        with self.ctx.write() as s:
            row = identities.active_identity(s)
            if row is None:
                raise ValidationError.single(
                    None, N_("Create or import a signing certificate first (Settings).")
                )
            material = identities.material_of(row)
            recipient = resolve(s, organisation_id, contact_id)
            coach = get_value(s, COACH_NAME) or self.ctx.actor
            org = get_value(s, ORGANISATION_NAME) or coach
            buf = BytesIO()
            if doc == DocumentType.CONSENT_FORM:
                cid = consent_for_form(s, participant_id, recipient, consent_id)
                form = consent_form_facts(s, cid)
                data = ConsentFormData(
                    form,
                    org,
                    coach,
                    recipient.name,
                    on,
                    material.subject_name,
                    material.fingerprint_sha256,
                )
                box = render_consent_form(data, buf, languages or (lang,))
                purpose = form.purpose
                included = frozenset({DataCategory.IDENTITY_CONTACT})
                withheld: frozenset[DataCategory] = frozenset()
                consent_ids = [cid]
            else:
                file = filter_participant(
                    s,
                    participant_id,
                    recipient.organisation_id,
                    recipient.contact_id,
                    purpose or document_label(doc, lang),
                    on,
                )
                purpose = file.purpose
                ddata = DocumentData(
                    file,
                    lang,
                    org,
                    coach,
                    recipient.name,
                    on,
                    material.subject_name,
                    material.fingerprint_sha256,
                    meeting_id,
                )
                box = _RENDERERS[doc](ddata, buf)
                included = included_categories(doc, file)
                withheld = frozenset(w.category for w in file.withheld if w.category is not None)
                consent_ids = [b.consent_id for b in file.consent_basis]
            signed = sign_pdf(buf.getvalue(), material, box, languages[0] if languages else lang)
            digest = hashlib.sha256(signed).hexdigest()
            record = log_export(
                s,
                self.ctx,
                participant_id,
                doc,
                lang,
                recipient,
                purpose,
                included,
                withheld,
                consent_ids,
                digest,
                material,
            )
        self.ctx.publish(Changes.of({"export"}, [participant_id]))
        return ExportResult(signed, digest, record, included)

    def history(self, participant_id: int) -> list[ExportHistoryRow]:
        with self.ctx.read() as s:
            return history_rows(s, participant_id)

    # -- signing identity --------------------------------------------------------------------

    def current_identity(self) -> SigningIdentityInfo | None:
        with self.ctx.read() as s:
            row = identities.active_identity(s)
            return identities.info_of(row) if row is not None else None

    def create_identity(self, name: str | None = None) -> SigningIdentityInfo:
        """A new key and self-signed certificate in the coach's name (default: vault setting)."""
        with self.ctx.read() as s:
            name = (name or get_value(s, COACH_NAME) or self.ctx.actor).strip()
        if not name:
            raise ValidationError.single(
                "name", N_("Enter your name first: the certificate is issued in your name.")
            )
        return self._store(create_identity(name), imported=False)

    def import_pkcs12(self, data: bytes, password: str) -> SigningIdentityInfo:
        return self._store(load_pkcs12(data, password), imported=True)

    def export_certificate(self, pem: bool = True) -> bytes:
        with self.ctx.read() as s:
            row = identities.active_identity(s)
            if row is None:
                raise ValidationError.single(None, N_("There is no signing certificate yet."))
            return certificate_bytes(identities.material_of(row), pem)

    def _store(self, material: SigningMaterial, *, imported: bool) -> SigningIdentityInfo:
        with self.ctx.write() as s:
            row = identities.store_identity(s, material, imported=imported)
            audit.record(
                s,
                self.ctx,
                "import" if imported else "create",
                "signing_identity",
                row.id,
                None,
                {"fingerprint": material.fingerprint_sha256},
            )
            info = identities.info_of(row)
        self.ctx.publish(Changes.of({"signing_identity"}))
        return info
