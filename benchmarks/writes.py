"""Committed writes: SQLCipher against plain SQLite, setting by setting (issue 14, "Writes").

    python -m benchmarks.writes            # the 1,000 and 10,000 vaults
    python -m benchmarks.writes 1000       # one size

A copy of the seeded benchmark vault and a plain copy exported from it (``sqlcipher_export``)
before anything is written get the same connection settings, the same engine and the same
sequence of saves (``workload.update_one``: open her record, save a changed language list,
one audit row, the search index kept in step). The two sides run interleaved in blocks,
alternating which goes first, so a busy neighbour on the shared machine slows both alike.
Printed per setting: median ms per committed write on each side, the ratio of the medians,
the range of the per-block ratios, and WAL frames (pages) written per commit.

Vaults come from BENCH_VAULT_DIR (default benchmarks/out, where `make bench` caches them);
WRITES_BLOCKS and WRITES_BLOCK set how many blocks of how many saves each side runs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from benchmarks.run import OUT, PASSPHRASE, SEED, cached_vault
from benchmarks.workload import plain_copy, plain_sessions, sample_ids, update_one, write_sequence
from coachdesk.facade import Services
from coachdesk.vault.engine import CONNECTION_PRAGMAS, make_engine
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.store import DB_NAME, SLOTS_NAME, Vault

SETTINGS: dict[str, dict[str, str]] = {
    "FULL, secure_delete ON (until now)": {"synchronous": "FULL", "secure_delete": "ON"},
    "NORMAL, secure_delete ON": {"synchronous": "NORMAL", "secure_delete": "ON"},
    "FULL, secure_delete FAST": {"synchronous": "FULL", "secure_delete": "FAST"},
    "NORMAL, secure_delete FAST": {"synchronous": "NORMAL", "secure_delete": "FAST"},
    "FULL, ON, no automatic checkpoint": {"synchronous": "FULL", "wal_autocheckpoint": "0"},
    "OFF (no fsync at all: CPU only)": {"synchronous": "OFF", "secure_delete": "ON"},
}
"""Overrides of the vault's connection settings; both sides always get the same ones."""

WAL_HEADER, FRAME_HEADER, PAGE = 32, 24, 4096


def with_settings(overrides: dict[str, str]) -> tuple[str, ...]:
    """The vault's PRAGMA lines with ``overrides`` replacing (or adding) settings by name."""
    names = [line.split("=")[0].strip() for line in CONNECTION_PRAGMAS]
    lines = [
        f"{name} = {overrides[name]}" if name in overrides else line
        for name, line in zip(names, CONNECTION_PRAGMAS, strict=True)
    ]
    return (*lines, *(f"{k} = {v}" for k, v in overrides.items() if k not in names))


@dataclass(frozen=True)
class Side:
    """One database (encrypted or plain) opened with one setting."""

    sessions: sessionmaker[Session]
    wal: Path

    @property
    def services(self) -> Services:
        return Services(self.sessions, actor="Benchmark")

    def checkpoint(self) -> None:
        with self.sessions() as s:
            s.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.checkpoint()
        self.sessions.kw["bind"].dispose()


@dataclass(frozen=True)
class Figures:
    encrypted_ms: float
    plain_ms: float
    ratio: float
    block_ratios: tuple[float, float]
    frames: tuple[float, float]

    def line(self, name: str) -> str:
        low, high = self.block_ratios
        return (
            f"| {name} | {self.encrypted_ms:.2f} | {self.plain_ms:.2f} | {self.ratio:.2f}x "
            f"| {low:.2f}–{high:.2f} | {self.frames[0]:.1f} / {self.frames[1]:.1f} |"
        )


def timed_save(services: Services, participant_id: int) -> float:
    started = time.perf_counter()
    update_one(services, participant_id)
    return time.perf_counter() - started


def frames_per_commit(
    open_side: Callable[[tuple[str, ...]], Side], pragmas: tuple[str, ...], pids: list[int]
) -> float:
    """Pages appended to the WAL per save, on a side opened without automatic checkpoints."""
    side = open_side((*pragmas, "wal_autocheckpoint = 0"))
    try:
        side.checkpoint()
        for pid in pids:
            update_one(side.services, pid)
        return (side.wal.stat().st_size - WAL_HEADER) / (FRAME_HEADER + PAGE) / len(pids)
    finally:
        side.close()


def compare(encrypted: Side, plain: Side, pids: list[int], blocks: int, block: int) -> Figures:
    for side in (encrypted, plain):  # warm caches and pools on both sides alike
        for pid in pids[:block]:
            update_one(side.services, pid)
    times: dict[int, list[float]] = {0: [], 1: []}
    ratios = []
    for b in range(blocks):
        chunk = pids[b * block : (b + 1) * block]
        per_block: dict[int, list[float]] = {}
        for index in (0, 1) if b % 2 == 0 else (1, 0):
            services = (encrypted, plain)[index].services
            per_block[index] = [timed_save(services, pid) for pid in chunk]
            times[index] += per_block[index]
        ratios.append(statistics.median(per_block[0]) / statistics.median(per_block[1]))
    enc, pla = statistics.median(times[0]), statistics.median(times[1])
    return Figures(enc * 1000, pla * 1000, enc / pla, (min(ratios), max(ratios)), (0.0, 0.0))


def source_vault(size: int) -> Path:
    folder = os.environ.get("BENCH_VAULT_DIR")
    path = Path(folder) / f"vault-{size}-seed{SEED}" if folder else cached_vault(size)[0]
    if not Vault.exists(path):
        raise SystemExit(f"no benchmark vault at {path}")
    return path


def bench_size(size: int, blocks: int, block: int) -> dict[str, Figures]:
    with tempfile.TemporaryDirectory(prefix="coachdesk-writes-") as tmp:
        path = Path(tmp) / "vault"
        shutil.copytree(source_vault(size), path)
        with Vault.open(path, PASSPHRASE) as vault:
            plain_db = plain_copy(vault, Path(tmp) / "plain.db")
            ids = sample_ids(vault.sessions, 50)
        pids = write_sequence(ids, count=block * (blocks + 1))
        key = bytearray(KeySlots.load(path / SLOTS_NAME).unlock_with_passphrase(PASSPHRASE))

        def open_encrypted(pragmas: tuple[str, ...]) -> Side:
            engine = make_engine(path / DB_NAME, key, pragmas)
            return Side(sessionmaker(engine, expire_on_commit=False), path / f"{DB_NAME}-wal")

        def open_plain(pragmas: tuple[str, ...]) -> Side:
            return Side(plain_sessions(plain_db, pragmas), Path(f"{plain_db}-wal"))

        results = {}
        for name, overrides in SETTINGS.items():
            pragmas = with_settings(overrides)
            encrypted, plain = open_encrypted(pragmas), open_plain(pragmas)
            try:
                figures = compare(encrypted, plain, pids, blocks, block)
            finally:
                encrypted.close()
                plain.close()
            frames = tuple(
                frames_per_commit(o, pragmas, pids[:20]) for o in (open_encrypted, open_plain)
            )
            results[name] = replace(figures, frames=frames)
            print(f"  {size}: {results[name].line(name)}", file=sys.stderr, flush=True)
        return results


def table(size: int, results: dict[str, Figures]) -> str:
    lines = [
        f"{size:,} participants: ms per committed write (median), SQLCipher / plain",
        "| setting | encrypted ms | plain ms | ratio | per-block ratios | WAL pages per commit |",
        "|---|---|---|---|---|---|",
    ]
    return "\n".join(lines + [figures.line(name) for name, figures in results.items()])


def main(argv: list[str]) -> int:
    sizes = [int(s) for s in (argv[0] if argv else "1000,10000").split(",") if s]
    blocks = int(os.environ.get("WRITES_BLOCKS", "10"))
    block = int(os.environ.get("WRITES_BLOCK", "10"))
    OUT.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        print(table(size, bench_size(size, blocks, block)), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
