"""Her whole file on request, through the path every document takes: signed, saved, registered.

One transaction reads her file, writes the archive of her papers, the JSON file and the PDF
(which names both files with their SHA-256), signs the PDF, records the export in the
register and its audit entry (with the coach's choice about internal notes), and saves the
three files where the coach chose, each whole or not at all, before it commits. Nothing is
recorded without its files; files whose record cannot be committed are taken back.

No consent filter is asked: these are her own data, for her (GDPR Art. 15 and 20).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from sqlalchemy.orm import Session

from coachdesk.doc_languages import BINDING, SOURCE, is_rtl
from coachdesk.documents.signing import sign_pdf
from coachdesk.export import identities
from coachdesk.export.access_file import her_file, to_bytes
from coachdesk.export.access_papers import papers_archive
from coachdesk.export.access_pdf import AccessDocument, FileNames, render_access
from coachdesk.export.access_request import (
    ACCESS_REQUEST,
    FILE_STEM,
    AccessRequest,
    Article,
    article_label,
)
from coachdesk.export.batch_names import _FORBIDDEN as FORBIDDEN
from coachdesk.export.batch_names import check_batch_folder
from coachdesk.i18n import _
from coachdesk.models import ExportRecord, utcnow
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit
from coachdesk.services.common import load_participant
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.settings import document_issuer
from coachdesk.vault.saving import remove_saved, save_atomically

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` after each step: her file read, each paper, the JSON, the PDF..."""
STEPS = 5
"""Steps besides the papers: read, JSON, PDF, signature, saving."""


@dataclass(frozen=True)
class AccessFiles:
    """Where the three files go: free names in the chosen folder, none replaced."""

    pdf: Path
    json: Path
    papers: Path


@dataclass(frozen=True)
class AccessResult:
    pdf: Path
    json: Path
    papers: Path | None
    """The archive of her papers; None when she has none."""
    pdf_sha256: str
    json_sha256: str
    papers_sha256: str | None
    papers_count: int
    record_id: int
    """Her export register entry."""


def access_files(folder: Path, lang: str, participant_id: int, day: dt.date) -> AccessFiles:
    """``Auskunft_2026-03-16_17.pdf``, ``.json`` and ``.zip``: what, when and her number.

    A second export on the same day gets the next free suffix (``_2026-03-16-2_17``), so
    an earlier one is never replaced. Named in German or English (a file name in Arabic
    script reads badly in most file managers).
    """
    what = _(FILE_STEM, lang if lang in (BINDING, SOURCE) else BINDING)
    stem = "-".join(FORBIDDEN.sub(" ", what).split()) or "CoachDesk"
    taken = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    attempt = 1
    while True:
        when = day.isoformat() if attempt == 1 else f"{day.isoformat()}-{attempt}"
        base = f"{stem}_{when}_{participant_id}"
        files = AccessFiles(*(folder / f"{base}{ext}" for ext in (".pdf", ".json", ".zip")))
        if not any(p.name.casefold() in taken for p in (files.pdf, files.json, files.papers)):
            return files
        attempt += 1


class AccessService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export_to(
        self, folder: Path | str, request: AccessRequest, progress: Progress | None = None
    ) -> AccessResult:
        """Write her PDF, JSON file and papers' archive into ``folder``; register and audit them.

        The folder must exist and lie outside every vault (``OutputPathError`` before anything
        is read or written).
        """
        folder = Path(folder)
        day = self.ctx.today()
        with self.ctx.read() as s:
            load_participant(s, request.participant_id)  # NotFoundError before any file
        files = access_files(folder, request.lang, request.participant_id, day)
        check_batch_folder(folder, (files.pdf, files.json, files.papers))
        saved: list[Path] = []
        try:
            with self.ctx.write() as s:
                result = self._make(s, request, files, day, saved, progress)
        except BaseException:
            for path in saved:
                remove_saved(path)
            raise
        self.ctx.publish(Changes.of({ChangeKind.EXPORT}, [request.participant_id]))
        return result

    def _make(
        self,
        s: Session,
        request: AccessRequest,
        files: AccessFiles,
        day: dt.date,
        saved: list[Path],
        progress: Progress | None,
    ) -> AccessResult:
        material = identities.active_material(s)
        organisation, coach = document_issuer(s, self.ctx.actor)
        made_by = {"coach": coach, "organisation": organisation}
        data = her_file(s, request, utcnow(), made_by)
        papers = data["papers"]
        total, done = STEPS + len(papers), 1

        def step() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        if progress is not None:
            progress(done, total)
        archive = papers_archive(s, papers, step)
        papers_sha = hashlib.sha256(archive).hexdigest() if archive is not None else None
        if archive is not None:
            data["made"]["papers_archive"] = {"file": files.papers.name, "sha256": papers_sha}
        json_bytes = to_bytes(data)
        json_sha = hashlib.sha256(json_bytes).hexdigest()
        step()
        names = FileNames(
            files.json.name,
            json_sha,
            files.papers.name if archive is not None else None,
            papers_sha,
            len(papers),
        )
        article, notes = Article(request.article), request.choice
        doc = AccessDocument(
            data,
            request.lang,
            article,
            notes,
            day,
            organisation,
            coach,
            material.subject_name,
            material.fingerprint_sha256,
            names,
        )
        buf = BytesIO()
        box = render_access(doc, buf)
        step()
        stamp_lang = BINDING if is_rtl(request.lang) else request.lang  # see render_access
        signed = sign_pdf(buf.getvalue(), material, box, stamp_lang)
        pdf_sha = hashlib.sha256(signed).hexdigest()
        step()
        record = ExportRecord(
            participant_id=request.participant_id,
            actor=self.ctx.actor,
            document_type=ACCESS_REQUEST,
            language=request.lang,
            purpose=article_label(article, request.lang),
            categories=",".join(sorted(DataCategory)),
            sha256=pdf_sha,
            signer_fingerprint=material.fingerprint_sha256,
            enclosures=",".join(f"{p['id']}:{p['sha256']}" for p in papers),
        )
        s.add(record)
        s.flush()
        audit.record(
            s,
            self.ctx,
            "export",
            "document",
            record.id,
            request.participant_id,
            {
                "document_type": ACCESS_REQUEST,
                "request": str(article),
                "internal_notes": str(notes),
                "language": request.lang,
                "sha256": pdf_sha,
                "json_sha256": json_sha,
                "papers_sha256": papers_sha,
                "papers": len(papers),
                "signer_fingerprint": material.fingerprint_sha256,
            },
        )
        outputs = [(files.pdf, signed), (files.json, json_bytes)]
        if archive is not None:
            outputs.append((files.papers, archive))
        for path, content in outputs:
            save_atomically(path, content)
            saved.append(path)
        step()
        return AccessResult(
            files.pdf,
            files.json,
            files.papers if archive is not None else None,
            pdf_sha,
            json_sha,
            papers_sha,
            len(papers),
            record.id,
        )
