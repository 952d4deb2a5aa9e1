"""Importing a colleague's certificate: who it names, its fingerprint, where she works.

Linking her to her organisation (or her entry as a contact) in the directory is what lets a
participant's consent "for Frauen in Arbeit Köln" cover a transfer to her.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.services.colleagues import ColleagueInfo
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.export.recipient_combos import fill_contacts
from coachdesk.ui.kit.style import message_label, wrapping_label


class ColleagueImportDialog(QDialog):
    def __init__(
        self,
        services: Services,
        data: bytes,
        peeked: tuple[str, str, dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("colleague_import")
        self.services = services
        self.data = data
        self.imported: ColleagueInfo | None = None
        name, fingerprint, valid_until = peeked
        from coachdesk.ui.settings.colleagues import fingerprint_block

        self.summary = wrapping_label()
        self.summary.setText(
            _("Certificate of {name}, valid until {date}.").format(
                name=name, date=format_date(valid_until.date())
            )
        )
        self.fingerprint = QLabel(fingerprint_block(fingerprint))
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.organisation = QComboBox()
        self.organisation.setObjectName("colleague_organisation")
        self.organisation.addItem(_("(none)"), None)
        for org in services.directory.list_organisations():
            self.organisation.addItem(org.name, org.id)
        self.contact = QComboBox()
        self.contact.setObjectName("colleague_contact")
        fill_contacts(self.contact, services, None)
        self.organisation.currentIndexChanged.connect(
            lambda: fill_contacts(self.contact, services, self.organisation.currentData())
        )
        self.hint = wrapping_label()
        self.hint.setText(
            _(
                "A participant's consent for this organisation (or for this person) covers a "
                "transfer to her. Without a link, only a documented legal basis does."
            )
        )
        self.message = message_label(error=True)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.import_certificate)
        self.buttons.rejected.connect(self.reject)
        org_label, contact_label = QLabel(_("Her &organisation:")), QLabel(_("She &herself:"))
        org_label.setBuddy(self.organisation)
        contact_label.setBuddy(self.contact)
        form = QFormLayout()
        form.addRow(org_label, self.organisation)
        form.addRow(contact_label, self.contact)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.fingerprint)
        box.addLayout(form)
        box.addWidget(self.hint)
        box.addWidget(self.message)
        box.addStretch(1)
        box.addWidget(self.buttons)
        self.setWindowTitle(_("Import a colleague's certificate"))

    def import_certificate(self) -> None:
        try:
            self.imported = self.services.colleagues.import_certificate(
                self.data,
                organisation_id=self.organisation.currentData(),
                contact_id=self.contact.currentData(),
            )
        except (ValidationError, NotFoundError) as err:
            self.message.setText(str(err))
            return
        self.accept()
