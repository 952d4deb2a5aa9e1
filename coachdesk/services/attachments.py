"""Papers in her file: scans, photos and PDFs, encrypted inside the vault.

A paper is added from bytes (recognised from their content, see ``attachment_files``),
listed without its bytes, read back with its SHA-256 checked, renamed, re-categorised,
linked to a consent, handover or meeting of the same participant, removed (audited), or
copied out on purpose with "Save a copy as", which goes into the export register and the
audit log like a document. Nothing else takes an attachment's bytes out of the vault.
Change kind: "attachment".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.models import Attachment, AttachmentContent, ExportRecord
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit, validation
from coachdesk.services.attachment_files import recognise
from coachdesk.services.attachment_records import (
    AttachmentDraft,
    AttachmentRecord,
    AttachmentTotals,
)
from coachdesk.services.attachment_rules import check_links, limit_bytes, too_large
from coachdesk.services.attachment_store import (
    read_content,
    read_file,
    store,
)
from coachdesk.services.common import (
    audit_update,
    load,
    load_participant,
    not_in_future,
    storable,
)
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.records import strip_text, to_record
from coachdesk.vault.errors import StorageError
from coachdesk.vault.integrity import damaged_contents
from coachdesk.vault.output_paths import check_output_paths

ATTACHMENT_COPY = "attachment_copy"
"""The export register's document type of a copy saved out of the vault."""


class AttachmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries -----------------------------------------------------------------------------

    def list_for_participant(self, participant_id: int) -> list[AttachmentRecord]:
        """Her papers, newest first, without their bytes."""
        if not storable(participant_id):
            return []
        with self.ctx.read() as s:
            q = (
                select(Attachment, AttachmentContent)
                .join(AttachmentContent, Attachment.content_id == AttachmentContent.id)
                .where(Attachment.participant_id == participant_id)
                .order_by(Attachment.created_at.desc(), Attachment.id.desc())
            )
            return [_record(a, c) for a, c in s.execute(q)]

    def get(self, attachment_id: int) -> AttachmentRecord:
        with self.ctx.read() as s:
            row = load(s, Attachment, attachment_id, "attachment")
            return _record(row, _content_of(s, row))

    def content(self, attachment_id: int) -> bytes:
        """The paper's bytes, in memory, checked against their SHA-256."""
        with self.ctx.read() as s:
            row = load(s, Attachment, attachment_id, "attachment")
            return read_content(s, _content_of(s, row))

    def limit_bytes(self) -> int:
        """The largest file she may attach (a vault setting)."""
        with self.ctx.read() as s:
            return limit_bytes(s)

    def totals(self) -> AttachmentTotals:
        with self.ctx.read() as s:
            papers = s.scalar(select(func.count()).select_from(Attachment)) or 0
            files, size = s.execute(
                select(func.count(), func.coalesce(func.sum(AttachmentContent.size), 0))
            ).one()
            return AttachmentTotals(int(papers), int(files), int(size))

    def damaged(self) -> list[int]:
        """Ids of papers whose bytes no longer match their SHA-256 (the integrity check)."""
        with self.ctx.read() as s:
            bad = damaged_contents(s.connection().exec_driver_sql)
            if not bad:
                return []
            q = select(Attachment.id).where(Attachment.content_id.in_(bad)).order_by(Attachment.id)
            return list(s.scalars(q))

    # -- mutations ---------------------------------------------------------------------------

    def add(
        self, participant_id: int, data: bytes, draft: AttachmentDraft, *, name: str = ""
    ) -> AttachmentRecord:
        """Keep ``data`` in her file; ``name`` is the file's name, if it came from one."""
        draft = _normalise(draft)
        validation.raise_if(_check_draft(draft) + _check_dates(draft, self.ctx.today()))
        with self.ctx.read() as s:
            limit = limit_bytes(s)
        if len(data) > limit:
            raise too_large(len(data), limit)
        found = recognise(data, name)
        digest = hashlib.sha256(data).hexdigest()
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            validation.raise_if(check_links(s, participant_id, draft))
            content = s.scalar(select(AttachmentContent).where(AttachmentContent.sha256 == digest))
            if content is None:
                content = store(s, data, digest, found.media_type, found.page_count)
            else:
                _refuse_second_copy(s, participant_id, content.id)
            row = Attachment(
                participant_id=participant_id, content_id=content.id, added_by=self.ctx.actor
            )
            for key, value in vars(draft).items():
                setattr(row, key, value)
            s.add(row)
            s.flush()
            audit.record(
                s, self.ctx, "create", "attachment", row.id, participant_id, {"sha256": digest}
            )
            result = _record(row, content)
        self._publish(participant_id)
        return result

    def add_file(
        self, participant_id: int, path: Path | str, draft: AttachmentDraft
    ) -> AttachmentRecord:
        """Like :meth:`add`, reading the file at ``path`` (refused unread if too large)."""
        path = Path(path)
        with self.ctx.read() as s:
            limit = limit_bytes(s)
        data = read_file(path, limit)
        return self.add(participant_id, data, draft, name=path.name)

    def update(self, attachment_id: int, draft: AttachmentDraft) -> AttachmentRecord:
        """Rename, re-categorise, re-date or re-link a paper; its bytes never change."""
        draft = _normalise(draft)
        validation.raise_if(_check_draft(draft) + _check_dates(draft, self.ctx.today()))
        with self.ctx.write() as s:
            row = load(s, Attachment, attachment_id, "attachment")
            validation.raise_if(check_links(s, row.participant_id, draft))
            changed = [k for k, v in vars(draft).items() if getattr(row, k) != v]
            for key in changed:
                setattr(row, key, getattr(draft, key))
            audit_update(s, self.ctx, "attachment", row.id, row.participant_id, changed)
            s.flush()
            result = _record(row, _content_of(s, row))
        self._publish(result.participant_id)
        return result

    def remove(self, attachment_id: int) -> None:
        """Take the paper out of her file; its bytes go when no other paper uses them."""
        with self.ctx.write() as s:
            row = load(s, Attachment, attachment_id, "attachment")
            participant_id = row.participant_id
            audit.record(s, self.ctx, "delete", "attachment", row.id, participant_id)
            s.delete(row)  # the trigger attachment_content_unused removes unused bytes
        self._publish(participant_id)

    def save_copy(self, attachment_id: int, path: Path | str) -> Path:
        """Copy the paper out of the vault on purpose: registered and audited like a document.

        The file is written completely (or not at all) before the record commits; a
        record that cannot be committed takes the file back.
        """
        from coachdesk.vault.saving import remove_saved, save_atomically

        target = Path(path)
        check_output_paths([target])
        saved = False
        try:
            with self.ctx.write() as s:
                row = load(s, Attachment, attachment_id, "attachment")
                content = _content_of(s, row)
                data = read_content(s, content)
                export = ExportRecord(
                    participant_id=row.participant_id,
                    actor=self.ctx.actor,
                    document_type=ATTACHMENT_COPY,
                    purpose=row.title,
                    categories=str(row.category),
                    sha256=content.sha256,
                )
                s.add(export)
                s.flush()
                audit.record(
                    s,
                    self.ctx,
                    "export",
                    "attachment",
                    row.id,
                    row.participant_id,
                    {"sha256": content.sha256, "export_id": export.id},
                )
                participant_id = row.participant_id
                try:
                    save_atomically(target, data)
                except OSError as exc:
                    raise StorageError.from_os_error(exc) from exc
                saved = True
        except BaseException:
            if saved:
                remove_saved(target)
            raise
        self.ctx.publish(Changes.of({ChangeKind.EXPORT}, [participant_id]))
        return target

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.ATTACHMENT}, {participant_id}))


def _refuse_second_copy(s: Session, participant_id: int, content_id: int) -> None:
    title = s.scalar(
        select(Attachment.title)
        .where(Attachment.participant_id == participant_id)
        .where(Attachment.content_id == content_id)
    )
    if title is not None:
        raise ValidationError.single(
            "file",
            N_('This file is already in her file, as "{title}". Nothing was attached twice.'),
            {"title": title},
        )


def _content_of(s: Session, row: Attachment) -> AttachmentContent:
    return load(s, AttachmentContent, row.content_id, "attachment")


def _normalise(draft: AttachmentDraft) -> AttachmentDraft:
    draft = strip_text(to_record(AttachmentDraft, draft))
    return replace(draft, category=DataCategory(draft.category))


def _check_draft(draft: AttachmentDraft) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "title", draft.title, N_("the title"))
    validation.lengths(problems, Attachment, draft)
    return problems


def _check_dates(draft: AttachmentDraft, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    not_in_future(problems, "document_date", draft.document_date, today)
    return problems


def _record(row: Attachment, content: AttachmentContent) -> AttachmentRecord:
    return to_record(
        AttachmentRecord,
        row,
        sha256=content.sha256,
        size=content.size,
        media_type=content.media_type,
        page_count=content.page_count,
    )
