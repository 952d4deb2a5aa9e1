"""A participant's consents: record, look up, withdraw. Documents leave only under a valid one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.labels import label
from coachdesk.models.enums import SPECIAL_CATEGORIES
from coachdesk.services.context import ChangeKind
from coachdesk.ui.consents.dialog import ConsentDialog
from coachdesk.ui.consents.model import ConsentTableModel, validity_text
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.shell.signals import AppSignals


class ConsentsTab(FileSection):
    KINDS = (ChangeKind.CONSENT, ChangeKind.ORGANISATION, ChangeKind.CONTACT)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.consent_model = ConsentTableModel(services.ctx.today(), self)
        self.table = RecordTable(self.consent_model)
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
        layout.addWidget(self.table, 3)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details, 1)
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
        self.consent_model.today = self.today()
        self.table.set_rows(self.services.consents.list_for_participant(self.participant_id))
        self._update_buttons()

    def _show_details(self, consent: Any) -> None:
        if consent is None:
            self.details.setText("")
            return
        categories = []
        for cat in sorted(consent.categories, key=label):
            text = label(cat)
            if cat in SPECIAL_CATEGORIES:
                text = _("{category} (special category)").format(category=text)
            categories.append(text)
        lines = [
            _("To: {recipient}").format(recipient=consent.recipient_name or "–"),
            _("Purpose: {purpose}").format(purpose=consent.purpose),
            _("Data categories: {categories}").format(categories=", ".join(categories)),
            validity_text(consent, self.today()),
            _("{method}, given on {date}").format(
                method=label(consent.method), date=format_date(consent.given_on)
            ),
            label(consent.legal_basis),
        ]
        if consent.witness:
            lines.append(_("Witness: {name}").format(name=consent.witness))
        if consent.paper_reference:
            lines.append(_("Signed paper: {where}").format(where=consent.paper_reference))
        self.details.setText("\n".join(lines))

    def _update_buttons(self) -> None:
        consent = self.table.current_record()
        self._show_details(consent)
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
