"""Make a signed document: choose it and its recipient, see what it includes and withholds, save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.export.facts import REASON_LABELS
from coachdesk.export.preview import DocumentType, document_label
from coachdesk.i18n import SUPPORTED_LANGUAGES, _, format_date
from coachdesk.labels import label
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.busy import busy_cursor
from coachdesk.ui.export_history import export_service
from coachdesk.ui.file_section import guarded

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _tree(headers: int) -> tuple[QTreeView, QStandardItemModel]:
    model = QStandardItemModel(0, headers)
    view = QTreeView()
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
    return view, model


class ExportDialog(QDialog):
    def __init__(self, services: Any, participant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.exports = export_service(services)
        self.participant_id = participant_id
        self.saved_path: Path | None = None
        self.document = QComboBox()
        for doc in DocumentType:
            self.document.addItem("", doc)
        self.organisation = QComboBox()
        for org in services.directory.list_organisations():
            self.organisation.addItem(org.name, org.id)
        self.contact = QComboBox()
        self.purpose = QLineEdit()
        self.language = QComboBox()
        for lang in SUPPORTED_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(lang, lang), lang)
        self.bilingual = QCheckBox()
        self.open_after = QCheckBox()
        self.open_after.setChecked(True)
        self.included_view, self.included = _tree(3)
        self.withheld_view, self.withheld = _tree(2)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.create_identity_button = QPushButton()
        self.create_identity_button.clicked.connect(self.create_identity)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.sign_and_save)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form_labels = [QLabel() for _row in range(5)]
        fields = (self.document, self.organisation, self.contact, self.purpose, self.language)
        for caption, widget in zip(self.form_labels, fields, strict=True):
            self.form.addRow(caption, widget)
        self.form.addRow(QLabel(), self.bilingual)
        self.included_title = QLabel()
        self.withheld_title = QLabel()
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.create_identity_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.included_title)
        layout.addWidget(self.included_view, 2)
        layout.addWidget(self.withheld_title)
        layout.addWidget(self.withheld_view, 1)
        layout.addWidget(self.basis)
        layout.addLayout(identity_row)
        layout.addWidget(self.open_after)
        layout.addWidget(self.buttons)
        self.organisation.currentIndexChanged.connect(self._fill_contacts)
        for combo in (self.document, self.contact, self.language):
            combo.currentIndexChanged.connect(self.update_preview)
        self.purpose.editingFinished.connect(self.update_preview)
        self.resize(720, 640)
        self._fill_contacts()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New document"))
        labels = (_("Document"), _("Recipient"), _("Contact person"), _("Purpose"), _("Language"))
        for caption, text in zip(self.form_labels, labels, strict=True):
            caption.setText(text)
        for index in range(self.document.count()):
            doc = DocumentType(self.document.itemData(index))
            self.document.setItemText(index, document_label(doc))
        self.contact.setItemText(0, _("(anyone at the organisation)"))
        self.bilingual.setText(_("Consent form also in English"))
        self.open_after.setText(_("Open the document after saving (to print it)"))
        self.included_title.setText(_("The document will contain:"))
        self.withheld_title.setText(_("Left out, and why:"))
        self.included.setHorizontalHeaderLabels([_("Data category"), _("What"), _("Value")])
        self.withheld.setHorizontalHeaderLabels([_("Data category"), _("Reason")])
        self.create_identity_button.setText(_("Create my certificate"))
        self.sign_button.setText(_("Sign and save…"))
        self.update_preview()

    # -- choices -----------------------------------------------------------------------------

    def _fill_contacts(self) -> None:
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem(_("(anyone at the organisation)"), None)
        org_id = self.organisation.currentData()
        if org_id is not None:
            for c in self.services.directory.list_contacts(organisation_id=org_id):
                self.contact.addItem(c.name, c.id)
        self.contact.blockSignals(False)
        self.update_preview()

    def _request(self) -> dict[str, Any]:
        # Qt hands enum values back as plain strings.
        doc = DocumentType(self.document.currentData())
        return {
            "participant_id": self.participant_id,
            "document_type": doc,
            "organisation_id": self.organisation.currentData(),
            "contact_id": self.contact.currentData(),
            "purpose": self.purpose.text().strip(),
        }

    # -- preview -----------------------------------------------------------------------------

    def update_preview(self) -> None:
        self.included.removeRows(0, self.included.rowCount())
        self.withheld.removeRows(0, self.withheld.rowCount())
        lang = self.language.currentData() or "de"
        self.bilingual.setVisible(self.document.currentData() == DocumentType.CONSENT_FORM)
        self._show_identity()
        try:
            preview = self.exports.preview(**self._request(), lang=lang)
        except (ValidationError, NotFoundError) as err:
            self.basis.setText(err.render() if isinstance(err, ValidationError) else str(err))
            self.sign_button.setEnabled(False)
            return
        for item in preview.included:
            row = [label(item.category), item.what, item.value]
            self.included.appendRow([QStandardItem(text) for text in row])
        for w in preview.withheld:
            what = label(w.category) if w.category is not None else _("Internal notes")
            self.withheld.appendRow(
                [QStandardItem(what), QStandardItem(_(REASON_LABELS[w.reason]))]
            )
        if preview.consent_basis:
            lines = [
                _("Consent no. {id}, given on {date}").format(
                    id=b.consent_id, date=format_date(b.given_on)
                )
                for b in preview.consent_basis
            ]
            self.basis.setText(_("Consent basis: {list}").format(list="; ".join(lines)))
        elif preview.document_type == DocumentType.CONSENT_FORM:
            self.basis.setText(_("The form is printed from the latest consent for this recipient."))
        else:
            self.basis.setText(
                _("No consent covers this recipient: the document will contain no personal data.")
            )
        self.sign_button.setEnabled(self.exports.current_identity() is not None)
        for view in (self.included_view, self.withheld_view):
            view.resizeColumnToContents(0)

    def _show_identity(self) -> None:
        info = self.exports.current_identity()
        self.create_identity_button.setVisible(info is None)
        if info is None:
            self.identity.setText(
                _("You have no signing certificate yet. Create one here or import it in Settings.")
            )
        else:
            self.identity.setText(
                _("Signed with the certificate of {name} (SHA-256 {fingerprint}…).").format(
                    name=info.subject_name, fingerprint=info.fingerprint_sha256[:16].upper()
                )
            )

    def create_identity(self) -> None:
        with busy_cursor():
            guarded(self, self.exports.create_identity)
        self.update_preview()

    # -- sign and save -----------------------------------------------------------------------

    def sign_and_save(self) -> None:
        request = self._request()
        doc: DocumentType = request["document_type"]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        # The suggested name says what and when, never who.
        suggested = str(Path(folder) / f"{doc.value}_{self.services.ctx.today().isoformat()}.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the signed document"), suggested, _("PDF documents (*.pdf)")
        )
        if not path:
            return
        lang = self.language.currentData() or "de"
        languages = (lang, "en") if self.bilingual.isChecked() and lang != "en" else None
        # Saved inside the export's transaction: a file that cannot be written is not recorded.
        with busy_cursor():
            result = guarded(
                self,
                lambda: self.exports.export_to(path, **request, lang=lang, languages=languages),
            )
        if result is None:
            return
        self.saved_path = Path(path)
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        self.accept()
