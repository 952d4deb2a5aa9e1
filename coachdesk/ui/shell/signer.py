"""Ready to sign from the first document: her name is known and her signing key is made.

Making the key and its certificate, and storing them, is work for a worker thread: it
happens in the background right after unlock, not when she presses "Save document".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from coachdesk.ui.export.worker import ServiceJob
from coachdesk.ui.shell import warm_up

if TYPE_CHECKING:
    from coachdesk.facade import Services


class SignerPreparation:
    """Asks her name once if the vault has none, then makes her signing key off the UI thread."""

    def __init__(self) -> None:
        self.job: ServiceJob | None = None

    def run(self, window: QWidget, services: Services) -> None:
        if not services.settings.coach_name():
            from coachdesk.ui.settings.profile_dialog import ProfileDialog

            dialog = ProfileDialog(services, window)
            dialog.exec()
            dialog.deleteLater()
        self.prepare_key(services)

    def prepare_key(self, services: Services) -> None:
        if self.job is not None or not services.settings.coach_name():
            return

        def make_key() -> None:
            # All in the worker: the first look at the signing identity loads the document
            # toolkit (ReportLab, pyHanko), which would freeze the window just shown. Not
            # sooner than the background loading goes on by itself (after the first rows).
            warm_up.wait(resume=False)
            if services.exports.current_identity() is None:
                services.exports.create_identity()

        job = ServiceJob(make_key)
        # A failure (a full disk, the vault locked meanwhile) is said again where it matters:
        # Settings and the export dialog offer to create the certificate.
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._done)
        self.job = job
        job.start()

    def _done(self, _result: object) -> None:
        self.job = None

    def wait(self, msecs: int = 10_000) -> bool:
        """Let a running key job finish (before the vault is locked); True when none runs."""
        from PySide6.QtCore import QThreadPool

        warm_up.resume()  # the job may wait for the loading paused after unlock

        return QThreadPool.globalInstance().waitForDone(msecs) if self.job is not None else True
