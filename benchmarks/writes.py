"""Committed writes: SQLCipher against plain SQLite, setting by setting (issue 14, "Writes").

    python -m benchmarks.writes            # the 1,000 and 10,000 vaults
    python -m benchmarks.writes 1000       # one size

A copy of the seeded benchmark vault and a plain copy exported from it (``sqlcipher_export``)
before anything is written get the same connection settings, the same engine and the same
sequence of saves (``workload.update_one``: open her record, save a changed language list,
one audit row, the search index kept in step). The two sides run interleaved,
one save on each side in turn (which side goes first alternates), so a busy neighbour on the
shared machine slows both alike. Printed per setting: median wall-clock ms per committed
write on each side and their ratio, the range of that ratio over each fifth of the run (how
far the noise moves it), the median CPU ms (this process only, so fsync waits are not in
it) and the WAL frames (pages) written per commit.

Vaults come from benchmarks.vaults.cached_vault (BENCH_VAULTS, else benchmarks/out);
WRITES_SAVES sets how many saves each side makes per setting (200).
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

from benchmarks import page_cache
from benchmarks.stats import summarise
from benchmarks.vaults import OUT, PASSPHRASE, cached_vault
from benchmarks.workload import (
    plain_connection,
    plain_copy,
    plain_sessions,
    sample_ids,
    update_one,
    write_sequence,
)
from coachdesk.facade import Services
from coachdesk.vault.engine import CONNECTION_PRAGMAS, engine_from, keyed_connection
from coachdesk.vault.keyslots import KeySlots
from coachdesk.vault.store import DB_NAME, SLOTS_NAME, Vault


@dataclass(frozen=True)
class Setting:
    """Overrides of the vault's connection settings, and how the pool hands out connections."""

    overrides: dict[str, str]
    lifo: bool = True

    @property
    def pragmas(self) -> tuple[str, ...]:
        return with_settings(self.overrides)


FULL_ON = {"synchronous": "FULL", "secure_delete": "ON"}
SETTINGS: dict[str, Setting] = {
    "FULL, secure_delete ON, pool in turn (until now)": Setting(FULL_ON, lifo=False),
    "FULL, secure_delete ON, pool last-returned (chosen)": Setting(FULL_ON),
    "NORMAL, secure_delete ON": Setting({"synchronous": "NORMAL", "secure_delete": "ON"}),
    "FULL, secure_delete FAST": Setting({"synchronous": "FULL", "secure_delete": "FAST"}),
    "NORMAL, secure_delete FAST": Setting({"synchronous": "NORMAL", "secure_delete": "FAST"}),
    "FULL, ON, no automatic checkpoint": Setting({**FULL_ON, "wal_autocheckpoint": "0"}),
    "OFF (no fsync at all: CPU only)": Setting({"synchronous": "OFF", "secure_delete": "ON"}),
}
"""What is measured; both sides always get the same setting. All but the first hand out
the connection returned last, as the vault's engine now does."""

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
    wal: Path | None = None

    @property
    def services(self) -> Services:
        return Services(self.sessions, actor="Benchmark")

    def checkpoint(self) -> None:
        with self.sessions() as s:
            s.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def fill_pool(self) -> None:
        """Two connections in the pool, as after any background job of the window."""
        engine = self.sessions.kw["bind"]
        with engine.connect() as one, engine.connect() as two:
            one.exec_driver_sql("SELECT 1")
            two.exec_driver_sql("SELECT 1")

    def close(self) -> None:
        self.checkpoint()
        self.sessions.kw["bind"].dispose()


@dataclass(frozen=True)
class Figures:
    """Medians per committed write: wall time (what she waits) and this process's CPU time."""

    wall_ms: tuple[float, float]
    p95_ms: tuple[float, float]
    cpu_ms: tuple[float, float]
    segment_ratios: tuple[float, float]
    frames: tuple[float, float] = (0.0, 0.0)

    @property
    def ratio(self) -> float:
        return self.wall_ms[0] / self.wall_ms[1]

    def as_json(self) -> dict[str, object]:
        return {
            "encrypted_ms": round(self.wall_ms[0], 3),
            "plain_ms": round(self.wall_ms[1], 3),
            "ratio": round(self.ratio, 3),
            "ratio_per_fifth": [round(r, 3) for r in self.segment_ratios],
            "cpu_ms": [round(c, 3) for c in self.cpu_ms],
        }

    def line(self, name: str) -> str:
        (enc, pla), (low, high) = self.wall_ms, self.segment_ratios
        (p95_enc, p95_pla), (cpu_enc, cpu_pla) = self.p95_ms, self.cpu_ms
        return (
            f"| {name} | {enc:.2f} | {pla:.2f} | **{self.ratio:.2f}x** | {low:.2f}–{high:.2f} "
            f"| {p95_enc:.1f} / {p95_pla:.1f} | {cpu_enc:.2f} / {cpu_pla:.2f} "
            f"({cpu_enc / cpu_pla:.2f}x) | {self.frames[0]:.1f} / {self.frames[1]:.1f} |"
        )


def timed_save(services: Services, participant_id: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    update_one(services, participant_id)
    return time.perf_counter() - wall, time.process_time() - cpu


def frames_per_commit(
    open_side: Callable[[Setting], Side], setting: Setting, pids: list[int]
) -> float:
    """Pages appended to the WAL per save, on a side opened without automatic checkpoints."""
    side = open_side(replace(setting, overrides={**setting.overrides, "wal_autocheckpoint": "0"}))
    assert side.wal is not None
    try:
        side.checkpoint()
        for pid in pids:
            update_one(side.services, pid)
        return (side.wal.stat().st_size - WAL_HEADER) / (FRAME_HEADER + PAGE) / len(pids)
    finally:
        side.close()


def compare(encrypted: Side, plain: Side, pids: list[int], segments: int = 5) -> Figures:
    """Save after save, alternating the side (and which side goes first in each pair)."""
    sides = (encrypted.services, plain.services)
    encrypted.fill_pool()
    plain.fill_pool()
    for services in sides:  # warm caches on both sides alike
        for pid in pids[:10]:
            update_one(services, pid)
    samples: tuple[list[tuple[float, float]], ...] = ([], [])
    for n, pid in enumerate(pids):
        for index in (0, 1) if n % 2 == 0 else (1, 0):
            samples[index].append(timed_save(sides[index], pid))
    walls = [[wall for wall, _ in side] for side in samples]
    cpus = [[cpu for _, cpu in side] for side in samples]
    step = max(1, len(pids) // segments)
    ratios = [
        statistics.median(walls[0][i : i + step]) / statistics.median(walls[1][i : i + step])
        for i in range(0, len(pids) - step + 1, step)
    ]
    return Figures(
        (statistics.median(walls[0]) * 1000, statistics.median(walls[1]) * 1000),
        (summarise(walls[0]).p95 * 1000, summarise(walls[1]).p95 * 1000),
        (statistics.median(cpus[0]) * 1000, statistics.median(cpus[1]) * 1000),
        (min(ratios), max(ratios)),
    )


def paired_figures(
    encrypted: sessionmaker[Session], plain: sessionmaker[Session], ids: list[int], saves: int = 200
) -> Figures:
    """``compare`` on two open databases that hold the same rows (for `make bench`)."""
    return compare(Side(encrypted), Side(plain), write_sequence(ids, count=saves))


def bench_size(size: int, saves: int) -> tuple[dict[str, Figures], str]:
    with tempfile.TemporaryDirectory(prefix="coachdesk-writes-") as tmp:
        path = Path(tmp) / "vault"
        shutil.copytree(cached_vault(size)[0], path)
        with Vault.open(path, PASSPHRASE) as vault:
            plain_db = plain_copy(vault, Path(tmp) / "plain.db")
            ids = sample_ids(vault.sessions, 50, current=True)
        pids = write_sequence(ids, count=saves)
        key = bytearray(KeySlots.load(path / SLOTS_NAME).unlock_with_passphrase(PASSPHRASE))

        def open_encrypted(setting: Setting) -> Side:
            db, pragmas = path / DB_NAME, setting.pragmas
            engine = engine_from(lambda: keyed_connection(db, key, pragmas), lifo=setting.lifo)
            return Side(sessionmaker(engine, expire_on_commit=False), path / f"{DB_NAME}-wal")

        def open_plain(setting: Setting) -> Side:
            sessions = plain_sessions(plain_db, setting.pragmas, lifo=setting.lifo)
            return Side(sessions, Path(f"{plain_db}-wal"))

        for open_side in (open_encrypted, open_plain):  # every row once grown to its size
            prime = open_side(Setting(FULL_ON))
            for pid in ids:
                update_one(prime.services, pid)
            prime.close()
        results = {}
        for name, setting in SETTINGS.items():
            encrypted, plain = open_encrypted(setting), open_plain(setting)
            try:
                figures = compare(encrypted, plain, pids)
            finally:
                encrypted.close()
                plain.close()
            frames = tuple(
                frames_per_commit(o, setting, pids[:20]) for o in (open_encrypted, open_plain)
            )
            results[name] = replace(figures, frames=frames)
            print(f"{size:,}: {results[name].line(name)}", file=sys.stderr, flush=True)
        cache = page_cache.summary(
            page_cache.cold_and_warm(lambda: keyed_connection(path / DB_NAME, key), ids),
            page_cache.cold_and_warm(lambda: plain_connection(plain_db), ids),
        )
        return results, cache


def table(size: int, results: dict[str, Figures]) -> str:
    lines = [
        f"{size:,} participants: ms per committed write (median), SQLCipher / plain",
        "| setting | encrypted ms | plain ms | ratio | ratio per fifth of the run "
        "| p95 ms enc. / plain | CPU ms enc. / plain | WAL pages per commit enc. / plain |",
        "|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join(lines + [figures.line(name) for name, figures in results.items()])


def main(argv: list[str]) -> int:
    sizes = [int(s) for s in (argv[0] if argv else "1000,10000").split(",") if s]
    saves = int(os.environ.get("WRITES_SAVES", "200"))
    OUT.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        results, cache = bench_size(size, saves)
        print(table(size, results), cache, sep="\n", end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
