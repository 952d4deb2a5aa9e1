"""Small dialogs of the modules tab: enrol in a module, record attendance, record the result."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from coachdesk.i18n import N_, _
from coachdesk.models.enums import AttendanceStatus, EnrolmentResult
from coachdesk.services.errors import ValidationError
from coachdesk.services.modules import EnrolmentRecord
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import DateField, EnumCombo, read_dates, text_area, with_error_label


class _SmallDialog(FormDialog):
    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.form = QFormLayout(self.body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.captions: list[QLabel] = []

    def add_row(self, widget: QWidget) -> None:
        caption = QLabel()
        caption.setWordWrap(True)
        caption.setBuddy(widget)
        self.captions.append(caption)
        self.form.addRow(caption, with_error_label(widget))

    def set_captions(self, *texts: str) -> None:
        for caption, text in zip(self.captions, texts, strict=True):
            caption.setText(text)
        self.retranslate_buttons()


class EnrolDialog(_SmallDialog):
    def __init__(self, services: Any, participant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.participant_id = participant_id
        self.module = QComboBox()
        taken = {e.module_id for e in services.modules.enrolments_for_participant(participant_id)}
        for module in services.modules.list():
            if module.id not in taken:
                self.module.addItem(module.title, module.id)
        self.enrolled_on = DateField(allow_empty=False)
        self.enrolled_on.set_date(services.ctx.today())
        self.add_row(self.module)
        self.add_row(self.enrolled_on)
        self.setWindowTitle(_("Enrol in a module"))
        self.set_captions(_("Module"), _("Enrolled on"))
        self.resize_within_screen(480, 200)

    def field_widgets(self) -> dict[str, QWidget]:
        return {"module_id": self.module, "on": self.enrolled_on}

    def save(self) -> bool:
        if self.module.currentIndex() < 0:
            raise ValidationError.single(
                "module_id", N_("There is no module to choose. Add modules in the catalogue first.")
            )
        on = read_dates({"on": self.enrolled_on})["on"]
        self.services.modules.enrol(self.participant_id, int(self.module.currentData()), on)
        return True


class AttendanceDialog(_SmallDialog):
    def __init__(
        self, services: Any, enrolment: EnrolmentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.enrolment = enrolment
        self.session_date = DateField(allow_empty=False)
        self.session_date.set_date(services.ctx.today())
        self.status = EnumCombo(AttendanceStatus)
        self.note = text_area(lines=2)
        for widget in (self.session_date, self.status, self.note):
            self.add_row(widget)
        self.setWindowTitle(_("Attendance: {module}").format(module=enrolment.module_title))
        self.set_captions(_("Session day"), _("Attendance"), _("Note"))
        self.resize_within_screen(480, 260)

    def field_widgets(self) -> dict[str, QWidget]:
        return {"session_date": self.session_date, "status": self.status, "note": self.note}

    def save(self) -> bool:
        day = read_dates({"session_date": self.session_date})["session_date"]
        self.services.modules.record_attendance(
            self.enrolment.id, day, self.status.value(), self.note.toPlainText()
        )
        return True


class ResultDialog(_SmallDialog):
    def __init__(
        self, services: Any, enrolment: EnrolmentRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.enrolment = enrolment
        self.result = EnumCombo(EnrolmentResult)
        self.result.set_value(enrolment.result)
        self.completed_on = DateField()
        self.completed_on.set_date(enrolment.completed_on)
        self.note = text_area(lines=3)
        self.note.setPlainText(enrolment.result_note)
        for widget in (self.result, self.completed_on, self.note):
            self.add_row(widget)
        self.setWindowTitle(_("Result: {module}").format(module=enrolment.module_title))
        self.set_captions(_("Result"), _("Ended on"), _("Note"))
        self.resize_within_screen(480, 280)

    def field_widgets(self) -> dict[str, QWidget]:
        return {"result": self.result, "completed_on": self.completed_on, "result_note": self.note}

    def save(self) -> bool:
        on = read_dates({"completed_on": self.completed_on})["completed_on"]
        self.services.modules.set_result(
            self.enrolment.id, self.result.value(), on, self.note.toPlainText()
        )
        return True
