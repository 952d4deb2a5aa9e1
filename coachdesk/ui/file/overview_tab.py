"""The participant's own data: edit, save (Ctrl+S) or revert; tracks unsaved changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.labels import label
from coachdesk.services.context import ChangeKind
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.kit.forms import ErrorLabel, clear_validation_errors, show_validation_errors
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.participants.form import ParticipantForm, contact_choices
from coachdesk.ui.participants.programme_choice import offer_new_programme
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.transfer.launch import HandOverButton


class OverviewTab(FileSection):
    """``dirty_changed(bool)`` tells the file whether there is something unsaved."""

    KINDS = (
        ChangeKind.PARTICIPANT,
        ChangeKind.CONTACT,
        ChangeKind.ORGANISATION,
        ChangeKind.PROGRAMME,
    )
    dirty_changed = Signal(bool)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.dirty = False
        self.record: Any = None
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.form = ParticipantForm()
        self.general_error = ErrorLabel()
        self.save_button = QPushButton(icon(Icon.SAVE), "")
        self.revert_button = QPushButton()
        self.archive_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.form.edited.connect(lambda: self.set_dirty(True))
        offer_new_programme(self.form.programme, services, self, self.form.edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_line)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        self.hand_over = HandOverButton(services, participant_id)
        buttons = (self.save_button, self.revert_button, self.archive_button, self.hand_over)
        layout.addLayout(button_row(*buttons))
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        self.save_button.setText(_("Save changes"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.revert_button.setText(_("Undo changes"))
        archived = self.record is not None and self.record.is_archived
        self.archive_button.setText(_("Take out of the archive") if archived else _("Archive"))
        self.form.retranslate()
        self.hand_over.retranslate()
        self._show_status()

    def _show_status(self) -> None:
        if self.record is None:
            return
        status = label(self.record.status)
        parts = [
            _("Status: {status}, archived").format(status=status)
            if self.record.is_archived
            else _("Status: {status}").format(status=status)
        ]
        if self.record.retention_until is not None:
            parts.append(
                _("To be erased after {date}.").format(
                    date=format_date(self.record.retention_until)
                )
            )
        self.status_line.setText(" · ".join(parts))

    def refresh(self) -> None:
        """Reload, unless the coach is editing: her typing is never overwritten."""
        try:
            record = self.services.participants.get(self.participant_id)
        except NotFoundError:
            return
        self.record = record
        self.form.set_contacts(contact_choices(self.services, record.integration_officer_id))
        programmes = self.services.programmes.list(include_archived=True)
        self.form.set_programmes(programmes, record.programme_id)
        if not self.dirty:
            self.form.set_record(record)
        self._update_buttons()
        self._show_status()

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self._update_buttons()
            self.dirty_changed.emit(dirty)

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty)
        self.revert_button.setEnabled(self.dirty)
        archived = self.record is not None and self.record.is_archived
        self.archive_button.setText(_("Take out of the archive") if archived else _("Archive"))

    def save(self) -> bool:
        """Store the form; messages appear next to the fields, nothing typed is lost."""
        try:
            draft = self.form.checked_draft(self.today())
            with self.services.ctx.caused_by(self):
                self.record = self.services.participants.update(self.participant_id, draft)
        except ValidationError as err:
            show_validation_errors(self.form.fields, err, self.general_error)
            return False
        clear_validation_errors(self.form.fields, self.general_error)
        self.set_dirty(False)
        self.form.set_record(self.record)
        self._show_status()
        return True

    def revert(self) -> None:
        clear_validation_errors(self.form.fields, self.general_error)
        self.set_dirty(False)
        self.refresh()

    def toggle_archived(self) -> None:
        if self.record is None:
            return
        if self.record.is_archived:
            guarded(self, lambda: self.services.participants.unarchive(self.participant_id))
        else:
            guarded(self, lambda: self.services.participants.archive(self.participant_id))

    def state(self) -> dict[str, Any]:
        return self.form.state()

    def restore_state(self, state: dict[str, Any]) -> None:
        self.form.restore_state(state)
        self.set_dirty(True)
