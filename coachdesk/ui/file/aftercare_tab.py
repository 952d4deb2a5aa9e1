"""Aftercare: follow-ups planned after she left the programme, and how she is doing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind
from coachdesk.ui.file.followup_dialog import FollowUpDialog
from coachdesk.ui.file.followup_model import FollowUpTableModel
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.shell.signals import AppSignals


class AftercareTab(FileSection):
    KINDS = (ChangeKind.AFTERCARE,)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.table = RecordTable(FollowUpTableModel(self))
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.done_button = QPushButton()
        self.remove_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.open_followup(None))
        self.edit_button.clicked.connect(lambda: self.open_followup(self.table.current_record()))
        self.done_button.clicked.connect(self.mark_done)
        self.remove_button.clicked.connect(self.remove)
        self.table.activated.connect(self.open_followup)
        self.table.selection_changed.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(
            button_row(self.new_button, self.edit_button, self.done_button, self.remove_button)
        )
        layout.addWidget(self.table)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.new_button.setText(_("Plan a follow-up…"))
        self.edit_button.setText(_("Edit…"))
        self.done_button.setText(_("Mark done today"))
        self.remove_button.setText(_("Remove"))
        self.table.set_empty_text(
            _(
                "No aftercare planned. After she has left the programme, plan follow-ups "
                "(for example after 3 and 6 months) with “Plan a follow-up…”."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        self.table.set_rows(self.services.aftercare.list_for_participant(self.participant_id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.table.current_record()
        self.edit_button.setEnabled(selected is not None)
        self.remove_button.setEnabled(selected is not None)
        self.done_button.setEnabled(selected is not None and not selected.is_done)

    def open_followup(self, followup: Any) -> FollowUpDialog:
        dialog = FollowUpDialog(self.services, self.participant_id, followup, self)
        dialog.open()
        return dialog

    def mark_done(self) -> None:
        followup = self.table.current_record()
        if followup is not None:
            guarded(self, lambda: self.services.aftercare.mark_done(followup.id, self.today()))

    def remove(self) -> None:
        followup = self.table.current_record()
        if followup is None:
            return
        answer = QMessageBox.question(self, _("Remove follow-up"), _("Remove this follow-up?"))
        if answer == QMessageBox.StandardButton.Yes:
            guarded(self, lambda: self.services.aftercare.remove(followup.id))
