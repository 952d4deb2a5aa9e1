"""A batch of documents made off the UI thread, with progress and a way to stop it.

The job calls the export service only; its progress and its end reach the dialog as
signals, which Qt delivers on the UI thread, so no widget is touched from the worker.
Cancelling sets an event the service checks between documents: the document being saved
is finished and registered, nothing after it is made.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coachdesk.export.batch_plan import BatchRequest
from coachdesk.export.service import ExportService


class BatchSignals(QObject):
    progressed = Signal(int, int)
    """Documents done (saved or skipped) and their total."""
    finished = Signal(object)
    """The service's BatchResult."""
    failed = Signal(object)
    """The exception the service raised before the first document (a refused folder)."""


class BatchJob(QRunnable):
    """Whoever starts it keeps a reference until ``finished`` or ``failed`` arrives."""

    def __init__(self, exports: ExportService, request: BatchRequest, folder: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.exports = exports
        self.request = request
        self.folder = folder
        self.signals = BatchSignals()
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            result = self.exports.export_batch(
                self.request, self.folder, progress=self.signals.progressed.emit, cancel=self.stop
            )
        except Exception as exc:  # handed to the UI thread, which shows or re-raises it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)

    def cancel(self) -> None:
        self.stop.set()
