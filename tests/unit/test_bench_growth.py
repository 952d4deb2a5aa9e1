"""The benchmark's bookkeeping: growth between sizes, runs merged, shared vaults reused."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks import vaults
from benchmarks.growth import growth, growth_table
from benchmarks.run import merged
from coachdesk.vault.store import LOCK_NAME


def _result(size: int, search_p95: float, rss: float | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "participants": size,
        "workload": {"search": {"p95_s": search_p95}},
    }
    if rss is not None:
        result["views"] = {"peak_rss_mb": rss}
    return result


def test_growth_gives_each_figure_per_size_and_the_factor_for_five_times_the_data() -> None:
    results = [
        _result(100, 0.001, 200),
        _result(1000, 0.005, 260),
        _result(10_000, 0.08, 340),
        _result(50_000, 0.4, None),
    ]
    rows = {row["figure"]: row for row in growth(results)}
    search = rows["Search p95"]
    assert (search["1000"], search["10000"], search["50000"]) == (0.005, 0.08, 0.4)
    assert search["x5"] == 5.0
    assert "100" not in search
    memory = rows["Peak RSS, every view open and a save"]
    assert memory["50000"] is None and memory["x5"] is None
    table = growth_table(list(rows.values()))
    assert "| Search p95 | 5.0 ms | 80.0 ms | 400 ms | x5.0 |" in table
    assert "| Peak RSS, every view open and a save | 260 MB | 340 MB | – | – |" in table


def test_runs_merge_to_medians_maxima_and_pooled_samples() -> None:
    runs = [
        {"save": {"answer_s": [1.0, 3.0], "max_stall_after_s": 0.02}, "rows": 7, "x_s": 1.0},
        {"save": {"answer_s": [2.0], "max_stall_after_s": 0.05}, "rows": 7, "x_s": 3.0},
        {"save": {"answer_s": [4.0], "max_stall_after_s": 0.01}, "rows": 8, "x_s": None},
    ]
    assert merged(runs) == {
        "save": {"answer_s": [1.0, 3.0, 2.0, 4.0], "max_stall_after_s": 0.05},
        "rows": 7,
        "x_s": None,
    }


def test_a_shared_vault_is_used_when_complete_and_idle(
    template_vault: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared" / vaults.vault_name(10_000)
    shutil.copytree(template_vault[0], shared)
    monkeypatch.setenv(vaults.VAULTS_ENV, str(shared.parent))
    assert vaults.shared_vault(10_000) == shared
    assert vaults.shared_vault(1000) is None  # not there: made in benchmarks/out
    (shared / LOCK_NAME).write_text("1234")
    assert vaults.shared_vault(10_000) is None  # being made or open: not copied
    monkeypatch.delenv(vaults.VAULTS_ENV)
    (shared / LOCK_NAME).unlink()
    assert vaults.shared_vault(10_000) is None


def test_the_archive_sized_vault_has_a_name_of_its_own() -> None:
    assert vaults.vault_name(10_000) == "vault-10000-seed7"
    assert vaults.vault_name(50_000) == "vault-50000-seed7-archive"
