"""Import from a spreadsheet: choose the file, check the columns, see each row's problems,
import all valid rows at once.

Reached from the participant list. Reading, checking and storing run off the UI thread
(``job.py``); a changed column choice checks the rows again. Nothing is stored before
Import, and then all rows or none (rows with problems only when she chose to leave them out).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import Message, _, ngettext
from coachdesk.imports.checks import Preview
from coachdesk.imports.errors import ImportFileError
from coachdesk.imports.reader import Progress, Table
from coachdesk.imports.service import ImportResult
from coachdesk.services.errors import ValidationError
from coachdesk.ui.importing.job import ImportJobs
from coachdesk.ui.importing.mapping_table import MappingTable
from coachdesk.ui.importing.preview_model import PROBLEMS, PreviewModel, summary_text
from coachdesk.ui.kit.style import wrapping_label
from coachdesk.ui.kit.table_model import sorting_proxy
from coachdesk.vault.errors import VaultError

FILE_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv"


class ImportDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.imports = services.imports
        self.path: Path | None = None
        self.table: Table | None = None
        self.preview: Preview | None = None
        self.outcome: ImportResult | None = None
        self.jobs = ImportJobs(self)
        self.jobs.progress.connect(self._progress)
        self._check_again = False
        self._storing = False
        self._said: tuple[list[Message], bool] = ([], False)

        self.file_label = QLabel()
        self.file_label.setObjectName("import_file")
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("import_choose")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.message = wrapping_label()
        self.message.setObjectName("import_message")
        self.mapping = MappingTable()
        self.mapping.mapping_changed.connect(self.check_again)
        self.model = PreviewModel(self)
        self.rows = QTableView()
        self.rows.setObjectName("import_preview")
        self.rows.setModel(sorting_proxy(self.model))
        self.rows.setSortingEnabled(True)
        self.rows.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setWordWrap(False)
        self.rows.verticalHeader().hide()
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.summary = wrapping_label()
        self.summary.setObjectName("import_summary")
        self.skip = QCheckBox()
        self.skip.setObjectName("import_skip")
        self.skip.toggled.connect(lambda _checked: self._update_buttons())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_commit")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        self.columns_box = QGroupBox()
        QVBoxLayout(self.columns_box).addWidget(self.mapping)
        self.rows_box = QGroupBox()
        rows_layout = QVBoxLayout(self.rows_box)
        rows_layout.addWidget(self.rows, 1)
        rows_layout.addWidget(self.summary)
        rows_layout.addWidget(self.skip)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.columns_box)
        split.addWidget(self.rows_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(1000, 640)
        self.retranslate()
        self._update_buttons()

    # -- steps ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import from spreadsheet"),
            folder,
            _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
        )
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read and check ``path`` off the UI thread (the preview fills when done)."""
        self.path = path
        self.table = self.preview = None
        self.model.set_rows([])
        self.mapping.set_columns([], [], {})
        self.file_label.setText(path.name)
        self._say([])
        imports = self.imports

        def work(progress: Progress) -> tuple[Table, dict[int, str], Preview]:
            table = imports.read(path, progress)
            mapping = imports.mapping_for(table.headers)
            return table, mapping, imports.preview(table, mapping, progress)

        self._start(_("Reading the file…"), work, self._file_read)

    def _file_read(self, result: object) -> None:
        table, mapping, preview = cast(tuple[Table, dict[int, str], Preview], result)
        self.table = table
        self.mapping.set_columns(table.headers, table.rows, mapping)
        self._show_preview(preview)

    def check_again(self) -> None:
        """The columns changed: check the rows again (after the check under way, if any)."""
        if self.table is None:
            return
        if self.jobs.running:
            self._check_again = True
            return
        table, mapping, imports = self.table, self.mapping.mapping(), self.imports
        self._start(
            _("Checking the rows…"),
            lambda p: imports.preview(table, mapping, p),
            self._show_preview,
        )

    def _show_preview(self, result: object) -> None:
        self.preview = result if isinstance(result, Preview) else None
        self.model.set_rows(self.preview.rows if self.preview else [])
        self._fit_columns()
        self._update_summary()

    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not self.import_button.isEnabled():
            return
        skip = self.skip.isChecked()
        imports = self.imports
        self._storing = True
        self._start(
            _("Importing…"),
            lambda p: imports.commit(preview, skip_problems=skip, progress=p),
            self._imported,
        )

    def _imported(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self.outcome = result
        QMessageBox.information(
            self,
            _("Import from spreadsheet"),
            ngettext(
                "Imported {n} participant.", "Imported {n} participants.", result.imported
            ).format(n=result.imported),
        )
        self.accept()

    # -- jobs -------------------------------------------------------------------------------

    def _start(self, what: str, work, done) -> None:  # type: ignore[no-untyped-def]
        self.progress.setFormat(what + " %p %")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._update_buttons(busy=True)
        self.jobs.start(work, what, lambda r: self._finished(done, r), self._failed)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _finished(self, done, result: object) -> None:  # type: ignore[no-untyped-def]
        self._storing = False
        self.progress.setVisible(False)
        done(result)
        if self._check_again:
            self._check_again = False
            self.check_again()  # the columns changed meanwhile: Import waits for this check
        self._update_buttons(busy=self.jobs.running)

    def _failed(self, error: Exception) -> None:
        self._storing = False
        self._check_again = False
        self.progress.setVisible(False)
        if isinstance(error, ImportFileError | VaultError | ValidationError):
            self._say([error.message], problem=True)  # the vault's own: a full disk
        else:
            raise error  # a bug: the application's handler reports it
        self._update_buttons()

    # -- state ------------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        for column in range(PROBLEMS):  # the problems take the rest of the width
            self.rows.resizeColumnToContents(column)

    def _say(self, messages: list[Message], *, problem: bool = False) -> None:
        """Show ``messages`` above the tables (rendered again when the language changes)."""
        self._said = (messages, problem)
        text = " ".join(m.render() for m in messages)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setStyleSheet("color: #a4262c;" if problem else "")

    def _update_summary(self) -> None:
        p = self.preview
        self.summary.setText(summary_text(p))
        if p is not None and p.notices and not self.message.text():
            self._say(list(p.notices))

    def _update_buttons(self, busy: bool = False) -> None:
        p = self.preview
        ready = (
            p is not None
            and not p.missing
            and p.valid_count > 0
            and (p.problem_count == 0 or self.skip.isChecked())
        )
        self.import_button.setEnabled(ready and not busy)
        self.choose_button.setEnabled(not busy)
        self.mapping.setEnabled(not self._storing)
        self.skip.setVisible(p is not None and p.problem_count > 0)
        self.skip.setEnabled(not self._storing)
        self.close_button.setEnabled(not self._storing)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from spreadsheet"))
        self.choose_button.setText(_("Choose file…"))
        if self.path is None:
            self.file_label.setText(_("Choose an .xlsx, .ods or .csv list of your participants."))
        self.columns_box.setTitle(_("Columns: which field each column fills"))
        self.rows_box.setTitle(_("Preview"))
        self.skip.setText(_("Leave out the rows with problems and import the others"))
        self.import_button.setText(_("Import"))
        self.mapping.retranslate()
        self.model.retranslate()
        self._fit_columns()
        self._say(*self._said[:1], problem=self._said[1])
        self._update_summary()

    def reject(self) -> None:
        if self._storing:
            return  # storing: all or nothing, so she waits for it
        super().reject()
