"""Verifying a colleague's certificate: she reads her fingerprint aloud, group by group.

The button stays disabled until the coach confirms that every group matched; how she
compared (by phone, in person) is kept with who and when, in the audit log.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.services.colleagues import ColleagueInfo
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.kit.style import message_label, wrapping_label

WAYS = (N_("by phone"), N_("in person"), N_("by video call"))


class VerifyDialog(QDialog):
    def __init__(
        self, services: Services, colleague: ColleagueInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("colleague_verify")
        self.services = services
        self.colleague = colleague
        from coachdesk.ui.settings.colleagues import fingerprint_block

        self.intro = wrapping_label()
        self.fingerprint = QLabel(fingerprint_block(colleague.fingerprint))
        self.fingerprint.setObjectName("verify_fingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.Bold)
        self.fingerprint.setFont(font)
        self.how = QComboBox()
        self.how.setObjectName("verify_how")
        for way in WAYS:
            self.how.addItem(_(way), way)
        self.matches = QCheckBox()
        self.matches.setObjectName("verify_matches")
        self.message = message_label(error=True)
        # Buttons of our own: Qt renames its standard buttons when the language changes.
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setObjectName("verify_ok")
        self.ok.setEnabled(False)
        self.matches.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.verify)
        self.buttons.rejected.connect(self.reject)
        self.how_label = QLabel()
        self.how_label.setBuddy(self.how)
        form = QFormLayout()
        form.addRow(self.how_label, self.how)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addWidget(self.fingerprint)
        box.addLayout(form)
        box.addWidget(self.matches)
        box.addWidget(self.message)
        box.addStretch(1)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Compare the fingerprint"))
        self.intro.setText(
            _(
                "Call {name} or meet her. Ask her to open Settings in her CoachDesk and read "
                "her fingerprint aloud; compare every group with the one below. If a single "
                "character differs, do not verify: the file may not be hers."
            ).format(name=self.colleague.name)
        )
        for index, way in enumerate(WAYS):
            self.how.setItemText(index, _(way))
        self.matches.setText(_("All 16 groups match what she read to me."))
        self.how_label.setText(_("&Compared:"))
        self.ok.setText(_("Mark as verified"))
        self.cancel.setText(_("Cancel"))

    def verify(self) -> None:
        if not self.matches.isChecked():
            return
        try:
            self.services.colleagues.verify(self.colleague.id, str(self.how.currentData()))
        except (ValidationError, NotFoundError) as err:
            self.message.setText(str(err))
            return
        self.accept()
