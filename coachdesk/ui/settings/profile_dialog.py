"""Asking who signs, when a vault opens without the coach's name (made before CoachDesk asked)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.unlock.profile_fields import ProfileFields


class ProfileDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.fields = ProfileFields()
        self.fields.load(services)
        QVBoxLayout(self.body).addWidget(self.fields)
        self.fields.submitted.connect(self.try_save)
        self.retranslate()
        self.resize_within_screen(560, 300)

    def retranslate(self) -> None:
        self.setWindowTitle(_("About you"))
        self.fields.retranslate()
        self.retranslate_buttons()

    def field_widgets(self) -> dict[str, QWidget]:
        return self.fields.rows.fields

    def save(self) -> bool:
        self.services.settings.set_signer(
            self.fields.coach_name.text(), self.fields.organisation_name.text()
        )
        return True
