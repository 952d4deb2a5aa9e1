"""A batch of documents made off the UI thread, with progress and a way to stop it.

The job calls the export service only; its progress and its end reach the dialog as
signals, which Qt delivers on the UI thread, so no widget is touched from the worker.
Cancelling sets an event the service checks between documents: the document being saved
is finished and registered, nothing after it is made.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal

from coachdesk.export.batch_plan import BatchRequest
from coachdesk.export.service import ExportService
from coachdesk.ui.export.worker import JobSignals, ServiceJob


class BatchSignals(JobSignals):
    progressed = Signal(int, int)
    """Documents done (saved or skipped) and their total."""
    # finished: the service's BatchResult; failed: the exception it raised before the first
    # document (a refused folder).


class BatchJob(ServiceJob):
    """Whoever starts it keeps a reference until ``finished`` or ``failed`` arrives."""

    signals: BatchSignals

    def __init__(self, exports: ExportService, request: BatchRequest, folder: Path) -> None:
        stop = threading.Event()
        signals = BatchSignals()
        super().__init__(
            lambda: exports.export_batch(
                request, folder, progress=signals.progressed.emit, cancel=stop
            ),
            signals,
        )
        self.stop = stop

    def cancel(self) -> None:
        self.stop.set()
