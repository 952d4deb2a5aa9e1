"""Settings, "Documents": the organisation named on documents and the signing certificate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.services.errors import ValidationError
from coachdesk.ui.kit.style import message_label, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.vault.errors import StorageError
from coachdesk.vault.saving import save_atomically

if TYPE_CHECKING:  # the export package pulls in ReportLab (see _fingerprint)
    from coachdesk.export.identities import SigningIdentityInfo

# The suggested file name says what it is, never whose.
CERTIFICATE_FILE = "coachdesk-certificate.pem"


class DocumentsGroup(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.exports = services.exports
        self.organisation = QLineEdit(services.settings.organisation_name())
        self.organisation.setObjectName("organisation_name")
        self.organisation_label = QLabel()
        self.organisation_label.setBuddy(self.organisation)
        self.organisation_save = QPushButton()
        self.certificate = wrapping_label()
        self.certificate.setObjectName("certificate_status")
        self.create_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.message = message_label()
        self.busy = BusyNote()

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.organisation, 1)
        row.addWidget(self.organisation_save)
        form.addRow(self.organisation_label, row)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.certificate)
        box.addLayout(buttons)
        box.addWidget(self.message)
        box.addWidget(self.busy)
        # A new key, its certificate and storing them: off the UI thread (the first one also
        # loads the signing libraries), with the buttons waiting meanwhile.
        buttons_busy = (self.create_button, self.import_button, self.export_button)
        self.call = BackgroundCall(self, buttons_busy, self.busy)

        self.organisation_save.clicked.connect(self.save_organisation)
        self.organisation.returnPressed.connect(self.save_organisation)
        self.create_button.clicked.connect(self.create_certificate)
        self.import_button.clicked.connect(self.import_certificate)
        self.export_button.clicked.connect(self.export_certificate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Documents"))
        self.organisation_label.setText(_("&Organisation (in the header of documents):"))
        self.organisation_save.setText(_("Save organisation"))
        self.create_button.setText(_("Create certificate"))
        self.import_button.setText(_("Import PKCS#12…"))
        self.export_button.setText(_("Export certificate for the job centre…"))
        self.show_certificate()

    def showEvent(self, event: QShowEvent) -> None:
        # A certificate may have been made in the export dialog meanwhile.
        self.show_certificate()
        super().showEvent(event)

    def show_certificate(self) -> None:
        info = self.exports.current_identity()
        self.export_button.setEnabled(info is not None)
        if info is None:
            self.certificate.setText(
                _(
                    "No signing certificate yet. Documents are signed with it; create one "
                    "in your name or import the one your organisation gave you."
                )
            )
            return
        origin = _("imported") if info.imported else _("made in CoachDesk")
        self.certificate.setText(
            _(
                "Signing certificate of {name} ({origin}), valid until {date}.\n"
                "SHA-256 fingerprint:\n{fingerprint}"
            ).format(
                name=info.subject_name,
                origin=origin,
                date=format_date(info.valid_until.date()),
                fingerprint=_fingerprint(info.fingerprint_sha256),
            )
        )

    def save_organisation(self) -> None:
        try:
            self.services.settings.set_organisation_name(self.organisation.text())
        except ValidationError as err:
            self.message.setText(err.render())
            return
        self.message.setText(_("Saved."))

    def _replaces_current(self) -> bool:
        """A new certificate replaces the current one: ask first."""
        if self.exports.current_identity() is None:
            return True
        answer = QMessageBox.question(
            self,
            _("Replace the certificate?"),
            _(
                "New documents will be signed with the new certificate. Documents signed "
                "before stay valid. Give the job centre the new certificate."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def create_certificate(self) -> None:
        if self.call.running or not self._replaces_current():
            return
        self.message.setText("")
        exports = self.exports
        self.call.start(
            exports.create_identity,
            _("Creating the certificate…"),
            self._created,
            self._not_created,
        )

    def _not_created(self, exc: Exception) -> None:
        if not isinstance(exc, ValidationError):
            raise exc
        self.message.setText(exc.render())

    def _created(self, info: SigningIdentityInfo) -> None:
        if self.services.is_locked:
            return  # locked meanwhile: the certificate is stored, nothing is shown
        self.show_certificate()
        self.message.setText(_("Certificate created for {name}.").format(name=info.subject_name))

    def import_certificate(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a certificate"), "", _("PKCS#12 files (*.p12 *.pfx)")
        )
        if not path or not self._replaces_current():
            return
        password, ok = QInputDialog.getText(
            self,
            _("Password"),
            _("Password of the certificate file:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            data = Path(path).read_bytes()
            info = self.exports.import_pkcs12(data, password)
        except OSError as exc:
            self.message.setText(str(StorageError.from_read_error(exc)))
            return
        except ValidationError as err:
            self.message.setText(err.render())
            return
        self.show_certificate()
        self.message.setText(_("Certificate of {name} imported.").format(name=info.subject_name))

    def export_certificate(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the certificate for the job centre"),
            str(Path(folder) / CERTIFICATE_FILE),
            _("Certificates (*.pem *.crt)"),
        )
        if not path:
            return
        try:
            save_atomically(Path(path), self.exports.export_certificate())
        except OSError as exc:
            self.message.setText(str(StorageError.from_os_error(exc)))
            return
        except StorageError as err:  # a place in a vault folder (the shared output check)
            self.message.setText(str(err))
            return
        except ValidationError as err:
            self.message.setText(err.render())
            return
        self.message.setText(
            _("Saved. It holds no key: give it to the job centre to check your documents.")
        )


def _fingerprint(sha256_hex: str) -> str:
    # Imported here: the export package pulls in ReportLab, and Settings is built at start-up.
    from coachdesk.export.common import fingerprint_text

    return fingerprint_text(sha256_hex)
