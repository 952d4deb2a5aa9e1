"""Aftercare: follow-ups planned after she left the programme, and how she is doing; the
six-month ESF Plus follow-up (planned by her exit date) is shown above them, answered in
the ESF Plus tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.services.context import ChangeKind
from coachdesk.services.errors import NotFoundError
from coachdesk.services.esf import EsfFollowUpRecord
from coachdesk.ui.file.followup_dialog import FollowUpDialog
from coachdesk.ui.file.followup_model import FollowUpTableModel
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.shell.signals import AppSignals


class AftercareTab(FileSection):
    """``esf_requested`` asks the file to show the six-month ESF Plus questions."""

    KINDS = (ChangeKind.AFTERCARE, ChangeKind.ESF)
    esf_requested = Signal()

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
        self.esf_follow_up: EsfFollowUpRecord | None = None
        self.esf_line = QLabel()
        self.esf_line.setWordWrap(True)
        self.esf_button = QPushButton()
        self.esf_button.clicked.connect(self.esf_requested.emit)
        esf_row = QHBoxLayout()
        esf_row.addWidget(self.esf_line, 1)
        esf_row.addWidget(self.esf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(esf_row)
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
        self._show_esf()

    def refresh(self) -> None:
        self.table.set_rows(self.services.aftercare.list_for_participant(self.participant_id))
        self._update_buttons()
        try:
            self.esf_follow_up = self.services.esf.get(self.participant_id).follow_up
        except NotFoundError:
            return  # she was erased: the file closes
        self._show_esf()

    def _show_esf(self) -> None:
        follow_up = self.esf_follow_up
        if follow_up is None:
            text = _("Six-month ESF Plus follow-up: planned once her exit date is entered.")
        elif follow_up.not_reached:
            text = _("Six-month ESF Plus follow-up (due {date}): she could not be reached.")
        elif follow_up.answered_on is not None:
            text = _("Six-month ESF Plus follow-up (due {date}): answered on {answered}.")
        else:
            text = _("Six-month ESF Plus follow-up: due on {date}, not answered yet.")
        due = format_date(follow_up.due_on) if follow_up else ""
        answered = format_date(follow_up.answered_on) if follow_up else ""
        self.esf_line.setText(text.format(date=due, answered=answered))
        self.esf_button.setText(
            _("Answer the six-month questions…") if follow_up else _("Open ESF Plus")
        )

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
