"""Settings, "Retention and erasure": how long files are kept after exit, and who is due."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.services.errors import ValidationError
from coachdesk.ui.kit.count_spin_box import CountSpinBox
from coachdesk.ui.kit.style import message_label, wrapping_label


class RetentionGroup(QGroupBox):
    """Emits ``erasure_requested`` for the list of people due for erasure."""

    erasure_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retention")
        self.services = services
        self.intro = wrapping_label()
        self.months = CountSpinBox(lambda n: ngettext("{n} month", "{n} months", n))
        self.months.setObjectName("retention_months")
        self.months.setRange(1, 120)
        self.months.setValue(services.settings.retention_months())
        self.months_label = QLabel()
        self.months_label.setBuddy(self.months)
        self.save_button = QPushButton()
        self.due_button = QPushButton()
        self.message = message_label()
        row = QHBoxLayout()
        row.addWidget(self.months)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.months_label, row)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_button)
        due_row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(due_row)
        self.save_button.clicked.connect(self.save_months)
        self.due_button.clicked.connect(self.erasure_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Retention and erasure"))
        self.intro.setText(
            _(
                "After a participant exits, her file is kept for this period; then she "
                "appears on Today and in the list of people due for erasure. A new period "
                "applies to exit dates saved from now on."
            )
        )
        self.months_label.setText(_("Keep files after exit for:"))
        self.months.retranslate()
        self.save_button.setText(_("Save period"))
        self.due_button.setText(_("People due for erasure…"))

    def save_months(self) -> None:
        try:
            self.services.settings.set_retention_months(self.months.value())
        except ValidationError as err:
            self.message.setText(err.render())
            return
        self.message.setText(_("Saved."))
