"""Make a signed document: choose it and its recipient, see what it includes and withholds, save."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.doc_languages import form_languages, language_name
from coachdesk.export.acknowledgement_log import takes_acknowledgement
from coachdesk.export.preview import DocumentType, document_label
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.i18n import N_, SUPPORTED_LANGUAGES, _
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.export.ack_row import AcknowledgementRow
from coachdesk.ui.export.enclosures import EnclosureList
from coachdesk.ui.export.identity import identity_text
from coachdesk.ui.export.languages import LANGUAGE_NAMES as LANGUAGE_NAMES
from coachdesk.ui.export.languages import her_language_combo, retranslate_her_languages
from coachdesk.ui.export.month_field import MonthCombo
from coachdesk.ui.export.preview import ExportPreviewPane
from coachdesk.ui.export.questions import sign_anyway, tell_not_saved
from coachdesk.ui.export.recipient_combos import (
    fill_contacts,
    organisation_combo,
    retranslate_contacts,
)
from coachdesk.ui.export.rows import HER_DOCUMENTS, fill_meetings, visible_rows
from coachdesk.ui.export.show import show_and_print
from coachdesk.ui.export.worker import ServiceJob
from coachdesk.ui.file.section import guarded
from coachdesk.ui.kit.file_names import suggested_name
from coachdesk.ui.kit.form_dialog import GuardedDialog
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.shell.busy import busy_cursor
from coachdesk.ui.viewer.viewer import DocumentViewer


class ExportDialog(GuardedDialog):
    document_saved = Signal(object)
    """The path of the signed document, once it is saved and recorded."""
    job_ended = Signal()
    """Signing and saving finished, saved or not."""

    def __init__(
        self, services: Services, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.exports: ExportService = services.exports
        self.participant_id = participant_id
        self.saved_path: Path | None = None
        self.viewer: DocumentViewer | None = None
        """The signed document shown after saving, when she asked for it."""
        self.job: ServiceJob | None = None
        self.document = QComboBox()
        for doc in DocumentType:
            self.document.addItem("", doc)
        self.organisation = organisation_combo(services)
        self.contact = QComboBox()
        self.meeting = QComboBox()
        self.month = MonthCombo(services.ctx.today())
        self.meetings = services.meetings.list_for_participant(participant_id)
        self.purpose = QLineEdit()
        self.language = QComboBox()
        for lang in SUPPORTED_LANGUAGES:
            self.language.addItem(language_name(lang), lang)
        self.her_language = her_language_combo(services, participant_id)
        self.acknowledged = AcknowledgementRow(services.participants.get(participant_id).languages)
        self.open_after = QCheckBox()
        self.open_after.setChecked(True)
        self.pane = ExportPreviewPane()
        self.included, self.withheld = self.pane.included, self.pane.withheld
        self.enclosures = EnclosureList()
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.create_identity_button = QPushButton()
        self.create_identity_button.clicked.connect(self.create_identity)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # no steps to count: a moving bar says "working"
        self.progress.setVisible(False)
        self.busy_label = QLabel()
        self.busy_label.setVisible(False)
        self.buttons.accepted.connect(self.sign_and_save)
        self.buttons.rejected.connect(self.cancel)
        self.form_widget = QWidget()
        self.rows = FormRows(self.form_widget)
        self.rows.layout.setContentsMargins(0, 0, 0, 0)
        self.rows.add("document", N_("Document"), self.document)
        self.rows.add("meeting_id", N_("Meeting"), self.meeting)
        self.rows.add("month", N_("Month"), self.month)
        self.rows.add("organisation_id", N_("Recipient"), self.organisation)
        self.rows.add("contact_id", N_("Contact person"), self.contact)
        self.rows.add("purpose", N_("Purpose"), self.purpose)
        self.rows.add("lang", N_("Language of the document"), self.language)
        self.rows.add("her_language", N_("Her language"), self.her_language)
        self.rows.add("acknowledgement", N_("She has seen it"), self.acknowledged)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.create_identity_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_widget)
        layout.addWidget(self.pane, 1)
        layout.addWidget(self.enclosures)
        layout.addLayout(identity_row)
        layout.addWidget(self.open_after)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.progress, 1)
        layout.addLayout(busy_row)
        layout.addWidget(self.buttons)
        self.organisation.currentIndexChanged.connect(self._fill_contacts)
        for combo in (self.document, self.meeting, self.month, self.contact, self.language):
            combo.currentIndexChanged.connect(self.update_preview)
        self.her_language.currentIndexChanged.connect(self.update_preview)
        self.purpose.editingFinished.connect(self.update_preview)
        self.acknowledged.changed.connect(self.update_preview)
        self.resize(720, 640)
        self._fill_contacts()
        self.retranslate()
        self._opened_with = self._choices()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New document"))
        self.rows.retranslate()
        for index in range(self.document.count()):
            doc = DocumentType(self.document.itemData(index))
            self.document.setItemText(index, document_label(doc))
        retranslate_contacts(self.contact)
        self._fill_meetings()
        retranslate_her_languages(self.her_language)
        self.month.retranslate()
        self.acknowledged.retranslate()
        self.open_after.setText(_("Show the document after saving, to print it"))
        self.pane.retranslate()
        self.enclosures.retranslate()
        self.create_identity_button.setText(_("Create my certificate"))
        self.sign_button.setText(_("Sign and save…"))
        self.update_preview()

    # -- choices -----------------------------------------------------------------------------

    def _fill_contacts(self) -> None:
        fill_contacts(self.contact, self.services, self.organisation.currentData())
        self.update_preview()

    def _fill_meetings(self) -> None:
        fill_meetings(self.meeting, self.meetings, self.services.ctx.today())

    def _request(self) -> ExportRequest:
        # Qt hands enum values back as plain strings.
        doc = DocumentType(self.document.currentData())
        lang = self.language.currentData() or "de"
        hers = self.her_language.currentData() if doc in HER_DOCUMENTS else None
        return ExportRequest(
            participant_id=self.participant_id,
            document=doc,
            meeting_id=self.meeting.currentData() if doc == DocumentType.MEETING_SUMMARY else None,
            organisation_id=self.organisation.currentData(),
            contact_id=self.contact.currentData(),
            purpose=self.purpose.text().strip(),
            lang=lang,
            languages=form_languages(lang, hers),
            attachment_ids=self.enclosures.ticked_ids(),
            acknowledgement=self.acknowledged.value if takes_acknowledgement(doc) else None,
            month=self.month.month() if doc == DocumentType.ABSENCE_SHEET else None,
        )

    # -- preview -----------------------------------------------------------------------------

    def update_preview(self) -> None:
        doc = self.document.currentData()
        for row, shown in visible_rows(DocumentType(doc)).items():
            self.rows.set_row_visible(row, shown)
        self._show_identity()
        try:
            preview = self.exports.preview(self._request())
        except (ValidationError, NotFoundError) as err:
            self.pane.show_problem(err.render() if isinstance(err, ValidationError) else str(err))
            self.enclosures.show_candidates(None)
            self.sign_button.setEnabled(False)
            return
        self.pane.show_preview(preview)
        self.enclosures.show_candidates(preview.enclosures)
        self.sign_button.setEnabled(self.exports.current_identity() is not None)

    def _show_identity(self) -> None:
        info = self.exports.current_identity()
        self.create_identity_button.setVisible(info is None)
        self.identity.setText(identity_text(info))

    def create_identity(self) -> None:
        with busy_cursor():
            guarded(self, self.exports.create_identity)
        self.update_preview()

    # -- sign and save -----------------------------------------------------------------------

    def sign_and_save(self) -> None:
        request = self._request()
        caution = self.pane.cautions.text()
        if caution and not sign_anyway(self, caution):
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = suggested_name(document_label(request.document), self.services.ctx.today(), ".pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the signed document"),
            str(Path(folder) / name),
            _("PDF documents (*.pdf)"),
        )
        if not path:
            return
        # Saved inside the export's transaction: a file that cannot be written is not recorded.
        # Rendering and signing take a moment: a worker does it while the dialog waits.
        self.job = ServiceJob(partial(self.exports.export_to, path, request))
        self.job.signals.finished.connect(self._saved)
        self.job.signals.failed.connect(self._failed)
        self._set_busy(True)
        self.job.start()

    def _choices(self) -> tuple[object, ...]:
        return (
            self.document.currentIndex(),
            self.organisation.currentIndex(),
            self.contact.currentIndex(),
            self.purpose.text(),
            self.language.currentIndex(),
            self.her_language.currentIndex(),
            self.enclosures.ticked_ids(),
            self.acknowledged.value,
        )

    def reject(self) -> None:
        if self.job is None:  # never close under a running export (its file is being written)
            super().reject()

    def is_changed(self) -> bool:
        return self._choices() != self._opened_with

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.form_widget, self.create_identity_button, self.open_after):
            widget.setEnabled(not busy)
        self.enclosures.setEnabled(not busy)
        for button in self.buttons.buttons():
            button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(_("Signing and saving…"))

    def _saved(self, result: Any) -> None:
        self.job = None
        self._set_busy(False)
        self.saved_path = Path(result.path)
        self.document_saved.emit(self.saved_path)
        self.job_ended.emit()
        self.accept()
        if self.open_after.isChecked():
            self.viewer = show_and_print(self, result, self.saved_path.name)

    def _failed(self, error: Exception) -> None:
        self.job = None
        self._set_busy(False)
        self.update_preview()
        try:
            tell_not_saved(self, error)
        finally:
            self.job_ended.emit()
