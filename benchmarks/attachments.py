"""Attachments at scale: a 20 MB scan attached, read and opened, a vault with 2 GB of papers.

Run by `make bench` (figures under "attachments" in results.json), or alone:
`python -m benchmarks.attachments` (ATTACH_TOTAL_MB=2048 by default). Scans are PDFs
with one full-page picture of random pixels: incompressible, like a colour scan, and
each one different, so nothing is stored only once.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.stats import measure
from coachdesk.demo.scans import one_page_pdf
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_records import AttachmentDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.backup import backup
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.store import SLOTS_NAME, Vault

PASSPHRASE = "Benchmark im Müttercafé 2026!"
MB = 1024 * 1024
SCAN = AttachmentDraft("Zeugnis (Scan)", DataCategory.LANGUAGES_QUALIFICATIONS)


def scan_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose page is an uncompressed RGB picture of random pixels."""
    side = int((megabytes * MB / 3) ** 0.5)
    pixels = os.urandom(side * side * 3)
    picture = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n"
        % (side, side, len(pixels))
        + pixels
        + b"\nendstream"
    )
    return one_page_pdf(
        b"<< /XObject << /Im1 5 0 R >> >>", b"q 595 0 0 842 0 0 cm /Im1 Do Q", picture
    )


def open_seconds(path: Path) -> dict[str, Any]:
    """Opening the database once the key is derived (the part that could grow with size)."""
    slots = KeySlots.load(path / SLOTS_NAME)
    key = slots.unlock_with_passphrase(PASSPHRASE)

    def open_database() -> None:
        Vault._open_with_key(path, slots, bytearray(key), migrate=True).lock()

    return measure(open_database, runs=7).as_json()


def run(folder: Path, total_mb: int = 2048, scan_mb: int = 20) -> dict[str, Any]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "vault"
    vault, _code = Vault.create(path, PASSPHRASE)
    services = Services(vault.sessions, actor="Benchmark")
    pid = services.participants.create(ParticipantDraft("Bench", "Mark")).id
    vault.lock()
    result: dict[str, Any] = {"scan_mb": scan_mb, "open_without_papers": open_seconds(path)}

    vault = Vault.open(path, PASSPHRASE)
    services = Services(vault.sessions, actor="Benchmark")
    scans = [scan_pdf(scan_mb) for _ in range(4)]
    timing = measure(lambda: services.attachments.add(pid, scans.pop(), SCAN), runs=3, warmup=1)
    result["attach_one_scan"] = timing.as_json()
    first = services.attachments.list_for_participant(pid)[0].id
    result["read_one_scan"] = measure(lambda: services.attachments.content(first), runs=5).as_json()

    started, added = time.perf_counter(), 4
    while added * scan_mb < total_mb:
        services.attachments.add(pid, scan_pdf(scan_mb), SCAN)
        added += 1
    result["fill_s"] = round(time.perf_counter() - started, 1)
    result["papers"] = added
    vault.lock()
    db_bytes = (path / "vault.db").stat().st_size
    result["database_mb"] = round(db_bytes / MB)
    result["open_with_papers"] = open_seconds(path)

    vault = Vault.open(path, PASSPHRASE)
    try:
        started = time.perf_counter()
        info = backup(vault, folder / "papers.cdbackup")
        seconds = time.perf_counter() - started
        result["backup_s"] = round(seconds, 1)
        result["backup_mb_per_s"] = round(db_bytes / MB / seconds, 1)
        result["backup_mb"] = round(info.size_bytes / MB)
        started = time.perf_counter()
        report = vault.integrity_check()
        result["integrity_check_s"] = round(time.perf_counter() - started, 1)
        result["integrity_ok"] = report.ok
    finally:
        vault.lock()
    shutil.rmtree(folder, ignore_errors=True)
    return result


def summary(r: dict[str, Any]) -> str:
    ms = 1000
    return "\n".join(
        [
            f"Attach one {r['scan_mb']} MB scan: {r['attach_one_scan']['median_s'] * ms:.0f} ms; "
            f"read it back (SHA-256 checked): {r['read_one_scan']['median_s'] * ms:.0f} ms",
            f"Open the database: {r['open_without_papers']['median_s'] * ms:.1f} ms empty, "
            f"{r['open_with_papers']['median_s'] * ms:.1f} ms with {r['database_mb']} MB "
            f"of papers ({r['papers']} scans)",
            f"Backup of {r['database_mb']} MB: {r['backup_s']} s ({r['backup_mb_per_s']} MB/s, "
            f"checked); integrity check {r['integrity_check_s']} s",
        ]
    )


def main() -> int:
    total = int(os.environ.get("ATTACH_TOTAL_MB", "2048"))
    result = run(Path(__file__).parent / "out" / "attachments", total_mb=total)
    print(json.dumps(result, indent=2))
    print(summary(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
