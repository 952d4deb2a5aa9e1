"""Export use cases: preview, signed export with its record and audit entry, history, identity."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from coachdesk.documents.signing import (
    SigningMaterial,
    certificate_bytes,
    create_identity,
    load_pkcs12,
    sign_pdf,
)
from coachdesk.export import identities
from coachdesk.export.acknowledgement import preview_lines
from coachdesk.export.batch_names import batch_file_names, check_batch_folder
from coachdesk.export.batch_plan import BatchPreview, BatchRequest, active_for_recipient, plan
from coachdesk.export.batch_run import BatchResult, BatchRun, Plan, Progress
from coachdesk.export.cautions import cautions
from coachdesk.export.compose import DocumentRequest, Issuer, compose, filtered_file, form_facts
from coachdesk.export.enclosures import EnclosureCandidate, candidates
from coachdesk.export.export_log import ExportHistoryRow, history_rows, log_export
from coachdesk.export.facts import ConsentBasis, EnclosureFacts, Withheld, WithheldReason
from coachdesk.export.identities import SigningIdentityInfo
from coachdesk.export.plan_compose import PLAN_CATEGORIES, plan_preview
from coachdesk.export.preview import (
    DocumentType,
    PreviewItem,
    document_label,
    included_categories,
    preview_items,
)
from coachdesk.export.recipients import Recipient, resolve
from coachdesk.export.request import ExportRequest
from coachdesk.i18n import N_, Message
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit, validation
from coachdesk.services.common import storable
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.settings import COACH_NAME, document_issuer, get_value
from coachdesk.vault.output_paths import check_output_paths
from coachdesk.vault.saving import remove_saved, save_atomically


@dataclass(frozen=True)
class ExportPreview:
    """What a document would contain and leave out, before anything is written."""

    document_type: DocumentType
    recipient_name: str
    included: tuple[PreviewItem, ...]
    included_categories: frozenset[DataCategory]
    withheld: tuple[Withheld, ...]
    consent_basis: tuple[ConsentBasis, ...]
    cautions: tuple[Message, ...] = ()
    """What she should know before signing (shown to her, never in the document)."""
    enclosures: tuple[EnclosureCandidate, ...] = ()
    """Her papers, each with whether it may be enclosed with this document and why not."""
    acknowledgement: tuple[str, ...] = ()
    """Her acknowledgement as the document will state it, sentence by sentence."""


@dataclass(frozen=True)
class ExportResult:
    pdf: bytes
    """The signed document, ready to save."""
    sha256: str
    record_id: int
    categories: frozenset[DataCategory]
    path: Path | None = None
    """Where the document was saved (:meth:`ExportService.export_to`)."""
    enclosures: tuple[EnclosureFacts, ...] = ()
    """The papers appended to it, with the page each begins on."""


class ExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- documents ---------------------------------------------------------------------------

    def preview(self, request: ExportRequest) -> ExportPreview:
        """What the document would contain and leave out, and why; nothing is written."""
        doc, lang = request.document, request.lang
        with self.ctx.read() as s:
            resolved = request.resolved(s, self.ctx.today())
            if doc == DocumentType.MY_PLAN:
                plan = plan_preview(s, request.participant_id, resolved.on, lang)
                internal = (Withheld(None, WithheldReason.INTERNAL_NOTE),)
                papers = candidates(s, request.participant_id, doc, None)  # none go with it
                return ExportPreview(
                    doc, resolved.recipient.name, plan, PLAN_CATEGORIES, internal, (), (), papers
                )
            if doc == DocumentType.CONSENT_FORM:
                facts = form_facts(s, resolved)
                items = [PreviewItem(DataCategory.IDENTITY_CONTACT, "", facts.participant_name)]
                items += [PreviewItem(c, label(c, lang), "") for c in sorted(facts.categories)]
                return ExportPreview(
                    doc,
                    resolved.recipient.name,
                    tuple(items),
                    frozenset({DataCategory.IDENTITY_CONTACT}),
                    (Withheld(None, WithheldReason.INTERNAL_NOTE),),
                    (),
                    enclosures=candidates(s, request.participant_id, doc, None),
                )
            file = filtered_file(s, resolved)
            found = cautions(s, doc, request.participant_id)
            papers = candidates(s, request.participant_id, doc, file)
            coach = document_issuer(s, self.ctx.actor)[1]
        ack, shown = request.acknowledgement, bool(file.display_name)
        said = [] if ack is None else preview_lines(ack, lang, coach, resolved.on, shown)
        return ExportPreview(
            doc,
            resolved.recipient.name,
            preview_items(doc, file, lang, request.meeting_id, resolved.month),
            included_categories(doc, file),
            file.withheld,
            file.consent_basis,
            found,
            papers,
            tuple(said),
        )

    def export(self, request: ExportRequest) -> ExportResult:
        """Filter, render, sign; record the export and one audit entry in the same transaction.

        Ticked papers (``request.attachment_ids``) are checked again here, inside the
        transaction: each must be hers and covered, or the whole export is refused with a
        ValidationError. They are listed on the document and appended as pages, and the
        signature covers them.

        The caller keeps the bytes: for scripts and tests. The application saves with
        :meth:`export_to`, so that an export is only recorded once its file exists.
        """
        return self._export(request, None)

    def export_to(self, path: Path | str, request: ExportRequest) -> ExportResult:
        """Like :meth:`export`, and save the signed file at ``path`` before the record commits.

        The file is written completely and atomically inside the transaction: if it cannot
        be saved (disk full, no permission), nothing is recorded and a ``StorageError``
        says "Not saved: ..."; if the record cannot be committed, the file is removed again.
        """
        check_output_paths([path])  # before anything is rendered, signed or recorded
        return self._export(request, Path(path))

    def _export(self, request: ExportRequest, target: Path | None) -> ExportResult:
        saved = False
        try:
            with self.ctx.write() as s:
                material = identities.active_material(s)
                issuer = Issuer(*document_issuer(s, self.ctx.actor), material)
                resolved = request.resolved(s, self.ctx.today())
                made = compose(s, resolved, issuer)
                signed = sign_pdf(made.pdf, material, made.box, resolved.languages[0])
                digest = hashlib.sha256(signed).hexdigest()
                record = log_export(s, self.ctx, resolved, made, digest, material)
                if target is not None:
                    save_atomically(target, signed)
                    saved = True
        except BaseException:
            if saved and target is not None:
                remove_saved(target)
            raise
        self.ctx.publish(Changes.of({ChangeKind.EXPORT}, [request.participant_id]))
        return ExportResult(signed, digest, record, made.included, target, made.enclosures)

    # -- documents in batches ----------------------------------------------------------------

    def batch_participants(
        self, organisation_id: int, programme_id: int | None = None
    ) -> tuple[int, ...]:
        """Active participants of a recipient (see ``batch_plan.active_for_recipient``)."""
        with self.ctx.read() as s:
            return active_for_recipient(s, organisation_id, programme_id)

    def preview_batch(self, request: BatchRequest) -> BatchPreview:
        """Who would get a document and who is skipped, and why; nothing is written."""
        with self.ctx.read() as s:
            recipient, on = self._batch_recipient(s, request)
            return plan(s, request, recipient, on)

    def export_batch(
        self,
        request: BatchRequest,
        folder: Path | str,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> BatchResult:
        """Make, sign, save and register a document for each included participant.

        Files go into ``folder`` under names that say what and when, never whose
        (``batch_names``). Rendering and signing run in a process pool on every core; each
        document is saved and registered here, one transaction each (``batch_run``). Setting
        ``cancel`` stops the batch after the documents already saved; ``progress`` is told
        ``(done, total)`` from the calling thread.
        """
        folder = Path(folder)
        with self.ctx.read() as s:
            material = identities.active_material(s)
            issuer = Issuer(*document_issuer(s, self.ctx.actor), material)
            recipient, on = self._batch_recipient(s, request)
            preview = plan(s, request, recipient, on)
        numbers = [e.number for e in preview.included]
        what = document_label(request.document, request.lang)
        paths = batch_file_names(what, on, numbers, folder)
        check_batch_folder(folder, paths.values())
        requests = {
            e.number: DocumentRequest(
                e.participant_id,
                request.document,
                recipient,
                request.purpose,
                on,
                request.lang,
                (request.lang,),
                None,
                None,
                month=request.month_on(on),
            )
            for e in preview.included
        }
        run = BatchRun(
            self.ctx,
            Plan(preview.entries, requests, paths, issuer),
            progress,
            cancel or threading.Event(),
        )
        result = run.run()
        if result.saved:
            saved_ids = [d.entry.participant_id for d in result.saved]
            self.ctx.publish(Changes.of({ChangeKind.EXPORT}, saved_ids))
        return result

    def _batch_recipient(self, s: Session, request: BatchRequest) -> tuple[Recipient, dt.date]:
        problems: list[FieldError] = []
        validation.max_length(problems, "purpose", request.purpose, validation.TEXT_LIMIT)
        validation.raise_if(problems)
        return resolve(
            s, request.organisation_id, request.contact_id
        ), request.on or self.ctx.today()

    def history(self, participant_id: int) -> list[ExportHistoryRow]:
        if not storable(participant_id):
            return []  # no row can have an id SQLite cannot store
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
        self.ctx.publish(Changes.of({ChangeKind.SIGNING_IDENTITY}))
        return info
