"""Every benchmark module imports: `make bench` runs for half an hour before it reaches the last
one, so a name moved between modules must fail here, in `make test`, not there."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
MODULES = sorted(p.stem for p in BENCHMARKS.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_module_imports(name: str) -> None:
    importlib.import_module(f"benchmarks.{name}")


def test_the_benchmarks_are_found() -> None:
    assert {"run", "writes", "batch", "startup", "gui_views"} <= set(MODULES)
