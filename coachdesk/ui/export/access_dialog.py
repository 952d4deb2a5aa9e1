"""Everything about her (access request): her whole file as a signed PDF, JSON and papers.

Opened from the "Exports" tab of her file. The coach chooses the article she asked under,
the language, whether the internal notes go with it (no default: neither choice is ticked
until she ticks one, and "Save" waits for it) and the folder; the files are made off the UI
thread with progress, and the dialog says where they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.doc_languages import document_languages, language_label, language_of
from coachdesk.export.access_request import (
    ARTICLE_LABELS,
    DOCUMENT_LABEL,
    AccessRequest,
    Article,
    Notes,
)
from coachdesk.export.access_service import AccessResult, AccessService
from coachdesk.facade import Services
from coachdesk.i18n import N_, _, current_language
from coachdesk.services.errors import ValidationError
from coachdesk.ui.export.questions import tell_not_saved
from coachdesk.ui.export.worker import JobSignals, ServiceJob
from coachdesk.ui.kit.form_dialog import GuardedDialog
from coachdesk.ui.kit.form_rows import FormRows


class AccessSignals(JobSignals):
    progressed = Signal(int, int)
    """Steps done and their total (her file read, each paper, the JSON, the PDF, ...)."""


class AccessDialog(GuardedDialog):
    files_saved = Signal(object)
    """The :class:`AccessResult`, once the three files are saved and recorded."""

    def __init__(
        self, services: Services, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.access = AccessService(services.ctx)
        self.participant_id = participant_id
        self.job: ServiceJob | None = None
        self.outcome: AccessResult | None = None
        record = services.participants.get(participant_id)
        self.name = record.display_name
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.article = QComboBox()
        for article in Article:
            self.article.addItem("", article)
        self.language = QComboBox()
        languages = document_languages()
        for lang in languages:
            self.language.addItem("", lang)
        self.hers = language_of(record.languages, languages)
        """Her language, as her file names it (marked in the list), if there is a catalog."""
        self.include = QRadioButton()
        self.withhold = QRadioButton()
        self.notes = QButtonGroup(self)  # neither ticked: the coach decides each time
        self.notes.addButton(self.include)
        self.notes.addButton(self.withhold)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self.include)
        notes_layout.addWidget(self.withhold)
        self.folder = QLineEdit(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._choose)
        folder_box = QWidget()
        folder_layout = QHBoxLayout(folder_box)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.folder, 1)
        folder_layout.addWidget(self.choose_button)
        self.form_widget = QWidget()
        self.rows = FormRows(self.form_widget)
        self.rows.layout.setContentsMargins(0, 0, 0, 0)
        self.rows.add("article", N_("She &asked for"), self.article)
        self.rows.add("lang", N_("&Language of the documents"), self.language)
        self.rows.add("notes", N_("&Internal notes"), notes_box, buddy=self.include)
        self.rows.add("folder", N_("Save in &folder"), folder_box, buddy=self.folder)
        self.rows.chain_tabs()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        self.notes.buttonToggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form_widget)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update()
        self._opened_with = self._choices()

    def retranslate(self) -> None:
        self.setWindowTitle(_(DOCUMENT_LABEL))
        self.intro.setText(
            _(
                "Everything stored about {name}, for her: a signed PDF to read, a JSON file "
                "with all her data for a computer, and a ZIP archive with the files of her "
                "papers. These are her own data: no consent is needed, and the export is "
                "recorded like every document."
            ).format(name=self.name)
        )
        for index in range(self.article.count()):
            self.article.setItemText(index, _(ARTICLE_LABELS[self.article.itemData(index)]))
        self.rows.retranslate()
        for index in range(self.language.count()):
            lang = self.language.itemData(index)
            text = language_label(lang, current_language())
            if lang == self.hers:
                text = _("{language} (her language)").format(language=text)
            self.language.setItemText(index, text)
        self.include.setText(_("Include the internal notes of her file"))
        self.withhold.setText(_("Withhold the internal notes"))
        self.choose_button.setText(_("Choose…"))
        self.save_button.setText(_("Sign and save"))

    def choice(self) -> Notes | None:
        if self.include.isChecked():
            return Notes.INCLUDE
        if self.withhold.isChecked():
            return Notes.WITHHOLD
        return None

    def _update(self, *_args: object) -> None:
        self.save_button.setEnabled(self.job is None and self.choice() is not None)
        if self.choice() is None and self.outcome is None:
            self.message.setText(_("Choose whether her internal notes are included or withheld."))
        elif self.outcome is None:
            self.message.setText("")

    def choose_folder(self) -> str:
        """The folder for the three files (a method of its own, so tests can answer it)."""
        return QFileDialog.getExistingDirectory(
            self, _("Choose the folder for her files"), self.folder.text()
        )

    def _choose(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.folder.setText(folder)

    def save(self) -> None:
        try:
            request = AccessRequest(
                participant_id=self.participant_id,
                notes=self.choice(),
                article=self.article.currentData(),
                lang=self.language.currentData(),
            )
        except ValidationError as error:
            tell_not_saved(self, error)
            return
        signals = AccessSignals()
        folder = Path(self.folder.text().strip() or ".")
        self.job = ServiceJob(
            lambda: self.access.export_to(folder, request, signals.progressed.emit), signals
        )
        signals.progressed.connect(self._progressed)
        signals.finished.connect(self._saved)
        signals.failed.connect(self._failed)
        self._set_busy(True)
        self.job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _set_busy(self, busy: bool) -> None:
        self.form_widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)
            self.message.setText(_("Reading her file, signing and saving…"))
        for button in self.buttons.buttons():
            button.setEnabled(not busy)
        self._update()

    def _saved(self, result: Any) -> None:
        self.job = None
        self.outcome = result
        self._set_busy(False)
        names = [result.pdf.name, result.json.name]
        if result.papers is not None:
            names.append(result.papers.name)
        self.message.setText(
            _("Saved in {folder}: {files}. The export is recorded in her file.").format(
                folder=str(result.pdf.parent), files=", ".join(names)
            )
        )
        self.save_button.setEnabled(False)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(_("Close"))
        self.files_saved.emit(result)

    def _failed(self, error: Exception) -> None:
        self.job = None
        self._set_busy(False)
        self.message.setText("")
        tell_not_saved(self, error)

    def reject(self) -> None:
        if self.job is None:  # never close under a running export (its files are being written)
            super().reject()

    def _choices(self) -> tuple[object, ...]:
        return (
            self.article.currentIndex(),
            self.language.currentIndex(),
            self.choice(),
            self.folder.text(),
        )

    def is_changed(self) -> bool:
        """Choices made and not yet saved (closing asks before they go)."""
        return self.outcome is None and self._choices() != self._opened_with
