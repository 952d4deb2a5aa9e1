"""The modules a participant is enrolled in: enrol, record attendance and the result."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.labels import label
from coachdesk.services.context import ChangeKind
from coachdesk.ui.file.section import FileSection, button_row
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.modules.enrolment_dialogs import AttendanceDialog, EnrolDialog, ResultDialog
from coachdesk.ui.modules.enrolment_model import EnrolmentTableModel
from coachdesk.ui.shell.signals import AppSignals


class ModulesTab(FileSection):
    KINDS = (ChangeKind.ENROLMENT, ChangeKind.MODULE)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.table = RecordTable(EnrolmentTableModel(self))
        self.table.view.hideColumn(EnrolmentTableModel.PARTICIPANT)
        self.enrol_button = QPushButton()
        self.attendance_button = QPushButton()
        self.result_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        self.attendance_button.clicked.connect(self.record_attendance)
        self.result_button.clicked.connect(self.record_result)
        self.table.activated.connect(lambda _e: self.record_attendance())
        self.table.selection_changed.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.enrol_button, self.attendance_button, self.result_button))
        layout.addWidget(self.table, 3)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.details, 1)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.enrol_button.setText(_("Enrol in a module…"))
        self.attendance_button.setText(_("Record attendance…"))
        self.result_button.setText(_("Record result…"))
        self.table.set_empty_text(
            _(
                "Not enrolled in any module yet. "
                "Use “Enrol in a module…” to add one from the catalogue."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        self.table.set_rows(self.services.modules.enrolments_for_participant(self.participant_id))
        self._update_buttons()

    def _show_details(self, enrolment: Any) -> None:
        if enrolment is None:
            self.details.setText("")
            return
        sessions = ", ".join(
            _("{date}: {status}").format(date=format_date(a.session_date), status=label(a.status))
            for a in enrolment.attendance
        )
        lines = [
            _("Sessions: {sessions}").format(sessions=sessions or _("none recorded yet")),
        ]
        if enrolment.result_note:
            lines.append(_("Note on the result: {note}").format(note=enrolment.result_note))
        self.details.setText("\n".join(lines))

    def _update_buttons(self) -> None:
        self._show_details(self.table.current_record())
        selected = self.table.current_record() is not None
        self.attendance_button.setEnabled(selected)
        self.result_button.setEnabled(selected)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.open()
        return dialog

    def enrol(self) -> QDialog:
        return self._open(EnrolDialog(self.services, self.participant_id, self))

    def record_attendance(self) -> QDialog | None:
        enrolment = self.table.current_record()
        if enrolment is None:
            return None
        return self._open(AttendanceDialog(self.services, enrolment, self))

    def record_result(self) -> QDialog | None:
        enrolment = self.table.current_record()
        if enrolment is None:
            return None
        return self._open(ResultDialog(self.services, enrolment, self))
