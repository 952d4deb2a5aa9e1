"""Plan or record one aftercare follow-up."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import AftercareStatus
from coachdesk.services.aftercare import FollowUpDraft, FollowUpRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area


class FollowUpDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        participant_id: int,
        followup: FollowUpRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.followup = followup
        self.due_on = self.rows.add("due_on", N_("Due"), DateField(allow_empty=False))
        self.status = self.rows.add("status", N_("Status"), EnumCombo(AftercareStatus))
        self.done_on = self.rows.add("done_on", N_("Done on"), DateField())
        self.contact_method = self.rows.add("contact_method", N_("How"), QLineEdit())
        self.employment_status = self.rows.add(
            "employment_status", N_("Work situation"), QLineEdit()
        )
        self.note = self.rows.add("note", N_("Note"), text_area(lines=3))
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
        self.contact_method.setPlaceholderText(_("e.g. phone call, visit"))
        self.employment_status.setPlaceholderText(_("e.g. still employed as a care assistant"))
        self.status.retranslate()
        self.retranslate_form()

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
