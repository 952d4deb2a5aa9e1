"""Small dialogs of the modules tab: enrol in a module, record attendance, record the result."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import AttendanceStatus, EnrolmentResult
from coachdesk.services.errors import ValidationError
from coachdesk.services.modules import EnrolmentRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area


class _SmallDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services


class EnrolDialog(_SmallDialog):
    def __init__(
        self, services: Services, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.participant_id = participant_id
        self.module = self.rows.add("module_id", N_("Module"), QComboBox())
        taken = {e.module_id for e in services.modules.enrolments_for_participant(participant_id)}
        # Her programme's modules and those for every programme first; then the others,
        # each named with its programme, after a line.
        hers, others = services.modules.offered_to(participant_id)
        for module in hers:
            if module.id not in taken:
                self.module.addItem(module.title, module.id)
        others = [m for m in others if m.id not in taken]
        if others and self.module.count():
            self.module.insertSeparator(self.module.count())
        for module in others:
            text = _("{module} ({programme})").format(
                module=module.title, programme=module.programme
            )
            self.module.addItem(text, module.id)
        self.enrolled_on = self.rows.add("on", N_("Enrolled on"), DateField(allow_empty=False))
        self.enrolled_on.set_date(services.ctx.today())
        self.setWindowTitle(_("Enrol in a module"))
        self.retranslate_form()
        self.resize_within_screen(480, 200)

    def save(self) -> bool:
        if self.module.currentIndex() < 0:
            raise ValidationError.single(
                "module_id", N_("There is no module to choose. Add modules in the catalogue first.")
            )
        self.services.modules.enrol(
            self.participant_id,
            int(self.module.currentData()),
            self.enrolled_on.required_date("on"),
        )
        return True


class AttendanceDialog(_SmallDialog):
    def __init__(
        self, services: Services, enrolment: EnrolmentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.enrolment = enrolment
        self.session_date = self.rows.add(
            "session_date", N_("Session day"), DateField(allow_empty=False)
        )
        self.session_date.set_date(services.ctx.today())
        self.status = self.rows.add("status", N_("Attendance"), EnumCombo(AttendanceStatus))
        self.note = self.rows.add("note", N_("Note"), text_area(lines=2))
        self.setWindowTitle(_("Attendance: {module}").format(module=enrolment.module_title))
        self.retranslate_form()
        self.resize_within_screen(480, 260)

    def save(self) -> bool:
        self.services.modules.record_attendance(
            self.enrolment.id,
            self.session_date.required_date("session_date"),
            self.status.chosen(),
            self.note.toPlainText(),
        )
        return True


class ResultDialog(_SmallDialog):
    def __init__(
        self, services: Services, enrolment: EnrolmentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.enrolment = enrolment
        # Not ``self.result``: that would hide QDialog.result() (calling it raised TypeError).
        self.outcome = self.rows.add("result", N_("Result"), EnumCombo(EnrolmentResult))
        self.outcome.set_value(enrolment.result)
        self.completed_on = self.rows.add("completed_on", N_("Ended on"), DateField())
        self.completed_on.set_date(enrolment.completed_on)
        self.note = self.rows.add("result_note", N_("Note"), text_area(lines=3))
        self.note.setPlainText(enrolment.result_note)
        self.setWindowTitle(_("Result: {module}").format(module=enrolment.module_title))
        self.retranslate_form()
        self.resize_within_screen(480, 280)

    def save(self) -> bool:
        on = read_dates({"completed_on": self.completed_on})["completed_on"]
        self.services.modules.set_result(
            self.enrolment.id, self.outcome.chosen(), on, self.note.toPlainText()
        )
        return True
