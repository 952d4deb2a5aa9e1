"""Documents in batches against one by one and against the office peer, in one run.

    python -m benchmarks.batch            (the 1,000-participant demo vault; ~1 minute)

The same 100 participants of one job centre (each with a valid consent and interim
feedback recorded) get a signed interim feedback: one by one in this process
(``export_to``, as the export dialog makes each), then in one batch on all cores
(``export_batch``, as the batch dialog and ``coachdesk export --participants`` make them).
Every document is saved and registered in both. The first batch of a process also starts
the workers' fork server (imports, fonts): it is reported apart ("cold"); the dialog and
the command line start that server before the batch begins. LibreOffice converts the same
facts filled into an office template (``office_peer``), if it is installed.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.office_peer import run_office_peer
from benchmarks.stats import measure
from coachdesk.export.batch_plan import BatchRequest
from coachdesk.export.batch_pool import worker_count
from coachdesk.export.request import ExportRequest
from coachdesk.facade import Services
from coachdesk.models import Organisation
from coachdesk.models.enums import OrganisationKind
from coachdesk.vault.store import Vault

DOCUMENTS = 100


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
    timings = []
    for run in range(3):  # the first one starts the fork server
        folder = work / f"batch-{run}"
        folder.mkdir()
        started = time.perf_counter()
        result = exports.export_batch(batch, folder)
        timings.append(time.perf_counter() - started)
        assert len(result.saved) == DOCUMENTS and result.error is None, result
    warm = sorted(timings[1:])[0]
    figures: dict[str, Any] = {
        "documents": DOCUMENTS,
        "workers": worker_count(DOCUMENTS),
        "one_signed_pdf_saved_and_registered": one.as_json(),
        "one_by_one_100_s": round(one_by_one, 3),
        "batch_100_cold_s": round(timings[0], 3),
        "batch_100_s": round(warm, 3),
        "batch_100_runs_s": [round(t, 3) for t in timings[1:]],
        "speed_up_over_one_by_one": round(one_by_one / warm, 2),
    }
    office = run_office_peer(services, list(ids))
    if office is not None:
        figures["office_peer"] = office
        figures["batch_vs_office_100"] = round(warm / office["batch_100_s"], 2)
        figures["one_vs_office_one"] = round(one.median / office["one_document_s"], 3)
    return figures


def summary(f: dict[str, Any]) -> str:
    lines = [
        f"One signed interim feedback, saved and registered (warm, median of 20): "
        f"{f['one_signed_pdf_saved_and_registered']['median_s'] * 1000:.0f} ms",
        f"100 one by one: {f['one_by_one_100_s']:.2f} s",
        f"100 in a batch on {f['workers']} workers: {f['batch_100_s']:.2f} s "
        f"(first batch of the process, starting the fork server: {f['batch_100_cold_s']:.2f} s); "
        f"{f['speed_up_over_one_by_one']:.1f}x faster than one by one",
    ]
    if "office_peer" in f:
        o = f["office_peer"]
        lines.append(
            f"LibreOffice: one document {o['one_document_s']:.2f} s, 100 in one call "
            f"{o['batch_100_s']:.2f} s; CoachDesk's batch / LibreOffice's = "
            f"{f['batch_vs_office_100']:.2f}"
        )
    return "\n".join(lines)


def main() -> int:
    from benchmarks.run import OUT, PASSPHRASE, cached_vault  # run.py imports this module

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
