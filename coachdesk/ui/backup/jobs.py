"""Backups off the UI thread, with progress; the vault is never locked under a running one.

The worker only calls the vault's backup functions and reports through signals that
Qt delivers on the UI thread, so no widget is touched from the worker. Every running
job is known here, so locking and quitting can wait for it (:func:`wait_for_backups`)
instead of closing the database under its feet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coachdesk.vault.backup import Progress

_running: set[BackupJob] = set()
_lock = threading.Lock()
_idle = threading.Condition(_lock)


class BackupSignals(QObject):
    progressed = Signal(int, int)
    """(pages done, pages in total)."""
    finished = Signal(object)
    """The :class:`BackupInfo` (or whatever the work returned)."""
    failed = Signal(object)
    """The exception the work raised."""


class BackupJob(QRunnable):
    """``work(progress)`` in the thread pool; keep a reference until a result signal arrives."""

    def __init__(self, work: Callable[[Progress], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = BackupSignals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progressed.emit)
        except Exception as exc:  # handed to the UI thread, which says what happened
            self._done()
            self.signals.failed.emit(exc)
        else:
            self._done()
            self.signals.finished.emit(result)

    def start(self) -> None:
        with _lock:
            _running.add(self)
        QThreadPool.globalInstance().start(self)

    def _done(self) -> None:
        with _lock:
            _running.discard(self)
            _idle.notify_all()


def backups_running() -> bool:
    with _lock:
        return bool(_running)


def wait_for_backups(timeout: float = 600.0) -> bool:
    """Block until no backup is running (before the vault closes); False on timeout."""
    with _lock:
        return _idle.wait_for(lambda: not _running, timeout)
