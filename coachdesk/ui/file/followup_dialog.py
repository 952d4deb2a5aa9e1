"""Plan or record one aftercare follow-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from coachdesk.i18n import _
from coachdesk.models.enums import AftercareStatus
from coachdesk.services.aftercare import FollowUpDraft, FollowUpRecord
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import DateField, EnumCombo, read_dates, text_area, with_error_label


class FollowUpDialog(FormDialog):
    def __init__(
        self,
        services: Any,
        participant_id: int,
        followup: FollowUpRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.followup = followup
        self.due_on = DateField(allow_empty=False)
        self.status = EnumCombo(AftercareStatus)
        self.done_on = DateField()
        self.contact_method = QLineEdit()
        self.employment_status = QLineEdit()
        self.note = text_area(lines=3)
        self.captions: list[QLabel] = []
        form = QFormLayout(self.body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for widget in self.field_widgets().values():
            caption = QLabel()
            caption.setWordWrap(True)
            caption.setBuddy(widget)
            self.captions.append(caption)
            form.addRow(caption, with_error_label(widget))
        draft = followup.draft() if followup else FollowUpDraft(services.ctx.today())
        self.due_on.set_date(draft.due_on)
        self.status.set_value(draft.status)
        self.done_on.set_date(draft.done_on)
        self.contact_method.setText(draft.contact_method)
        self.employment_status.setText(draft.employment_status)
        self.note.setPlainText(draft.note)
        self.retranslate()
        self.resize_within_screen(520, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Aftercare follow-up"))
        texts = [_("Due"), _("Status"), _("Done on"), _("How"), _("Work situation"), _("Note")]
        for caption, text in zip(self.captions, texts, strict=True):
            caption.setText(text)
        self.contact_method.setPlaceholderText(_("e.g. phone call, visit"))
        self.employment_status.setPlaceholderText(_("e.g. still employed as a care assistant"))
        self.retranslate_buttons()

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "due_on": self.due_on,
            "status": self.status,
            "done_on": self.done_on,
            "contact_method": self.contact_method,
            "employment_status": self.employment_status,
            "note": self.note,
        }

    def save(self) -> bool:
        dates = read_dates({"due_on": self.due_on, "done_on": self.done_on})
        draft = FollowUpDraft(
            dates["due_on"],  # type: ignore[arg-type]
            dates["done_on"],
            self.status.value(),  # type: ignore[arg-type]
            self.contact_method.text(),
            self.employment_status.text(),
            self.note.toPlainText(),
        )
        if self.followup is None:
            self.services.aftercare.create(self.participant_id, draft)
        else:
            self.services.aftercare.update(self.followup.id, draft)
        return True
