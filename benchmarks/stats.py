"""Timing helpers: warm-up, repetitions, median and p95."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Seconds over ``runs`` repetitions after warm-up."""

    median: float
    p95: float
    runs: int

    def as_json(self) -> dict[str, float | int]:
        return {"median_s": round(self.median, 5), "p95_s": round(self.p95, 5), "runs": self.runs}


def summarise(samples: list[float]) -> Timing:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(0.95 * (len(ordered) - 1))))
    return Timing(statistics.median(ordered), ordered[index], len(ordered))


def measure(fn: Callable[[], object], *, runs: int = 5, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return summarise(samples)


def measure_each(fns: list[Callable[[], object]], *, warmup: int = 3) -> Timing:
    """Time each callable once (e.g. 200 different search queries)."""
    for fn in fns[:warmup]:
        fn()
    samples = []
    for fn in fns:
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return summarise(samples)
