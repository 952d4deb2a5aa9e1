"""Who signs: the coach's name and her organisation, asked at first start and kept in the vault.

Every signed document names both, so CoachDesk asks for them before the first document,
not when she tries to send one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.services.errors import ValidationError
from coachdesk.services.settings import COACH_NAME, ORGANISATION_NAME
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.forms import ErrorLabel, clear_validation_errors, show_validation_errors
from coachdesk.ui.kit.style import wrapping_label


class ProfileFields(QWidget):
    """Name and organisation with their captions; ``submitted`` on Enter in either field."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = wrapping_label()
        self.rows = FormRows()
        self.coach_name = self.rows.add(COACH_NAME, N_("Your &name:"), QLineEdit())
        self.organisation_name = self.rows.add(
            ORGANISATION_NAME, N_("Your &organisation:"), QLineEdit()
        )
        self.coach_name.setMaxLength(200)
        self.organisation_name.setMaxLength(200)
        self.general_error = ErrorLabel(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.intro)
        box.addLayout(self.rows.layout)
        box.addWidget(self.general_error)
        self.rows.chain_tabs()
        for field in (self.coach_name, self.organisation_name):
            field.returnPressed.connect(self.submitted)
            field.textEdited.connect(lambda _text: self._clear_errors())
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Every document you sign names you and your organisation. You can change both "
                "later in Settings."
            )
        )
        self.coach_name.setPlaceholderText(_("for example Miriam Löwe"))
        self.organisation_name.setPlaceholderText(_("for example the project's provider"))
        self.rows.retranslate()

    def load(self, services: Services) -> None:
        self.coach_name.setText(services.settings.coach_name())
        self.organisation_name.setText(services.settings.organisation_name())

    def store(self, services: Services) -> bool:
        """Save both, or show what is wrong next to its field and return False."""
        try:
            services.settings.set_signer(self.coach_name.text(), self.organisation_name.text())
        except ValidationError as err:
            show_validation_errors(self.rows.fields, err, self.general_error)
            return False
        return True

    def _clear_errors(self) -> None:
        clear_validation_errors(self.rows.fields, self.general_error)
