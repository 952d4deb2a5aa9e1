"""Today and Meetings "all" at scale: the service calls and the first rows of the real widgets.

    python -m benchmarks.lists_today [sizes]     (default: 10000 50000)

Works on a copy of each benchmark vault (benchmarks.vaults.cached_vault: ``BENCH_VAULTS``
if set, else benchmarks/out, generated when missing) in a temporary folder, offscreen.
"First rows" is the time from calling the view's ``refresh()`` until its model holds rows,
Qt's events processed in between (a view that loads on a worker thread counts its wait
too). Prints one JSON object per size.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.stats import measure, summarise
from benchmarks.vaults import DEMO_TODAY, cached_vault
from coachdesk.facade import Services
from coachdesk.vault.store import Vault

PASSPHRASE = "Benchmark im Müttercafé 2026!"
HERE = Path(__file__).parent


def first_rows(start: Callable[[], None], ready: Callable[[], bool], runs: int = 5) -> Any:
    from PySide6.QtWidgets import QApplication

    samples = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        start()
        while not ready():
            QApplication.processEvents()
        QApplication.processEvents()
        samples.append(time.perf_counter() - started)
        # Let a worker that loads more (counts, further pages) finish before the next run.
        deadline = time.perf_counter() + 0.5
        while time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
    return summarise(samples[1:]).as_json()


def service_figures(services: Services) -> dict[str, Any]:
    reminders, meetings = services.reminders, services.meetings
    result: dict[str, Any] = {}
    if hasattr(reminders, "first_page"):
        # What the view reads on the UI thread (a page of each list), and what its worker
        # counts meanwhile.
        page = reminders.first_page(count=False)
        result["today_first_page"] = measure(lambda: reminders.first_page(count=False)).as_json()
        result["today_counts"] = measure(reminders.counts).as_json()
        result["today_shown_of_total"] = [page.shown, sum(reminders.counts().values())]
    else:
        overview = reminders.today()
        result["today_full"] = measure(reminders.today).as_json()
        result["today_entries"] = overview.count
    if hasattr(meetings, "page"):
        result["meetings_all_page"] = measure(lambda: meetings.page(limit=200)).as_json()
    result["meetings_all_full"] = measure(meetings.list, runs=3).as_json()
    return result


def widget_figures(services: Services) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from coachdesk.ui.meetings.view import ALL, MeetingsView
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.ui.today.view import TodayView

    QApplication.instance() or QApplication([])
    signals = AppSignals()
    services.subscribe(signals.publish)
    today = TodayView(services, signals)
    today.resize(1000, 700)
    today.show()
    result = {"today_first_rows": first_rows(today.refresh, lambda: today.model.item_count() > 0)}
    meetings = MeetingsView(services, signals)
    meetings.resize(1000, 700)
    meetings.show()
    meetings.range.setCurrentIndex(ALL)

    def all_meetings() -> None:
        meetings.table.model.set_rows([])
        meetings.refresh()

    result["meetings_all_first_rows"] = first_rows(
        all_meetings, lambda: meetings.table.model.rowCount() > 0
    )
    today.clear()
    meetings.clear()
    today.deleteLater()
    meetings.deleteLater()
    QApplication.processEvents()
    return result


def bench(size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="coachdesk-lists-") as tmp:
        path = Path(tmp) / "vault"
        shutil.copytree(cached_vault(size)[0], path)
        vault = Vault.open(path, PASSPHRASE)
        try:
            services = Services(
                vault.sessions, actor="Benchmark", today=lambda: DEMO_TODAY, vault=vault
            )
            return {
                "participants": size,
                **service_figures(services),
                **widget_figures(services),
            }
        finally:
            vault.lock()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [int(a) for a in argv] or [10000, 50000]
    for size in sizes:
        print(json.dumps(bench(size)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
