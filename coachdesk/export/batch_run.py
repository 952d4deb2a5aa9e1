"""Making a batch: filter here, render and sign in the worker pool, save and register here.

The application's process reads and filters the participants' files (the vault and its
consent filter stay here), a few at a time with one query per table (``PREPARED_AT_ONCE``),
and hands the filtered data to the pool. As each signed
document comes back, it is saved atomically and registered in one transaction, exactly as
a single export: her consents are checked once more inside that transaction, the file is
written completely before the record commits, and removed again if the commit fails. So
whatever stops the batch (Cancel, a full disk, a read-only folder, a worker that dies),
every file in the folder is whole and registered, and every register entry has its file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coachdesk.documents.fonts import FontsMissingError
from coachdesk.documents.layout import SignatureBox
from coachdesk.export.absence_sheet import sessions_in
from coachdesk.export.batch_plan import (
    BatchEntry,
    Recorded,
    SkipReason,
    handover_kinds,
    skip_reason,
)
from coachdesk.export.batch_pool import document_pool, worker_count
from coachdesk.export.batch_worker import Rendered, RenderJob, render_and_sign
from coachdesk.export.compose import (
    Composed,
    DocumentRequest,
    Issuer,
    default_purpose,
    document_data,
)
from coachdesk.export.consent_filter import decide, filter_participants
from coachdesk.export.export_log import log_export
from coachdesk.export.facts import FilteredFile
from coachdesk.export.preview import included_categories
from coachdesk.i18n import N_, Message
from coachdesk.models import Consent
from coachdesk.services.context import ServiceContext
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.vault.errors import VaultError
from coachdesk.vault.saving import remove_saved, save_atomically

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` after each document that is saved or skipped."""

PREPARED_AT_ONCE = 8
"""Participants whose files are read and filtered together, in one read transaction."""

WORKERS_STOPPED = N_(
    "The document workers stopped unexpectedly. The documents listed as saved are complete."
)


@dataclass(frozen=True)
class SavedDocument:
    entry: BatchEntry
    path: Path
    sha256: str
    record_id: int


@dataclass(frozen=True)
class BatchResult:
    saved: tuple[SavedDocument, ...]
    """Saved and registered, in the batch's order."""
    skipped: tuple[BatchEntry, ...]
    """Not made, each with its reason (in the preview, or found while making)."""
    not_made: tuple[BatchEntry, ...] = ()
    """Included but not made because the batch was cancelled or stopped by ``error``."""
    cancelled: bool = False
    error: Message | None = None
    """Why the batch stopped before its end (a save that failed, workers that died)."""


@dataclass(frozen=True)
class Plan:
    """What the service worked out before the first document (``ExportService.export_batch``)."""

    entries: tuple[BatchEntry, ...]
    requests: dict[int, DocumentRequest]
    """Each included participant's document request, by number."""
    paths: dict[int, Path]
    issuer: Issuer


@dataclass
class _Prepared:
    entry: BatchEntry
    request: DocumentRequest
    file: FilteredFile
    job: RenderJob


@dataclass
class BatchRun:
    ctx: ServiceContext
    plan: Plan
    progress: Progress | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    saved: list[SavedDocument] = field(default_factory=list)
    skipped: list[BatchEntry] = field(default_factory=list)

    def run(self) -> BatchResult:
        self.skipped = [e for e in self.plan.entries if e.skipped is not None]
        included = [e for e in self.plan.entries if e.skipped is None]
        if not included:
            return BatchResult((), tuple(self.skipped))
        error: Message | None = None
        langs = tuple({self.plan.requests[e.number].lang for e in included})
        pool = document_pool(self.plan.issuer.material, len(included), langs)
        try:
            self._loop(pool.submit, included, 2 * worker_count(len(included)))
        except BrokenProcessPool:
            error = Message(WORKERS_STOPPED)
        except (VaultError, ValidationError, NotFoundError, FontsMissingError) as exc:
            error = exc.message
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        done = {s.entry.number for s in self.saved} | {e.number for e in self.skipped}
        return BatchResult(
            tuple(sorted(self.saved, key=lambda s: s.entry.number)),
            tuple(sorted(self.skipped, key=lambda e: e.number)),
            tuple(e for e in included if e.number not in done),
            self.cancel.is_set() and error is None,
            error,
        )

    def _loop(
        self,
        submit: Callable[..., Future[Rendered]],
        included: list[BatchEntry],
        in_flight_limit: int,
    ) -> None:
        waiting = deque(included)
        ready: deque[_Prepared] = deque()
        in_flight: dict[Future[Rendered], _Prepared] = {}
        total = len(included)
        while not self.cancel.is_set():
            while (ready or waiting) and len(in_flight) < in_flight_limit:
                if self.cancel.is_set():
                    break
                if not ready:
                    chunk = [waiting.popleft() for _ in range(min(PREPARED_AT_ONCE, len(waiting)))]
                    ready.extend(self._prepare(chunk, total))
                    continue
                prepared = ready.popleft()
                in_flight[submit(render_and_sign, prepared.job)] = prepared
            if not in_flight:
                return
            finished, _pending = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                prepared = in_flight.pop(future)
                if self.cancel.is_set():
                    continue  # made, but she cancelled: never saved
                self._save(prepared, future.result())
                self._tell(total)
        for future in in_flight:
            future.cancel()

    def _tell(self, total: int) -> None:
        if self.progress is not None:
            # Those skipped in the preview were never counted in ``total``.
            skipped_now = sum(1 for e in self.skipped if e.number in self.plan.requests)
            self.progress(len(self.saved) + skipped_now, total)

    def _prepare(self, entries: list[BatchEntry], total: int) -> list[_Prepared]:
        """Their filtered files and render jobs; those skipped after all are told as done."""
        requests = [self.plan.requests[e.number] for e in entries]
        ids = [r.participant_id for r in requests]
        with self.ctx.read() as s:
            files = {}
            for key, group in _by_filter(requests).items():
                org, contact, purpose, on = key
                files.update(filter_participants(s, group, org, contact, purpose, on))
            kinds = handover_kinds(s, ids)
        out = []
        for entry, request in zip(entries, requests, strict=True):
            file = files.get(entry.participant_id)
            if file is None:
                self._skip(entry, SkipReason.NOT_FOUND)
                self._tell(total)
                continue
            sessions = len(sessions_in(file, request.month)) if request.month is not None else 0
            recorded = Recorded(kinds.get(entry.participant_id, frozenset()), sessions)
            why = skip_reason(request.document_type, file.covered, recorded)
            if why is not None:
                self._skip(entry, why)
                self._tell(total)
                continue
            data = document_data(request, self.plan.issuer, file)
            job = RenderJob(entry.number, request.document_type, data)
            out.append(_Prepared(entry, request, file, job))
        return out

    def _skip(self, entry: BatchEntry, why: SkipReason) -> None:
        self.skipped.append(BatchEntry(entry.number, entry.participant_id, entry.name, why))

    def _save(self, prepared: _Prepared, rendered: Rendered) -> None:
        """Save and register one document in one transaction (``ExportService._export``)."""
        entry, request, file = prepared.entry, prepared.request, prepared.file
        path = self.plan.paths[entry.number]
        material = self.plan.issuer.material
        digest = hashlib.sha256(rendered.pdf).hexdigest()
        if digest != rendered.sha256:
            raise RuntimeError("a worker's document changed on its way")
        saved = False
        try:
            with self.ctx.write() as s:
                if _consent_state(s, request) != _state_of(file):
                    self._skip(entry, SkipReason.CHANGED)
                    return
                made = _composed(request, file)
                record = log_export(s, self.ctx, request, made, digest, material)
                save_atomically(path, rendered.pdf)
                saved = True
        except BaseException:
            if saved:
                remove_saved(path)
            raise
        self.saved.append(SavedDocument(entry, path, digest, record))


FilterKey = tuple[int | None, int | None, str, dt.date]


def _by_filter(requests: list[DocumentRequest]) -> dict[FilterKey, list[int]]:
    """Participants grouped by what the filter is asked (in a batch: one recipient, purpose
    and day for all), as ``filtered_file`` asks it."""
    groups: dict[FilterKey, list[int]] = {}
    for r in requests:
        purpose = r.purpose or default_purpose(r)
        key = (r.recipient.organisation_id, r.recipient.contact_id, purpose, r.on)
        groups.setdefault(key, []).append(r.participant_id)
    return groups


def _composed(request: DocumentRequest, file: FilteredFile) -> Composed:
    """What the register records of a document made from ``file`` (no papers in a batch)."""
    return Composed(
        b"",
        SignatureBox(0, (0, 0, 0, 0)),
        file.purpose,
        included_categories(request.document_type, file),
        frozenset(w.category for w in file.withheld if w.category is not None),
        [b.consent_id for b in file.consent_basis],
    )


ConsentState = tuple[frozenset[object], tuple[int, ...]]


def _state_of(file: FilteredFile) -> ConsentState:
    return frozenset(file.covered), tuple(sorted(b.consent_id for b in file.consent_basis))


def _consent_state(s: Session, request: DocumentRequest) -> ConsentState:
    """What her consents allow now, in the transaction that registers the document."""
    q = (
        select(Consent)
        .where(Consent.participant_id == request.participant_id)
        .options(selectinload(Consent.category_rows))
    )
    recipient = request.recipient
    covered, _reasons, used = decide(
        list(s.scalars(q)), recipient.organisation_id, recipient.contact_id, request.on
    )
    return frozenset(covered), tuple(sorted(c.id for c in used))
