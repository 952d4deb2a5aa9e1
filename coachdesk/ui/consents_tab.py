"""A participant's consents: record, look up, withdraw. Documents leave only under a valid one."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.i18n import _
from coachdesk.ui.consent_dialog import ConsentDialog
from coachdesk.ui.consent_model import ConsentTableModel
from coachdesk.ui.file_section import FileSection, button_row, guarded
from coachdesk.ui.record_table import RecordTable


class ConsentsTab(FileSection):
    KINDS = ("consent", "organisation", "contact")

    def __init__(
        self, services: Any, signals: Any, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.table = RecordTable(ConsentTableModel(services.ctx.today(), self))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.withdraw_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.open_consent(None))
        self.open_button.clicked.connect(lambda: self.open_consent(self.table.current_record()))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.activated.connect(self.open_consent)
        self.table.selection_changed.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(button_row(self.new_button, self.open_button, self.withdraw_button))
        layout.addWidget(self.table)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "A document leaves the device only with the data categories she consented to "
                "for that recipient, while the consent is valid."
            )
        )
        self.new_button.setText(_("Record consent…"))
        self.open_button.setText(_("Open…"))
        self.withdraw_button.setText(_("Withdraw…"))
        self.table.set_empty_text(
            _(
                "No consent recorded. Without a consent nothing about her can be exported. "
                "Record the signed consent form with “Record consent…”."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        self.table.model.today = self.today()
        self.table.set_rows(self.services.consents.list_for_participant(self.participant_id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        consent = self.table.current_record()
        self.open_button.setEnabled(consent is not None)
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)

    def open_consent(self, consent: Any) -> ConsentDialog:
        dialog = ConsentDialog(self.services, self.participant_id, consent, self)
        dialog.open()
        return dialog

    def withdraw(self, *, ask: bool = True) -> None:
        consent = self.table.current_record()
        if consent is None or consent.withdrawn_on is not None:
            return
        if ask:
            answer = QMessageBox.question(
                self,
                _("Withdraw consent"),
                _(
                    "She withdraws this consent today. From today on nothing may be sent to "
                    "{recipient} under it. Continue?"
                ).format(recipient=consent.recipient_name or _("this recipient")),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        guarded(self, lambda: self.services.consents.withdraw(consent.id, self.today()))
