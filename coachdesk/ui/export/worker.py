"""Slow document work off the UI thread.

The job only calls a service (which opens its own session for the call) and reports
back through signals; Qt delivers them to the dialog on the UI thread, so no widget is
ever touched from the worker.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


class JobSignals(QObject):
    finished = Signal(object)
    """The service's result."""
    failed = Signal(object)
    """The exception the service raised."""


T = TypeVar("T")
_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


def without_cyclic_gc(work: Callable[[], T]) -> Callable[[], T]:
    """``work`` with Python's cyclic garbage collector paused while it runs.

    The collector runs in whichever thread happens to allocate; in a worker it would
    destroy Qt objects of the UI thread left in reference cycles (a closed view's), which
    crashes. Paused for as long as any such work runs, then back as it was.
    """

    def run() -> T:
        global _gc_pauses, _gc_was_enabled
        with _lock:
            if _gc_pauses == 0:
                _gc_was_enabled = gc.isenabled()
                gc.disable()
            _gc_pauses += 1
        try:
            return work()
        finally:
            with _lock:
                _gc_pauses -= 1
                if _gc_pauses == 0 and _gc_was_enabled:
                    gc.enable()

    return run


class RunningWork:
    """How many pieces of work a view has running in the pool; :meth:`wait` until none has
    (a view waits before the vault closes under its jobs)."""

    def __init__(self) -> None:
        self._idle = threading.Condition()
        self._count = 0

    def started(self) -> None:
        with self._idle:
            self._count += 1

    def ended(self) -> None:
        with self._idle:
            self._count -= 1
            self._idle.notify_all()

    def wait(self, seconds: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, seconds)


POOL_THREADS = 4


def widen_thread_pool() -> None:
    """At least POOL_THREADS threads in the application's pool. Right after unlock the
    signing key, the daily backup, Today's lists and their counts all go there: with one
    thread per core (two on many laptops) the lists would queue behind a backup. The jobs
    mostly wait on the disk or run in C without Python's lock."""
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(POOL_THREADS, pool.maxThreadCount()))


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

    def start(self) -> None:
        _keeper().hold(self)
        QThreadPool.globalInstance().start(self)


class _Keeper(QObject):
    """Keeps started jobs alive, even when whoever started one lets go (a view closed).

    A job is let go on the UI thread a second after its result arrived: by then its worker
    has left ``run``, so neither the job nor its signals object is ever destroyed by the
    worker thread (Qt objects must die in the thread they live in).
    """

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[JobSignals, ServiceJob] = {}

    def hold(self, job: ServiceJob) -> None:
        self.jobs[job.signals] = job
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._done)

    def _done(self, _result: object) -> None:
        job = self.jobs.get(self.sender())  # type: ignore[call-overload]
        if job is not None:
            QTimer.singleShot(1000, self, lambda: self.jobs.pop(job.signals, None))


_the_keeper: list[_Keeper] = []


def _keeper() -> _Keeper:
    if not _the_keeper:
        _the_keeper.append(_Keeper())
    return _the_keeper[0]
