"""`make bench`: CoachDesk at 100, 1,000, 10,000 and 50,000 participants, with peers.

Writes benchmarks/results.json and prints a table, and how each figure grows from 1,000
to 10,000 to 50,000 (benchmarks.growth). Sizes can be narrowed with BENCH_SIZES=100,1000;
the attachments benchmark (a vault with 2 GB of papers) is sized with ATTACH_TOTAL_MB and
left out with ATTACH_TOTAL_MB=0; BENCH_GUI_RUNS (default 2) is how often the window with
every view open is measured per size (benchmarks.gui_views). Vaults are generated once
(seeded) and cached in benchmarks/out/, or taken from the folder BENCH_VAULTS names
(benchmarks.vaults); each run works on a copy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import attachments, startup
from benchmarks.batch import batch_figures
from benchmarks.batch import summary as batch_summary
from benchmarks.growth import growth, growth_table
from benchmarks.stats import measure, summarise

# Re-exported: batch.py and document_profile.py import them from here.
from benchmarks.vaults import OUT as OUT
from benchmarks.vaults import PASSPHRASE as PASSPHRASE
from benchmarks.vaults import cached_vault as cached_vault
from benchmarks.workload import plain_copy, plain_sessions, run_workload, sample_ids
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models import Organisation
from coachdesk.models.enums import OrganisationKind
from coachdesk.vault.backup import backup
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.store import SLOTS_NAME, Vault

HERE = Path(__file__).parent
SIZES = "100,1000,10000,50000"


def unlock_figures(path: Path) -> dict[str, Any]:
    slots = KeySlots.load(path / SLOTS_NAME)
    kdf = measure(lambda: slots.unlock_with_passphrase(PASSPHRASE), runs=5)
    key = slots.unlock_with_passphrase(PASSPHRASE)

    def open_database() -> None:
        Vault._open_with_key(path, slots, bytearray(key), migrate=True).lock()

    return {"key_derivation": kdf.as_json(), "open_database": measure(open_database).as_json()}


def pdf_figures(services: Services, vault: Vault) -> dict[str, Any]:
    exports = ExportService(services.ctx)
    if exports.current_identity() is None:
        exports.create_identity("Benchmark Coach")
    with vault.sessions() as s:
        job_centre = s.query(Organisation).filter_by(kind=OrganisationKind.JOB_CENTRE).first()
        assert job_centre is not None
        org_id = job_centre.id
    ids = sample_ids(vault.sessions, 100, seed=11)

    def one(pid: int) -> None:
        exports.export(
            ExportRequest(
                participant_id=pid,
                document="exit_handover",
                organisation_id=org_id,
                contact_id=None,
                purpose="Benchmark",
                lang="de",
            )
        )

    single = measure(lambda: one(ids[0]), runs=5)
    started = time.perf_counter()
    for pid in ids:
        one(pid)
    batch = time.perf_counter() - started
    return {"one_signed_pdf": single.as_json(), "batch_100_s": round(batch, 3)}


def backup_figures(vault: Vault, folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(100))

    def one() -> None:
        backup(vault, folder / f"bench-{next(counter)}.cdbackup")

    timing = measure(one, runs=3, warmup=0)
    size = max(p.stat().st_size for p in folder.iterdir())
    return {"backup": timing.as_json(), "backup_bytes": size}


def gui_figures(path: Path, runs: int = 3) -> dict[str, Any]:
    """Launch-to-list wall time (from before the process starts) and peak RSS, via time -v."""
    env = {**os.environ, "COACHDESK_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    samples, rss, kdf = [], [], []
    for _ in range(runs):
        started = time.time()
        proc = subprocess.run(
            ["/usr/bin/time", "-v", sys.executable, "-m", "benchmarks.gui_launch", str(path)],
            capture_output=True,
            text=True,
            env=env,
            cwd=HERE.parent,
            timeout=600,
            check=True,
        )
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        samples.append(result["ready"] - started)
        kdf.append(result["kdf_s"])
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        rss.append(int(match.group(1)) / 1024 if match else float("nan"))
    launch = summarise(samples)
    return {
        "launch_to_list": launch.as_json(),
        "launch_to_list_without_kdf_s": round(launch.median - sorted(kdf)[len(kdf) // 2], 3),
        "peak_rss_mb": round(max(rss), 1),
    }


def view_figures(path: Path, runs: int) -> dict[str, Any]:
    """Every view opened, then a save with all of them open (benchmarks.gui_views), ``runs``
    times in fresh processes (``merged``); the saves of all runs pooled."""
    env = {**os.environ, "COACHDESK_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    samples = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.gui_views", str(path), "--in-place"],
            capture_output=True,
            text=True,
            env=env,
            cwd=HERE.parent,
            timeout=900,
            check=True,
        )
        samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    figures: dict[str, Any] = merged(samples)
    answers = figures["save"]["answer_s"]
    figures["save"]["median_answer_s"] = round(statistics.median(answers), 4)
    return figures


def merged(samples: list[Any], key: str = "") -> Any:
    """Dicts key by key; lists pooled; "max_", "longest_" and "peak_" figures their maximum,
    other numbers their median (None if a run had none)."""
    first = samples[0]
    if isinstance(first, dict):
        return {k: merged([s[k] for s in samples], k) for k in first}
    if isinstance(first, list):
        return [value for s in samples for value in s]
    if any(s is None for s in samples):
        return None
    if key.startswith(("max_", "longest_", "peak_")):
        return max(samples)
    if all(isinstance(s, int) for s in samples):
        return statistics.median_low(samples)
    return round(statistics.median(samples), 4)


def bench_size(size: int) -> dict[str, Any]:
    source, generated = cached_vault(size)
    work = OUT / f"work-{size}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work / "vault")
    path = work / "vault"
    print(f"== {size} participants", file=sys.stderr, flush=True)
    result: dict[str, Any] = {"participants": size}
    if generated is not None:
        result["demo_generation_s"] = round(generated, 2)
    result["unlock"] = unlock_figures(path)
    result["gui"] = gui_figures(path)
    # Where start-up goes: to the unlock window, and from Unlock to the list (benchmarks.startup).
    result["startup"] = startup.run(path, runs=3, typing_s=1.0, lang="de", view="participants")
    result["views"] = view_figures(path, runs=int(os.environ.get("BENCH_GUI_RUNS", "2")))
    vault = Vault.open(path, PASSPHRASE)
    try:
        services = Services(vault.sessions, actor="Benchmark")
        # The plain copy is made before either side writes, so both hold the same rows.
        plain_db = plain_copy(vault, work / "plain.db")
        encrypted = run_workload(vault.sessions)
        result["workload"] = encrypted.as_json()
        plain_db_sessions = plain_sessions(plain_db)
        plain = run_workload(plain_db_sessions)
        result["plain_sqlite"] = plain.as_json()
        result["sqlcipher_cost"] = {
            key: round(getattr(encrypted, key).median / max(getattr(plain, key).median, 1e-9), 2)
            for key in encrypted.__dataclass_fields__
        }
        # The write ratio from saves on both sides in turn (benchmarks.writes; imported here,
        # as benchmarks.writes imports this module).
        from benchmarks.writes import paired_figures

        written = sample_ids(vault.sessions, 50, current=True)
        paired = paired_figures(vault.sessions, plain_db_sessions, written)
        result["writes_interleaved"] = paired.as_json()
        result["sqlcipher_cost"]["writes"] = round(paired.ratio, 2)
        result["pdf"] = pdf_figures(services, vault)
        result["backup"] = backup_figures(vault, work / "backups")
        if size == 1000:
            # Batch, one by one and LibreOffice on the same 100 participants (benchmarks.batch).
            result["batch"] = batch_figures(services, work / "batch")
            office = result["batch"].get("office_peer")
            if office is not None:
                result["office_peer"] = office
                result["office_ratio_one_document"] = round(
                    office["one_document_s"] / result["pdf"]["one_signed_pdf"]["median_s"], 2
                )
    finally:
        vault.lock()
    shutil.rmtree(work, ignore_errors=True)
    return result


def table(results: list[dict[str, Any]]) -> str:
    def ms(value: float) -> str:
        return f"{value * 1000:.1f} ms"

    rows = [
        ("Key derivation (Argon2id)", lambda r: ms(r["unlock"]["key_derivation"]["median_s"])),
        ("Open database (beyond KDF)", lambda r: ms(r["unlock"]["open_database"]["median_s"])),
        ("Launch to participant list", lambda r: ms(r["gui"]["launch_to_list"]["median_s"])),
        ("  of which not KDF", lambda r: ms(r["gui"]["launch_to_list_without_kdf_s"])),
        ("Unlock window visible", lambda r: ms(r["startup"]["to_window"])),
        ("Unlock pressed to list, beyond KDF", lambda r: ms(r["startup"]["to_list_without_kdf"])),
        ("Search p50", lambda r: ms(r["workload"]["search"]["median_s"])),
        ("Search p95", lambda r: ms(r["workload"]["search"]["p95_s"])),
        ("Participant file p50", lambda r: ms(r["workload"]["participant_file"]["median_s"])),
        ("Participant file p95", lambda r: ms(r["workload"]["participant_file"]["p95_s"])),
        ("Today overview", lambda r: ms(r["workload"]["today"]["median_s"])),
        ("One signed PDF", lambda r: ms(r["pdf"]["one_signed_pdf"]["median_s"])),
        ("100 signed PDFs one by one, kept", lambda r: f"{r['pdf']['batch_100_s']:.1f} s"),
        ("Backup", lambda r: ms(r["backup"]["backup"]["median_s"])),
        ("Save, every view open: answers", lambda r: ms(r["views"]["save"]["median_answer_s"])),
        ("Save: longest stall after", lambda r: ms(r["views"]["save"]["max_stall_after_s"])),
        ("Peak RSS of the window", lambda r: f"{r['gui']['peak_rss_mb']:.0f} MB"),
        ("Peak RSS, every view open", lambda r: f"{r['views']['peak_rss_mb']:.0f} MB"),
        ("SQLCipher / plain: search", lambda r: f"{r['sqlcipher_cost']['search']:.2f}x"),
        ("SQLCipher / plain: file", lambda r: f"{r['sqlcipher_cost']['participant_file']:.2f}x"),
        ("SQLCipher / plain: today", lambda r: f"{r['sqlcipher_cost']['today']:.2f}x"),
        ("SQLCipher / plain: list all", lambda r: f"{r['sqlcipher_cost']['list_all']:.2f}x"),
        ("SQLCipher / plain: one write", lambda r: f"{r['sqlcipher_cost']['writes']:.2f}x"),
    ]
    header = "| measure | " + " | ".join(f"{r['participants']:,}" for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]
    for name, get in rows:
        lines.append(f"| {name} | " + " | ".join(get(r) for r in results) + " |")
    for r in results:
        if "batch" in r:
            lines += ["", f"Documents in batches ({r['participants']:,} vault):"]
            lines.append(batch_summary(r["batch"]))
        if "office_peer" in r:
            o = r["office_peer"]
            lines.append("")
            lines.append(
                f"LibreOffice peer ({r['participants']:,} vault): one document "
                f"{o['one_document_s']:.2f} s (a cold soffice start), 100 documents in one call "
                f"{o['batch_100_s']:.1f} s; CoachDesk's signed PDF is "
                f"{r['office_ratio_one_document']:.0f}x faster for one document."
            )
    return "\n".join(lines)


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", SIZES).split(",") if s]
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = [bench_size(size) for size in sizes]
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        },
        "results": results,
        "growth": growth(results),
    }
    if os.environ.get("ATTACH_TOTAL_MB", "2048") != "0":
        print("== attachments", file=sys.stderr, flush=True)
        total = int(os.environ.get("ATTACH_TOTAL_MB", "2048"))
        report["attachments"] = attachments.run(OUT / "attachments", total_mb=total)
    report["total_s"] = round(time.perf_counter() - started)
    (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    if len([r for r in report["growth"][0] if r.isdigit()]) > 1:
        print("\nGrowth with the archive (10,000 → 50,000 is five times the data):")
        print(growth_table(report["growth"]))
    if "attachments" in report:
        print()
        print(attachments.summary(report["attachments"]))
    print(f"\nWhole run: {report['total_s'] / 60:.0f} minutes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
