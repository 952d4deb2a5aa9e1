"""Report use cases: figures and previews, and signed exports with one audit entry each.

Each export is recorded like every document that leaves the vault (``ExportRecord``:
document type, SHA-256, signer) plus one audit entry with the document type, the
period or participant, and the SHA-256; never the content.
"""

from __future__ import annotations

import datetime as dt
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
from coachdesk.reports import quarterly
from coachdesk.reports.document import ReportHeader
from coachdesk.reports.partner_docs import PartnerDocuments
from coachdesk.reports.published import PublishedReport, publish, to_csv
from coachdesk.reports.quarterly_pdf import render_quarterly

# Re-exported: callers import the results with the service.
from coachdesk.reports.results import Renderer as Renderer
from coachdesk.reports.results import ReportResult as ReportResult
from coachdesk.reports.results import ReportType as ReportType
from coachdesk.reports.saving import Targets, save_files
from coachdesk.reports.success_story import (
    StoryBasis,
    check_story,
    render_success_story,
    story_basis,
)
from coachdesk.services import audit
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.settings import document_issuer
from coachdesk.vault.saving import remove_saved


class ReportService(PartnerDocuments):
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- quarterly evaluation ----------------------------------------------------------------

    def quarterly_figures(
        self, start: dt.date, end: dt.date, programme_id: int | None = None
    ) -> quarterly.QuarterlyFigures:
        """The raw counts of a period, of every file or one programme's (for the coach)."""
        quarterly.check_period(start, end)
        with self.ctx.read() as s:
            return quarterly.compute(s, start, end, self.ctx.today(), programme_id)

    def quarterly_preview(
        self, start: dt.date, end: dt.date, lang: str = "de", programme_id: int | None = None
    ) -> PublishedReport:
        """The figures exactly as the PDF and CSV will show them (small counts hidden)."""
        return publish(self.quarterly_figures(start, end, programme_id), lang)

    def export_quarterly(
        self, start: dt.date, end: dt.date, lang: str = "de", programme_id: int | None = None
    ) -> ReportResult:
        """The signed PDF and the CSV as bytes, recorded (the caller saves them)."""
        return self._quarterly(start, end, lang, Targets(), programme_id)

    def export_quarterly_to(
        self,
        pdf_path: Path | str,
        csv_path: Path | str | None = None,
        *,
        start: dt.date,
        end: dt.date,
        lang: str = "de",
        programme_id: int | None = None,
    ) -> ReportResult:
        """Save the signed PDF (and the CSV) before the export is recorded; see ``_export``."""
        csv_target = Path(csv_path) if csv_path is not None else None
        targets = Targets(Path(pdf_path), csv_target)
        return self._quarterly(start, end, lang, targets, programme_id)

    def _quarterly(
        self, start: dt.date, end: dt.date, lang: str, targets: Targets, programme_id: int | None
    ) -> ReportResult:
        report = self.quarterly_preview(start, end, lang, programme_id)
        csv = to_csv(report)
        details = {"period_start": start.isoformat(), "period_end": end.isoformat()}
        if report.programme:
            details["programme"] = report.programme
        return self._export(
            ReportType.QUARTERLY,
            lang,
            lambda h, out: render_quarterly(report, h, out),
            details,
            csv=csv,
            targets=targets,
        )

    # -- success story -----------------------------------------------------------------------

    def success_story_basis(self, participant_id: int) -> StoryBasis:
        """The approved name and consent, or a ValidationError saying what is missing."""
        with self.ctx.read() as s:
            return story_basis(s, participant_id, self.ctx.today())

    def export_success_story(
        self, participant_id: int, title: str, text: str, lang: str = "de"
    ) -> ReportResult:
        return self._story(participant_id, title, text, lang, Targets())

    def export_success_story_to(
        self, path: Path | str, participant_id: int, title: str, text: str, lang: str = "de"
    ) -> ReportResult:
        return self._story(participant_id, title, text, lang, Targets(Path(path)))

    def _story(
        self, participant_id: int, title: str, text: str, lang: str, targets: Targets
    ) -> ReportResult:
        with self.ctx.read() as s:
            basis = story_basis(s, participant_id, self.ctx.today())
            story = check_story(s, basis, title, text)
        return self._export(
            ReportType.SUCCESS_STORY,
            lang,
            lambda h, out: render_success_story(story, h, out),
            {"consent_ids": [basis.consent_id]},
            participant_id=participant_id,
            consent_id=basis.consent_id,
            targets=targets,
        )

    # -- shared ------------------------------------------------------------------------------

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
