"""Today's first pages read off the UI thread, one list after the other.

Opening Today, the window answers at once: the sections show "loading" and each fills as
soon as its list is read (the meetings first, in a few milliseconds), while the longer
lists are still being read. A newer load (a click on Refresh, another day) makes the
pages of an older one arrive unheeded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from coachdesk.ui.export.worker import JobSignals, RunningWork, ServiceJob, without_cyclic_gc


class _LoadSignals(JobSignals):
    page = Signal(object)
    """``(serial, result)``, emitted in the worker, delivered on the UI thread."""


class PageLoader(QObject):
    """Emits ``page_read(result)`` for each read of the latest load (a ReminderPage per
    list, and whatever else the view reads with them), then ``loaded``; ``failed(exception)``
    if reading stopped with an error."""

    page_read = Signal(object)
    loaded = Signal()
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._serial = 0
        self._loading = False
        self._running = RunningWork()

    @property
    def loading(self) -> bool:
        """A load runs whose pages have not all arrived."""
        return self._loading

    def start(self, reads: Sequence[Callable[[], object]]) -> None:
        """Call each of ``reads`` in the thread pool, in this order."""
        self._serial += 1
        serial, self._loading = self._serial, True
        signals = _LoadSignals()
        signals.page.connect(self._page)
        signals.finished.connect(self._finished)
        reads = tuple(reads)

        def work() -> tuple[int, Exception | None]:
            try:
                for read in reads:
                    if serial != self._serial:
                        break  # a newer load runs: its pages are wanted, not these
                    signals.page.emit((serial, read()))
            except Exception as exc:  # handed to the UI thread with its load's number
                return serial, exc
            finally:
                self._running.ended()
            return serial, None

        self._running.started()
        ServiceJob(without_cyclic_gc(work), signals).start()

    def forget(self) -> None:
        """Pages of the load running now are dropped (the view is being emptied)."""
        self._serial += 1
        self._loading = False

    def wait(self, seconds: float = 10.0) -> bool:
        """Until no load runs (before the vault closes)."""
        return self._running.wait(seconds)

    def _page(self, result: tuple[int, object]) -> None:
        serial, page = result
        if serial == self._serial:
            self.page_read.emit(page)

    def _finished(self, result: tuple[int, Exception | None]) -> None:
        serial, exc = result
        if serial != self._serial or not self._loading:
            return  # an older load, or one forgotten: a newer one reports for itself
        self._loading = False
        if exc is None:
            self.loaded.emit()
        else:
            self.failed.emit(exc)
