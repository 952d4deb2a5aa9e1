"""Every report export recorded alike: rendered, signed, saved, and recorded as an
``ExportRecord`` with one audit entry, in one transaction (the base of ``ReportService``).

The record holds the document type, SHA-256 and signer; the audit entry the document type,
the period or participant and the SHA-256; never the content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from coachdesk.documents.signing import SigningMaterial, sign_pdf
from coachdesk.export import identities
from coachdesk.models import ExportRecord
from coachdesk.models.enums import DataCategory
from coachdesk.reports.document import ReportHeader
from coachdesk.reports.results import Renderer, ReportResult, ReportType
from coachdesk.reports.saving import Targets, save_files
from coachdesk.services import audit
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.settings import document_issuer
from coachdesk.vault.saving import remove_saved


class RecordedExports:
    ctx: ServiceContext

    def _export(
        self,
        kind: ReportType,
        lang: str,
        render: Renderer,
        details: Mapping[str, Any],
        *,
        csv: bytes | None = None,
        participant_id: int | None = None,
        consent_id: int | None = None,
        targets: Targets,
    ) -> ReportResult:
        """Render, sign, and record the export with one audit entry, in one transaction.

        With ``targets`` the files are saved atomically inside that transaction: if one
        cannot be saved (disk full, no permission), nothing is recorded, no file stays and a
        ``StorageError`` says "Not saved: ..."; if the record cannot be committed, the saved
        files are removed again.
        """
        saved: list[Path] = []
        try:
            result = self._record(
                kind, lang, render, details, csv, participant_id, consent_id, targets, saved
            )
        except BaseException:
            for path in saved:
                remove_saved(path)
            raise
        # After the commit: a failing listener must not take back files that are recorded.
        self.ctx.publish(Changes.of({ChangeKind.EXPORT}, [participant_id]))
        return result

    def _record(
        self,
        kind: ReportType,
        lang: str,
        render: Renderer,
        details: Mapping[str, Any],
        csv: bytes | None,
        participant_id: int | None,
        consent_id: int | None,
        targets: Targets,
        saved: list[Path],
    ) -> ReportResult:
        with self.ctx.write() as s:
            material = identities.active_material(s)
            header = self._header(s, lang, material)
            buf = BytesIO()
            box = render(header, buf)
            signed = sign_pdf(buf.getvalue(), material, box, lang)
            digest = hashlib.sha256(signed).hexdigest()
            csv_digest = hashlib.sha256(csv).hexdigest() if csv is not None else ""
            record = ExportRecord(
                participant_id=participant_id,
                actor=self.ctx.actor,
                document_type=str(kind),
                language=lang,
                purpose=_purpose(details),
                categories=str(DataCategory.PUBLICATION) if participant_id is not None else "",
                consent_ids=str(consent_id) if consent_id is not None else "",
                sha256=digest,
                signer_fingerprint=material.fingerprint_sha256,
            )
            s.add(record)
            s.flush()
            record_id = record.id
            entry: dict[str, Any] = {
                "document_type": str(kind),
                "language": lang,
                **details,
                "sha256": digest,
                "signer_fingerprint": material.fingerprint_sha256,
            }
            if csv is not None:
                entry["csv_sha256"] = csv_digest
            audit.record(s, self.ctx, "export", "report", record_id, participant_id, entry)
            save_files(targets, signed, csv, saved)
        pdf_path = saved[0] if saved else None
        csv_path = saved[1] if len(saved) > 1 else None
        return ReportResult(signed, digest, record_id, csv, csv_digest, pdf_path, csv_path)

    def _header(self, s: Session, lang: str, material: SigningMaterial) -> ReportHeader:
        organisation, coach = document_issuer(s, self.ctx.actor)
        today, signer = self.ctx.today(), material.subject_name
        return ReportHeader(lang, organisation, coach, today, signer, material.fingerprint_sha256)


def _purpose(details: Mapping[str, Any]) -> str:
    if "period_start" in details:
        return f"{details['period_start']}..{details['period_end']}"
    return ""
