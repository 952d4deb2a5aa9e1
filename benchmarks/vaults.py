"""The seeded demo vaults the benchmarks run on: made once, cached, never written to.

Each size is generated once into benchmarks/out/ (the 50,000 vault takes one to two
minutes). ``BENCH_VAULTS=/some/folder`` names a folder of vaults made earlier by the same
generator (``vault_name``) to use instead, so that several people on one machine
need not each make their own; a benchmark copies a vault before working on it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from pathlib import Path

from coachdesk.demo.generate import RECENT_FILES, generate_demo
from coachdesk.vault.store import LOCK_NAME, Vault

HERE = Path(__file__).parent
OUT = HERE / "out"
PASSPHRASE = "Benchmark im Müttercafé 2026!"
SEED = 7
DEMO_TODAY = dt.date(2026, 11, 1)
VAULTS_ENV = "BENCH_VAULTS"


def vault_name(size: int) -> str:
    """Beyond RECENT_FILES the demo adds an older archive (since 2026-12-07): a new name, so
    a vault made by the earlier generator (all 50,000 files recent) is not taken for it."""
    archive = "-archive" if size > RECENT_FILES else ""
    return f"vault-{size}-seed{SEED}{archive}"


def shared_vault(size: int) -> Path | None:
    """The vault of ``size`` in the folder ``BENCH_VAULTS`` names, if it is there and idle."""
    folder = os.environ.get(VAULTS_ENV)
    if not folder:
        return None
    path = Path(folder) / vault_name(size)
    if not Vault.exists(path):
        return None
    if (path / LOCK_NAME).exists():
        # Still being generated, or open somewhere: a copy could be half a vault.
        print(f"{path} is in use; generating our own", file=sys.stderr, flush=True)
        return None
    return path


def cached_vault(size: int) -> tuple[Path, float | None]:
    """The seeded demo vault of ``size`` participants; generation seconds if made now.

    Generated into a folder of its own and renamed when complete, so a run stopped
    halfway never leaves a partial vault that a later run would take for the whole.
    """
    shared = shared_vault(size)
    if shared is not None:
        return shared, None
    path = OUT / vault_name(size)
    if Vault.exists(path):
        return path, None
    partial = OUT / f"{vault_name(size)}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(path, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"== generating the {size:,} participant vault", file=sys.stderr, flush=True)
    vault, _code = Vault.create(partial, PASSPHRASE)
    started = time.perf_counter()
    try:
        generate_demo(vault, participants=size, seed=SEED, today=DEMO_TODAY)
    finally:
        vault.lock()
    seconds = time.perf_counter() - started
    partial.rename(path)
    return path, seconds
