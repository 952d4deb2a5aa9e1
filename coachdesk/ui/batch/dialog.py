"""Documents for several participants: choose, see who is included and why not, make them all.

Reached from the participant list with the rows selected there, or for all active
participants of a recipient. The documents are made off the UI thread (``job.py``) on
every core; the dialog shows progress, a Cancel that stops after the document being
saved, and at the end what became of each participant.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.export.batch_plan import BatchPreview
from coachdesk.export.batch_pool import warm_up
from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.batch.choices import BatchChoices
from coachdesk.ui.batch.job import BatchJob
from coachdesk.ui.batch.model import NOTE, BatchModel
from coachdesk.ui.batch.texts import preview_summary, progress_text, result_summary
from coachdesk.ui.export.questions import tell_not_saved
from coachdesk.ui.file.section import guarded
from coachdesk.ui.shell.busy import busy_cursor


class BatchDialog(QDialog):
    batch_finished = Signal(object)
    """The BatchResult, once the batch has ended (done, cancelled or stopped)."""

    def __init__(
        self, services: Services, selected_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batch_dialog")
        warm_up()  # the document workers' fork server starts while she chooses
        self.services = services
        self.exports = services.exports
        self.job: BatchJob | None = None
        self.preview: BatchPreview | None = None
        self.result: Any = None
        self.choices = BatchChoices(services, selected_ids)
        self.model = BatchModel(self)
        self.table = QTableView()
        self.table.setObjectName("batch_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.summary = QLabel()
        self.summary.setObjectName("batch_summary")
        self.summary.setWordWrap(True)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.create_identity_button = QPushButton()
        self.create_identity_button.setAutoDefault(False)  # Enter makes the documents
        self.create_identity_button.clicked.connect(self.create_identity)
        self.progress = QProgressBar()
        self.progress.setObjectName("batch_progress")
        self.progress_label = QLabel()
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setObjectName("batch_make")
        self.make_button.setDefault(True)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("batch_close")
        self.buttons.accepted.connect(self.make_documents)
        self.buttons.rejected.connect(self.reject)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.create_identity_button)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress_label)
        busy_row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(identity_row)
        layout.addLayout(busy_row)
        layout.addWidget(self.buttons)
        self._set_running(False)
        self.choices.changed.connect(self.update_preview)
        self.resize(900, 640)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.make_button.setDefault(True)  # showing made another button the default

    def retranslate(self) -> None:
        self.setWindowTitle(_("Documents for several participants"))
        self.choices.retranslate()
        self.create_identity_button.setText(_("Create my certificate"))
        self.make_button.setText(_("Choose a folder and make the documents…"))
        self._set_close_text()
        self.model.retranslate()
        if self.result is None:
            self.update_preview()

    # -- preview -----------------------------------------------------------------------------

    def update_preview(self) -> None:
        if self.job is not None or self.result is not None:
            return
        self._show_identity()
        try:
            self.preview = self.exports.preview_batch(self.choices.request())
        except (ValidationError, NotFoundError) as err:
            self.preview = None
            self.model.show_entries(())
            self.summary.setText(err.message.render())
            self.make_button.setEnabled(False)
            return
        self.model.show_entries(self.preview.entries)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(NOTE, max(self.table.columnWidth(NOTE), 200))
        self.summary.setText(preview_summary(self.preview))
        ready = self.exports.current_identity() is not None
        self.make_button.setEnabled(ready and bool(self.preview.included))

    def _show_identity(self) -> None:
        missing = self.exports.current_identity() is None
        self.identity.setVisible(missing)
        self.create_identity_button.setVisible(missing)
        self.identity.setText(
            _("You have no signing certificate yet. Create one here or import it in Settings.")
        )

    def create_identity(self) -> None:
        with busy_cursor():
            guarded(self, self.exports.create_identity)
        self.update_preview()

    # -- making the documents ----------------------------------------------------------------

    def choose_folder(self) -> str:
        """The folder for the documents (a method of its own, so tests can answer it)."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return QFileDialog.getExistingDirectory(
            self, _("Choose the folder for the documents"), start
        )

    def make_documents(self) -> None:
        if self.job is not None or self.preview is None or not self.preview.included:
            return
        request = self.choices.request()
        folder = self.choose_folder()
        if not folder:
            return
        self.job = BatchJob(self.exports, request, Path(folder))
        self.job.signals.progressed.connect(self._progressed)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.progress.setRange(0, len(self.preview.included))
        self.progress.setValue(0)
        self.progress_label.setText(progress_text(0, len(self.preview.included)))
        self._set_running(True)
        self.job.start()

    def cancel_batch(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.close_button.setEnabled(False)
            self.progress_label.setText(_("Cancelling after the document being saved…"))

    def reject(self) -> None:
        """Esc and Close: while documents are made, cancel them; the dialog stays open."""
        if self.job is not None:
            self.cancel_batch()
            return
        super().reject()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if not self.job or not self.job.stop.is_set():
            self.progress_label.setText(progress_text(done, total))

    def _finished(self, result: Any) -> None:
        self.job = None
        self.result = result
        self._set_running(False)
        self.model.show_result(result)
        self.table.resizeColumnsToContents()
        self.summary.setText(result_summary(result))
        if result.error is not None:  # she must not miss that the batch stopped
            self.summary.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        self.progress_label.setText("")
        self.make_button.setVisible(False)  # this batch is done; a new one starts afresh
        self.batch_finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self.job = None
        self._set_running(False)
        self.update_preview()
        tell_not_saved(self, error)

    def _set_running(self, running: bool) -> None:
        self.choices.setEnabled(not running and self.result is None)
        self.make_button.setEnabled(not running)
        self.close_button.setEnabled(True)
        self.progress.setVisible(running)
        self.progress_label.setVisible(running)
        self._set_close_text()

    def _set_close_text(self) -> None:
        self.close_button.setText(_("Cancel") if self.job is not None else _("Close"))
