"""The directory: partner organisations, their contact persons, and who handles what."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import OrganisationKind
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.responsibilities import ResponsibilityDraft
from coachdesk.ui.contacts.contact_model import ContactTableModel
from coachdesk.ui.contacts.organisation_model import OrganisationTableModel
from coachdesk.ui.contacts.responsibility_model import ResponsibilityTableModel
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.record_dialog import Field, RecordDialog
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.shell.signals import AppSignals

ORGANISATION_FIELDS = (
    Field("name", N_("Name")),
    Field("kind", N_("Kind"), "enum", OrganisationKind),
    Field("address", N_("Address"), "text"),
    Field("phone", N_("Phone")),
    Field("email", N_("E-mail")),
    Field("notes", N_("Notes"), "text"),
)
CONTACT_FIELDS = (
    Field("name", N_("Name")),
    Field("role_title", N_("Role")),
    Field("phone", N_("Phone")),
    Field("email", N_("E-mail")),
    Field("notes", N_("Notes"), "text"),
)


class ContactsView(QWidget):
    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.heading = heading_label()
        self.organisations = RecordTable(OrganisationTableModel(self))
        self.contacts = RecordTable(ContactTableModel(self))
        self.contacts.view.hideColumn(ContactTableModel.ORGANISATION)
        self.responsibilities = RecordTable(ResponsibilityTableModel(self))
        self.responsibilities.view.hideColumn(ResponsibilityTableModel.ORGANISATION)
        self.detail_caption = QLabel()
        self.detail_caption.setWordWrap(True)
        self.buttons = {
            name: QPushButton()
            for name in (
                "new_org",
                "edit_org",
                "archive_org",
                "new_contact",
                "edit_contact",
                "archive_contact",
                "new_topic",
                "edit_topic",
                "remove_topic",
            )
        }
        b = self.buttons
        b["new_org"].clicked.connect(lambda: self.open_organisation(None))
        b["edit_org"].clicked.connect(
            lambda: self.open_organisation(self.organisations.current_record())
        )
        b["archive_org"].clicked.connect(self.archive_organisation)
        b["new_contact"].clicked.connect(lambda: self.open_contact(None))
        b["edit_contact"].clicked.connect(lambda: self.open_contact(self.contacts.current_record()))
        b["archive_contact"].clicked.connect(self.archive_contact)
        b["new_topic"].clicked.connect(lambda: self.open_responsibility(None))
        b["edit_topic"].clicked.connect(
            lambda: self.open_responsibility(self.responsibilities.current_record())
        )
        self.responsibilities.activated.connect(self.open_responsibility)
        b["remove_topic"].clicked.connect(self.remove_responsibility)
        self.organisations.activated.connect(self.open_organisation)
        self.contacts.activated.connect(self.open_contact)
        self.organisations.selection_changed.connect(self._show_details)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(button_row(b["new_org"], b["edit_org"], b["archive_org"]))
        top_layout.addWidget(self.organisations)
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.addLayout(
            button_row(b["new_contact"], b["edit_contact"], b["archive_contact"])
        )
        people_layout.addWidget(self.contacts)
        topics = QWidget()
        topics_layout = QVBoxLayout(topics)
        topics_layout.addLayout(button_row(b["new_topic"], b["edit_topic"], b["remove_topic"]))
        topics_layout.addWidget(self.responsibilities)
        self.details = QTabWidget()
        self.details.addTab(people, "")
        self.details.addTab(topics, "")
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.detail_caption)
        bottom_layout.addWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        signals.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Contacts"))
        texts = {
            "new_org": _("New organisation…"),
            "edit_org": _("Edit…"),
            "archive_org": _("Archive"),
            "new_contact": _("New contact person…"),
            "edit_contact": _("Edit…"),
            "archive_contact": _("Archive"),
            "new_topic": _("Add responsibility…"),
            "edit_topic": _("Edit…"),
            "remove_topic": _("Remove"),
        }
        for name, text in texts.items():
            self.buttons[name].setText(text)
        self.details.setTabText(0, _("Contact persons"))
        self.details.setTabText(1, _("Responsible for"))
        self.organisations.set_empty_text(
            _(
                "No organisations yet. Add the job centre, migration counselling and your "
                "other partners with “New organisation…”."
            )
        )
        self.contacts.set_empty_text(_("No contact persons at this organisation yet."))
        self.responsibilities.set_empty_text(
            _("Nothing recorded yet. Note which topics this organisation handles.")
        )
        for table in (self.organisations, self.contacts, self.responsibilities):
            table.retranslate()
        self._show_details()

    def _on_changed(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if changes.concerns(ChangeKind.ORGANISATION, ChangeKind.CONTACT, ChangeKind.RESPONSIBILITY):
            self.refresh()

    def clear(self) -> None:
        """Forget every row on screen (the vault is being locked)."""
        for table in (self.organisations, self.contacts, self.responsibilities):
            table.set_rows([])

    def refresh(self) -> None:
        self.organisations.set_rows(self.services.directory.list_organisations())
        if self.organisations.current_record() is None and not self.organisations.is_empty():
            self.organisations.view.selectRow(0)
        self._show_details()

    def _show_details(self) -> None:
        org = self.organisations.current_record()
        for name, button in self.buttons.items():
            if name != "new_org":  # every other button acts on the selected organisation
                button.setEnabled(org is not None)
        if org is None:
            self.detail_caption.setText(_("Select an organisation to see its people."))
            self.contacts.set_rows([])
            self.responsibilities.set_rows([])
            return
        self.detail_caption.setText(org.name)
        self.contacts.set_rows(self.services.directory.list_contacts(org.id))
        self.responsibilities.set_rows(self.services.directory.list_responsibilities(org.id))

    def open_organisation(self, org: Any) -> RecordDialog:
        directory = self.services.directory
        store = (
            directory.create_organisation
            if org is None
            else (lambda draft: directory.update_organisation(org.id, draft))
        )
        title = _("New organisation") if org is None else _("Organisation")
        dialog = RecordDialog(title, ORGANISATION_FIELDS, OrganisationDraft, store, org, self)
        dialog.open()
        return dialog

    def open_contact(self, contact: Any) -> RecordDialog | None:
        org = self.organisations.current_record()
        if org is None:
            return None
        directory = self.services.directory

        def store(draft: ContactDraft) -> Any:
            draft = replace(draft, organisation_id=contact.organisation_id if contact else org.id)
            if contact is None:
                return directory.create_contact(draft)
            return directory.update_contact(contact.id, draft)

        title = _("New contact person") if contact is None else _("Contact person")
        dialog = RecordDialog(title, CONTACT_FIELDS, _contact_draft, store, contact, self)
        dialog.open()
        return dialog

    def open_responsibility(self, topic: Any) -> RecordDialog | None:
        """Add a responsibility to the selected organisation (``topic`` None) or edit one."""
        org = self.organisations.current_record()
        if org is None:
            return None
        people = [(c.name, c.id) for c in self.services.directory.list_contacts(org.id)]
        spec = (
            Field("topic", N_("Topic")),
            Field("contact_person_id", N_("Contact person"), "choice", choices=lambda: people),
            Field("target_group", N_("For whom")),
            Field("note", N_("Note"), "text"),
        )

        def store(draft: ResponsibilityDraft) -> Any:
            if topic is None:
                return self.services.directory.add_responsibility(org.id, draft)
            return self.services.directory.update_responsibility(topic.id, draft)

        dialog = RecordDialog(_("Responsibility"), spec, ResponsibilityDraft, store, topic, self)
        dialog.open()
        return dialog

    def remove_responsibility(self) -> None:
        topic = self.responsibilities.current_record()
        if topic is not None:
            guarded(self, lambda: self.services.directory.remove_responsibility(topic.id))

    def _archive(self, record: Any, action: Any) -> None:
        if record is None:
            return
        answer = QMessageBox.question(
            self, _("Archive"), _("Archive “{name}”?").format(name=record.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            guarded(self, lambda: action(record.id))

    def archive_organisation(self) -> None:
        self._archive(
            self.organisations.current_record(), self.services.directory.archive_organisation
        )

    def archive_contact(self) -> None:
        self._archive(self.contacts.current_record(), self.services.directory.archive_contact)


def _contact_draft(**values: Any) -> ContactDraft:
    """ContactDraft without the organisation, which the view fills in when storing."""
    return ContactDraft(organisation_id=0, **values)
