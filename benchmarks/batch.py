"""Documents in batches against one by one and against the office peer, in one run.

    python -m benchmarks.batch            (the 1,000-participant demo vault; ~1 minute)

The same 100 participants of one job centre (each with a valid consent and interim
feedback recorded) get a signed interim feedback: one by one in this process
(``export_to``, as the export dialog makes each), then in one batch on all cores
(``export_batch``, as the batch dialog and ``coachdesk export --participants`` make them).
Every document is saved and registered in both. The first batch of a process also starts
the workers' fork server (imports, fonts): it is reported apart ("cold"); the dialog and
the command line start that server before the batch begins. LibreOffice converts the same
facts filled into an office template (``office_peer``), if it is installed: its 100-document
call alternates with CoachDesk's warm batches, so that both meet the same load of a shared
machine, and the ratio is given per pair and as the ratio of the medians.

For each batch it also reports how busy each process was (CPU seconds over the batch's
seconds): the application's process, which filters, saves and registers, and each worker,
which renders and signs (read from ``/proc`` on Linux just before the pool shuts down).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.office_peer import OfficePeer, soffice
from benchmarks.stats import measure
from coachdesk.export import batch_run
from coachdesk.export.batch_plan import BatchRequest
from coachdesk.export.batch_pool import worker_count
from coachdesk.export.batch_run import BatchResult
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models import Organisation
from coachdesk.models.enums import OrganisationKind
from coachdesk.vault.store import Vault

DOCUMENTS = 100
WARM_BATCHES = 3


@dataclass
class Busy:
    """CPU seconds of the processes of one batch."""

    seconds: float = 0.0
    parent_cpu: float = 0.0
    workers_cpu: list[float] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 3),
            "parent_cpu_s": round(self.parent_cpu, 3),
            "parent_busy": round(self.parent_cpu / self.seconds, 2),
            "workers_cpu_s": [round(c, 3) for c in self.workers_cpu],
            "workers_busy": [round(c / self.seconds, 2) for c in self.workers_cpu],
            "cpu_ms_per_document": round(
                (self.parent_cpu + sum(self.workers_cpu)) / DOCUMENTS * 1000, 1
            ),
        }


def _process_cpu(pid: int) -> float:
    """CPU seconds a live process has used (Linux), 0 where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured_batch(
    exports: ExportService, batch: BatchRequest, folder: Path
) -> tuple[BatchResult, Busy]:
    """One batch, with the CPU its processes used (the pool's workers read before it stops)."""
    busy = Busy()
    original = batch_run.document_pool

    def watched_pool(*args: Any, **kwargs: Any) -> ProcessPoolExecutor:
        pool = original(*args, **kwargs)
        shutdown = pool.shutdown

        def measured_shutdown(*a: Any, **kw: Any) -> None:
            processes = dict(getattr(pool, "_processes", None) or {})
            busy.workers_cpu = [_process_cpu(pid) for pid in processes]
            shutdown(*a, **kw)

        pool.shutdown = measured_shutdown  # type: ignore[method-assign]
        return pool

    batch_run.document_pool = watched_pool  # type: ignore[assignment]
    try:
        cpu, started = time.process_time(), time.perf_counter()
        result = exports.export_batch(batch, folder)
        busy.seconds = time.perf_counter() - started
        busy.parent_cpu = time.process_time() - cpu
    finally:
        batch_run.document_pool = original
    assert len(result.saved) == DOCUMENTS and result.error is None, result
    return result, busy


def batch_participants(services: Services) -> tuple[int, tuple[int, ...]]:
    """A job centre and 100 of its participants who each get a document."""
    exports = services.exports
    with services.ctx.read() as s:
        centres = [o.id for o in s.query(Organisation).filter_by(kind=OrganisationKind.JOB_CENTRE)]
    for org in centres:
        request = BatchRequest(
            participant_ids=exports.batch_participants(org),
            document="interim_feedback",
            organisation_id=org,
        )
        included = tuple(e.participant_id for e in exports.preview_batch(request).included)
        if len(included) >= DOCUMENTS:
            return org, included[:DOCUMENTS]
    raise SystemExit(f"no job centre has {DOCUMENTS} participants with interim feedback")


def batch_figures(services: Services, work: Path) -> dict[str, Any]:
    exports = services.exports
    if exports.current_identity() is None:
        exports.create_identity("Benchmark Coach")
    org, ids = batch_participants(services)

    def request(pid: int) -> ExportRequest:
        return ExportRequest(participant_id=pid, document="interim_feedback", organisation_id=org)

    singles = work / "single"
    singles.mkdir(parents=True)
    counter = iter(range(10_000))
    one = measure(
        lambda: exports.export_to(singles / f"{next(counter)}.pdf", request(ids[0])),
        runs=20,
        warmup=3,
    )
    one_by_one_dir = work / "one-by-one"
    one_by_one_dir.mkdir()
    started = time.perf_counter()
    for number, pid in enumerate(ids):
        exports.export_to(one_by_one_dir / f"{number}.pdf", request(pid))
    one_by_one = time.perf_counter() - started
    batch = BatchRequest(participant_ids=ids, document="interim_feedback", organisation_id=org)
    with tempfile.TemporaryDirectory() as tmp:
        office = OfficePeer(services, list(ids), Path(tmp)) if soffice() is not None else None
        _result, cold = measured_batch(exports, batch, mkdir(work / "batch-cold"))
        warm: list[Busy] = []
        office_runs: list[tuple[float, float, int]] = []
        for run in range(WARM_BATCHES):  # alternating, so both meet the same load
            warm.append(measured_batch(exports, batch, mkdir(work / f"batch-{run}"))[1])
            if office is not None:
                office_runs.append(office.batch())
        office_one = office.one() if office is not None else None
    seconds = [b.seconds for b in warm]
    median = statistics.median(seconds)
    figures: dict[str, Any] = {
        "documents": DOCUMENTS,
        "workers": worker_count(DOCUMENTS),
        "one_signed_pdf_saved_and_registered": one.as_json(),
        "one_by_one_100_s": round(one_by_one, 3),
        "batch_100_cold_s": round(cold.seconds, 3),
        "batch_100_s": round(median, 3),
        "batch_100_runs_s": [round(t, 3) for t in seconds],
        "batch_busy": [b.as_json() for b in warm],
        "speed_up_over_one_by_one": round(one_by_one / median, 2),
    }
    if office_one is not None and office_runs:
        office_seconds = [r[0] for r in office_runs]
        office_median = statistics.median(office_seconds)
        figures["office_peer"] = {
            "one_document_s": round(office_one, 3),
            "batch_100_s": round(office_median, 3),
            "batch_100_runs_s": [round(t, 3) for t in office_seconds],
            "batch_100_cpu_s": [round(r[1], 3) for r in office_runs],
            "batch_documents": office_runs[0][2],
        }
        figures["batch_vs_office_100"] = round(median / office_median, 2)
        figures["batch_vs_office_100_pairs"] = [
            round(a / b, 2) for a, b in zip(seconds, office_seconds, strict=True)
        ]
        cpu = statistics.median(b.parent_cpu + sum(b.workers_cpu) for b in warm)
        figures["batch_vs_office_100_cpu"] = round(
            cpu / statistics.median(r[1] for r in office_runs), 2
        )
        figures["one_vs_office_one"] = round(one.median / office_one, 3)
    return figures


def mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def summary(f: dict[str, Any]) -> str:
    lines = [
        f"One signed interim feedback, saved and registered (warm, median of 20): "
        f"{f['one_signed_pdf_saved_and_registered']['median_s'] * 1000:.0f} ms",
        f"100 one by one: {f['one_by_one_100_s']:.2f} s",
        f"100 in a batch on {f['workers']} workers: {f['batch_100_s']:.2f} s "
        f"(first batch of the process, starting the fork server: {f['batch_100_cold_s']:.2f} s); "
        f"{f['speed_up_over_one_by_one']:.1f}x faster than one by one",
    ]
    for b in f["batch_busy"]:
        workers = ", ".join(f"{w:.0%}" for w in b["workers_busy"])
        lines.append(
            f"  batch {b['seconds']:.2f} s: application process busy {b['parent_busy']:.0%}, "
            f"workers {workers}; {b['cpu_ms_per_document']:.0f} ms of CPU per document"
        )
    if "office_peer" in f:
        o = f["office_peer"]
        lines.append(
            f"LibreOffice: one document {o['one_document_s']:.2f} s, 100 in one call "
            f"{o['batch_100_s']:.2f} s (runs {o['batch_100_runs_s']}); CoachDesk's batch / "
            f"LibreOffice's = {f['batch_vs_office_100']:.2f} (pairs "
            f"{f['batch_vs_office_100_pairs']}; CPU seconds {f['batch_vs_office_100_cpu']:.2f})"
        )
    return "\n".join(lines)


def main() -> int:
    from benchmarks.vaults import OUT, PASSPHRASE, cached_vault

    source, _generated = cached_vault(1000)
    work = OUT / "work-batch"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work / "vault")
    vault = Vault.open(work / "vault", PASSPHRASE)
    try:
        figures = batch_figures(Services(vault.sessions, actor="Benchmark"), work)
    finally:
        vault.lock()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    print(summary(figures), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
