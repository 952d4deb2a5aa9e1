"""Settings, "Papers": the largest file she may attach to a participant's file."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.services.attachment_rules import LIMIT_RANGE_MB
from coachdesk.services.errors import ValidationError
from coachdesk.ui.kit.count_spin_box import CountSpinBox
from coachdesk.ui.kit.style import message_label, wrapping_label


class PapersGroup(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("papers")
        self.services = services
        self.intro = wrapping_label()
        self.limit = CountSpinBox(lambda n: ngettext("{n} MB", "{n} MB", n))
        self.limit.setObjectName("attachment_limit")
        self.limit.setRange(LIMIT_RANGE_MB.start, LIMIT_RANGE_MB.stop - 1)
        self.limit.setValue(services.settings.attachment_limit_mb())
        self.limit_label = QLabel()
        self.limit_label.setBuddy(self.limit)
        self.save_button = QPushButton()
        self.message = message_label()
        row = QHBoxLayout()
        row.addWidget(self.limit)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.limit_label, row)
        form.addRow(self.message)
        self.save_button.clicked.connect(self.save_limit)
        # Enter in the box saves, as Enter in her name's field does.
        self.limit.lineEdit().returnPressed.connect(self.save_limit)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Papers"))
        self.intro.setText(
            _(
                "Scans and photos are kept inside the vault, so backups grow with them. A file "
                "larger than this is refused with a message; a scanned page is usually well "
                "under 1 MB."
            )
        )
        self.limit_label.setText(_("Largest file to &attach:"))
        self.limit.retranslate()
        self.save_button.setText(_("Save size"))

    def refresh(self) -> None:
        self.limit.setValue(self.services.settings.attachment_limit_mb())
        self.message.setText("")

    def save_limit(self) -> None:
        try:
            self.services.settings.set_attachment_limit_mb(self.limit.value())
        except ValidationError as err:
            self.message.setText(err.render())
            return
        self.message.setText(_("Saved."))
