"""The import's slow steps in the application's thread pool, with progress.

Reading and checking 20,000 rows, and storing them, take seconds: the dialog stays
responsive and shows progress. Each step is a :class:`BackgroundCall`, so locking the
vault (by hand or when idle) waits for a running import to end rather than closing the
database under it. The job calls only the import service; Qt delivers its progress and
its outcome to the dialog on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from coachdesk.imports.reader import Progress
from coachdesk.ui.export.worker import without_cyclic_gc
from coachdesk.ui.shell.busy import BackgroundCall


class ImportJobs(QObject):
    """One step at a time for the dialog."""

    progress = Signal(int, int)
    """(done, of all) of the current step; emitted from the worker, delivered queued."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.call = BackgroundCall(owner)

    @property
    def running(self) -> bool:
        return self.call.running

    def start(
        self,
        work: Callable[[Progress], object],
        text: str,
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> bool:
        """Run ``work(progress)`` off the UI thread; False while another step runs."""
        emit = self.progress.emit
        return self.call.start(without_cyclic_gc(lambda: work(emit)), text, done, failed)
