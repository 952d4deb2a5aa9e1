"""Where one signed document's time goes: filtering, layout, font subsetting, signing, hashing, I/O.

    python -m benchmarks.document_profile [--docs 40] [--key ecdsa|rsa] [--cpu]

Exit handovers for the job centre of the seeded 1,000-participant demo vault, made one by
one in this process, each phase timed with ``time.perf_counter`` around the function that
does it (wrapped here, not in the package). The phases nest as the table shows: font
subsetting is part of layout, the stamp font, the size estimate and the key operation are
part of signing. Medians per document after warm-up documents that are not counted.
With ``--cpu`` the phases are timed in CPU seconds of this process (``time.process_time``)
instead of seconds on the wall clock: steadier on a machine other work shares, but blind
to waiting for the disk (fsync).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import shutil
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.vaults import OUT, PASSPHRASE, cached_vault
from benchmarks.workload import sample_ids
from coachdesk.documents import signing
from coachdesk.documents.pades import PadesSigner
from coachdesk.export import compose
from coachdesk.export.batch_run import _composed
from coachdesk.export.export_log import log_export
from coachdesk.export.identities import active_material
from coachdesk.export.request import ExportRequest
from coachdesk.facade import Services
from coachdesk.models import Organisation
from coachdesk.models.enums import OrganisationKind
from coachdesk.services.settings import document_issuer
from coachdesk.vault.saving import save_atomically
from coachdesk.vault.store import Vault

PHASES = (
    ("filter", "consent filter (reading the vault)"),
    ("layout", "layout (ReportLab), of which:"),
    ("font_subset", "  font subsetting (document fonts)"),
    ("sign", "signing (pyHanko), of which:"),
    ("stamp_font", "  stamp font (subset and embedded)"),
    ("estimate", "  signature size estimate (a dry-run signature)"),
    ("container", "  signature container (CMS)"),
    ("key", "  private-key operation"),
    ("hash", "hashing (SHA-256 of the file, twice)"),
    ("save", "saving (write, fsync, rename)"),
    ("register", "register and audit entry (commit)"),
)


class Clock:
    """Seconds per phase of the current document."""

    def __init__(self, timer: Callable[[], float] = time.perf_counter) -> None:
        self.timer = timer
        self.now: dict[str, float] = defaultdict(float)
        self.docs: list[dict[str, float]] = []

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = self.timer()
        try:
            yield
        finally:
            self.now[name] += self.timer() - started

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        original = getattr(owner, attr)
        clock = self
        if _is_async(original):

            @functools.wraps(original)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                with clock.phase(name):
                    return await original(*args, **kwargs)

            setattr(owner, attr, timed_async)
        else:

            @functools.wraps(original)
            def timed(*args: Any, **kwargs: Any) -> Any:
                with clock.phase(name):
                    return original(*args, **kwargs)

            setattr(owner, attr, timed)

    def next_document(self) -> None:
        self.docs.append(dict(self.now))
        self.now.clear()


def _is_async(fn: Callable[..., Any]) -> bool:
    import inspect

    return inspect.iscoroutinefunction(fn)


def instrument(clock: Clock) -> None:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession
    from reportlab.pdfbase.ttfonts import TTFontFile

    from coachdesk.documents import pades

    clock.wrap(TTFontFile, "makeSubset", "font_subset")
    clock.wrap(GlyphAccumulator, "prepare_write", "stamp_font")
    clock.wrap(PdfSigningSession, "estimate_signature_container_size", "estimate")
    clock.wrap(pades._VaultKeySigner, "async_sign", "container")
    clock.wrap(pades._VaultKeySigner, "sign_raw", "key")


def run(docs: int, key: str, timer: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    source, _generated = cached_vault(1000)
    work = OUT / "work-profile"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work / "vault")
    vault = Vault.open(work / "vault", PASSPHRASE)
    clock = Clock(timer)
    try:
        services = Services(vault.sessions, actor="Benchmark")
        material = signing.create_identity("Benchmark Coach", algorithm=key)
        with vault.sessions() as s:
            org = s.query(Organisation).filter_by(kind=OrganisationKind.JOB_CENTRE).first()
            assert org is not None
            org_id = org.id
        services.exports._store(material, imported=False)
        instrument(clock)
        warmup = 3
        ids = sample_ids(vault.sessions, docs + warmup, seed=11)
        folder = work / "documents"
        folder.mkdir()
        for number, pid in enumerate(ids):
            one(services, clock, pid, org_id, folder / f"{number}.pdf")
            clock.next_document()
        counted = clock.docs[warmup:]
    finally:
        vault.lock()
        shutil.rmtree(work, ignore_errors=True)
    names = [name for name, _label in PHASES] + ["total"]
    return {n: statistics.median(d.get(n, 0.0) for d in counted) for n in names}


@functools.cache
def signer(material: signing.SigningMaterial) -> PadesSigner:
    """The key loaded once, as a batch worker holds it."""
    return PadesSigner(material)


def one(services: Services, clock: Clock, pid: int, org_id: int, path: Path) -> None:
    """One document as ``ExportService._export`` makes it, phase by phase."""
    ctx = services.ctx
    started = clock.timer()
    request = ExportRequest(
        participant_id=pid, document="exit_handover", organisation_id=org_id, purpose="Bench"
    )
    with clock.phase("filter"), ctx.read() as s:
        material = active_material(s)
        issuer = compose.Issuer(*document_issuer(s, ctx.actor), material)
        resolved = request.resolved(s, ctx.today())
        file = compose.filtered_file(s, resolved)
        data = compose.document_data(resolved, issuer, file)
    with clock.phase("layout"):
        pdf, box, _listed = compose.render(resolved.document_type, data)
    with clock.phase("sign"):
        signed = signer(material).sign(pdf, box, resolved.lang)
    with clock.phase("hash"):
        digest = hashlib.sha256(signed).hexdigest()
        hashlib.sha256(signed).digest()  # pyHanko's digest of the byte range, about the same
    made = _composed(resolved, file)
    with clock.phase("save"):
        save_atomically(path, signed)
    with clock.phase("register"), ctx.write() as s:
        log_export(s, ctx, resolved, made, digest, material)
    clock.now["total"] = clock.timer() - started


def report(figures: dict[str, float], key: str, cpu: bool = False) -> str:
    unit = "CPU ms" if cpu else "ms"
    lines = [f"One exit handover, {key.upper()} key (median {unit} per document):", ""]
    lines += ["| phase | ms |", "|---|---|"]
    for name, label in PHASES:
        lines.append(f"| {label} | {figures[name] * 1000:.1f} |")
    lines.append(f"| **total** | **{figures['total'] * 1000:.1f}** |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--key", choices=("ecdsa", "rsa"), default="ecdsa")
    parser.add_argument("--cpu", action="store_true", help="CPU time instead of wall time")
    args = parser.parse_args()
    timer = time.process_time if args.cpu else time.perf_counter
    print(report(run(args.docs, args.key, timer), args.key, args.cpu))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
