"""Lists and saving at scale, with the real widgets offscreen.

For each size: the first rows of the participant list, Contacts, Modules and Reports at
their first opening; search p50/p95 as typed into the participant list; and saving one
participant through her file's save with every view of the main window built, until the
event loop is idle again (a 0 ms timer posted after the save has fired). Run alone:

    python -m benchmarks.lists_views [10000 50000]

Each function returns seconds, so ``benchmarks.run`` can call them on its own vaults.
Vaults are copies of benchmarks.vaults.cached_vault(SIZE) (``BENCH_VAULTS`` or benchmarks/out).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.stats import summarise
from benchmarks.vaults import cached_vault
from benchmarks.workload import sample_ids, search_queries

PASSPHRASE = "Benchmark im Müttercafé 2026!"
TIMEOUT_S = 120.0


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def wait_until(condition: Callable[[], bool], timeout: float = TIMEOUT_S) -> float:
    """Process events until ``condition`` holds; the seconds it took."""
    app = _app()
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the view never showed its rows")
        time.sleep(0.0005)
    return time.perf_counter() - started


def idle_after(action: Callable[[], object]) -> float:
    """Seconds from ``action`` until the event loop has handled what it posted and is idle."""
    from PySide6.QtCore import QEventLoop, QTimer

    _app()
    loop = QEventLoop()
    started = time.perf_counter()
    action()
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    return time.perf_counter() - started


@contextmanager
def vault_copy(size: int) -> Iterator[Any]:
    """Services on a fresh copy of the benchmark vault of ``size`` participants."""
    from coachdesk.facade import Services
    from coachdesk.vault.store import Vault

    source = cached_vault(size)[0]
    with tempfile.TemporaryDirectory(prefix="lists-bench-") as tmp:
        path = Path(tmp) / source.name
        shutil.copytree(source, path, ignore=shutil.ignore_patterns("vault.lock"))
        vault = Vault.open(path, PASSPHRASE)
        try:
            yield vault, Services(vault.sessions, actor="Benchmark")
        finally:
            vault.lock()


def _rows_shown(view: Any) -> int:
    """Rows of the view's main table (the one a coach looks at first). By the view's class
    name: importing the four views here made the first measured opening pay for importing
    the report and document modules (half a second)."""
    kind = type(view).__name__
    if kind == "ParticipantsView":
        return int(view.model.rowCount())
    if kind == "ModulesView":
        return int(view.table.model.rowCount())
    if kind == "ContactsView":
        return int(view.organisations.model.rowCount())
    if kind == "ReportsView":
        return int(view.quarterly.table.model.rowCount())
    raise TypeError(kind)


def _open_view(services: Any, key: str) -> tuple[Any, Any]:
    """Build the view ``key`` as the main window does, and show it."""
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.ui.shell.view_pages import LAZY_VIEWS, load_view

    signals = AppSignals()
    services.subscribe(signals.publish)
    if key == "participants":
        from coachdesk.ui.participants.view import ParticipantsView

        view: Any = ParticipantsView(services, signals)
    else:
        assert key in LAZY_VIEWS, key
        view = load_view(key, services, signals, lambda _pid: None)
    view.resize(1200, 800)
    view.show()
    return view, signals


def _close_view(services: Any, view: Any, signals: Any) -> None:
    from PySide6.QtCore import QThreadPool

    wait_until(lambda: _rows_shown(view) > 0)
    QThreadPool.globalInstance().waitForDone(int(TIMEOUT_S * 1000))  # no work left running
    services.ctx.listeners.remove(signals.publish)
    view.close()
    view.deleteLater()
    signals.deleteLater()
    _delete_later_now()


def _delete_later_now() -> None:
    """Delete what deleteLater() marked (processEvents alone leaves it for the event loop)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def first_rows(services: Any, key: str) -> float:
    """Seconds from building and showing the view ``key`` until its first rows are shown."""
    _app()
    started = time.perf_counter()
    view, signals = _open_view(services, key)
    wait_until(lambda: _rows_shown(view) > 0)
    seconds = time.perf_counter() - started
    _close_view(services, view, signals)
    return seconds


def blocked_on_opening(services: Any, key: str) -> float:
    """Seconds the UI thread is held when the view ``key`` is first opened (building it,
    showing it, and the events that posts), before she can act again."""
    _app()
    started = time.perf_counter()
    view, signals = _open_view(services, key)
    idle_after(lambda: None)
    seconds = time.perf_counter() - started
    _close_view(services, view, signals)
    return seconds


def search_seconds(services: Any, queries: list[str]) -> list[float]:
    """Seconds per query typed into the participant list until its first matches are shown
    (or the empty state, when nothing matches)."""
    from coachdesk.ui.participants.view import ParticipantsView
    from coachdesk.ui.shell.signals import AppSignals

    _app()
    view = ParticipantsView(services, AppSignals())
    view.show()
    samples = []
    for query in queries:
        view.search.setText(query)
        started = time.perf_counter()
        view.refresh()  # what the debounce timer calls after her last keystroke
        wait_until(lambda: not getattr(view, "loading", False))
        samples.append(time.perf_counter() - started)
    view.close()
    view.deleteLater()
    _delete_later_now()
    return samples


def main_window_with_every_view(services: Any, vault: Any) -> Any:
    """The main window with every view built, as after a day of work."""
    from PySide6.QtCore import QSettings

    from coachdesk.ui.shell.main_window import MainWindow
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.ui.shell.view_pages import VIEWS

    _app()
    signals = AppSignals()
    services.subscribe(signals.publish)
    settings_dir = tempfile.mkdtemp(prefix="lists-bench-settings-")
    settings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, vault, signals, settings)
    window.resize(1200, 800)
    window.show()
    for key, _title in VIEWS:
        window.show_view(key)
        window.view(key)
        wait_until(lambda: True)
    window.show_view("participants")
    wait_until(lambda: window.participants.model.rowCount() > 0)
    return window


def save_seconds(window: Any, participant_id: int, runs: int = 5) -> list[float]:
    """Seconds for saving one change in her file (Ctrl+S's path) until the window is idle."""
    window.open_participant(participant_id)
    file = window.files[participant_id].file
    samples = []
    for n in range(runs):
        form = file.overview.form
        record = file.overview.record
        form.set_record(replace(record, languages=f"Deutsch, Englisch {n}"))
        file.overview.set_dirty(True)
        samples.append(idle_after(file.save))
        wait_until(lambda: True)  # let workers' results arrive before the next run
        time.sleep(0.5)
        wait_until(lambda: True)
    window.files[participant_id].close()
    return samples


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figures(size: int) -> dict[str, Any]:
    with vault_copy(size) as (vault, services):
        result: dict[str, Any] = {"size": size}
        for key in ("participants", "contacts", "modules", "reports"):
            runs = [first_rows(services, key) for _ in range(3)]
            result[f"first_rows_{key}_s"] = summarise(runs).median
            result[f"first_rows_{key}_first_s"] = runs[0]
            blocked = [blocked_on_opening(services, key) for _ in range(3)]
            result[f"blocked_opening_{key}_s"] = summarise(blocked).median
        search = search_seconds(services, search_queries(vault.sessions, count=60))
        timing = summarise(search)
        result["search_p50_s"], result["search_p95_s"] = timing.median, timing.p95
        window = main_window_with_every_view(services, vault)
        pid = sample_ids(vault.sessions, 1, seed=13, current=True)[0]
        saves = save_seconds(window, pid)
        result["save_median_s"] = summarise(saves).median
        result["save_max_s"] = max(saves)
        window.dispose()
        services.ctx.listeners.remove(window.signals.publish)
        result["peak_rss_mb"] = peak_rss_mb()
    return result


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [10_000, 50_000]
    for size in sizes:
        row = figures(size)
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
