"""A dialog to take up a new participant; the coach fills in what she knows so far."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.participants.form import ParticipantForm, contact_choices
from coachdesk.ui.participants.programme_choice import offer_new_programme


class NewParticipantDialog(FormDialog):
    """``exec()`` then ``participant_id`` (None when cancelled)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id: int | None = None
        self.intro = QLabel(self.body)
        self.intro.setWordWrap(True)
        self.form = ParticipantForm(self.body)
        self.form.set_contacts(contact_choices(services))
        self.form.set_programmes(services.programmes.list(), None)
        offer_new_programme(self.form.programme, services, self)
        self.form.set_record(None)
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.resize_within_screen(1000, 760)
        self.form.fields["first_name"].setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New participant"))
        self.intro.setText(
            _(
                "First and last name are enough to start; everything else can follow. "
                "Each box shows the data category its fields belong to."
            )
        )
        self.form.retranslate()
        self.retranslate_buttons()

    def field_widgets(self) -> dict[str, QWidget]:
        return self.form.fields

    def save(self) -> bool:
        draft = self.form.checked_draft(self.services.ctx.today())
        record = self.services.participants.create(draft)
        self.participant_id = record.id
        return True

    def run(self) -> int | None:
        """Show the dialog; the new participant's id, or None when cancelled."""
        self.exec()
        return self.participant_id
