"""Slow document work off the UI thread.

The job only calls a service (which opens its own session for the call) and reports
back through signals; Qt delivers them to the dialog on the UI thread, so no widget is
ever touched from the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    finished = Signal(object)
    """The service's result."""
    failed = Signal(object)
    """The exception the service raised."""


_running: set[ServiceJob] = set()
_lock = threading.Lock()


class ServiceJob(QRunnable):
    """One service call in the application's thread pool.

    Whoever starts it keeps a reference until ``finished`` or ``failed`` arrives, so
    the signals object outlives the worker's last emit.
    """

    def __init__(self, work: Callable[[], object], signals: JobSignals | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = signals or JobSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which shows or re-raises it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            with _lock:
                _running.discard(self)

    def start(self) -> None:
        # Kept alive while it runs, even when whoever started it lets go (a view closed).
        with _lock:
            _running.add(self)
        QThreadPool.globalInstance().start(self)
