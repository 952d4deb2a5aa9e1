"""The import's slow steps in the application's thread pool, with progress.

Reading and checking 20,000 rows, and storing them, take seconds: the dialog stays
responsive and shows progress. The job calls only the import service; Qt delivers its
signals to the dialog on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal

from coachdesk.imports.reader import Progress
from coachdesk.ui.export.worker import JobSignals, ServiceJob, without_cyclic_gc


class ImportSignals(JobSignals):
    progress = Signal(int, int)
    """(done, of all) of the current step."""


def start_job(
    work: Callable[[Progress], object],
    on_progress: Callable[[int, int], None],
    on_done: Callable[[object], None],
    on_failed: Callable[[object], None],
) -> ImportSignals:
    """Run ``work(progress)`` off the UI thread, its signals connected before it starts."""
    signals = ImportSignals()
    signals.progress.connect(on_progress)
    signals.finished.connect(on_done)
    signals.failed.connect(on_failed)
    job = ServiceJob(without_cyclic_gc(lambda: work(signals.progress.emit)), signals)
    job.start()
    return signals
