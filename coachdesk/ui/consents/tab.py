"""A participant's consents: record, look up, withdraw. Documents leave only under a valid one.

Each consent shows whether its signed paper is scanned into her file; "Attach signed
paper…" (or files dropped onto the consent's row) adds it, "Show signed paper" opens it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.labels import label
from coachdesk.models.enums import SPECIAL_CATEGORIES
from coachdesk.services.attachment_records import AttachmentRecord
from coachdesk.services.context import ChangeKind
from coachdesk.ui.attachments.adding import add_papers, choose_files
from coachdesk.ui.attachments.dialog import PaperDialog
from coachdesk.ui.attachments.drops import RowDropFilter
from coachdesk.ui.attachments.links import Link, LinkKind
from coachdesk.ui.attachments.opening import show_paper
from coachdesk.ui.consents.dialog import ConsentDialog
from coachdesk.ui.consents.model import ConsentTableModel, validity_text
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.shell.signals import AppSignals


class ConsentsTab(FileSection):
    KINDS = (ChangeKind.CONSENT, ChangeKind.ORGANISATION, ChangeKind.CONTACT, ChangeKind.ATTACHMENT)

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
        self.attach_button = QPushButton()
        self.show_paper_button = QPushButton()
        self.papers: dict[int, AttachmentRecord] = {}
        """Her consents' signed papers in her file, by consent (the newest of each)."""
        self.attach_button.clicked.connect(lambda: self.attach_paper(self.table.current_record()))
        self.show_paper_button.clicked.connect(self.show_signed_paper)
        self.drops = RowDropFilter(self.table.view, self._dropped)
        self.new_button.clicked.connect(lambda: self.open_consent(None))
        self.open_button.clicked.connect(lambda: self.open_consent(self.table.current_record()))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.activated.connect(self.open_consent)
        self.table.selection_changed.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        buttons = (self.new_button, self.open_button, self.withdraw_button)
        layout.addLayout(button_row(*buttons, self.attach_button, self.show_paper_button))
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
        self.attach_button.setText(_("Attach signed paper…"))
        self.attach_button.setToolTip(
            _("Add the scan or photo of the signed consent form (or drop it onto the consent)")
        )
        self.show_paper_button.setText(_("Show signed paper"))
        self.table.set_empty_text(
            _(
                "No consent recorded. Without a consent nothing about her can be exported. "
                "Record the signed consent form with “Record consent…”."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        self.consent_model.today = self.today()
        papers = self.services.attachments.list_for_participant(self.participant_id)
        # Newest first: the first paper of each consent is the one shown.
        self.papers = {}
        for paper in papers:
            if paper.consent_id is not None:
                self.papers.setdefault(paper.consent_id, paper)
        self.consent_model.scanned = frozenset(self.papers)
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
        paper = self.papers.get(consent.id)
        if paper is not None:
            lines.append(_("Scan of the signed paper: “{title}”").format(title=paper.title))
        self.details.setText("\n".join(lines))

    def _update_buttons(self) -> None:
        consent = self.table.current_record()
        self._show_details(consent)
        self.open_button.setEnabled(consent is not None)
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)
        self.attach_button.setEnabled(consent is not None)
        self.show_paper_button.setEnabled(consent is not None and consent.id in self.papers)

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

    # -- the signed paper ---------------------------------------------------------------------

    def attach_paper(self, consent: Any, paths: list[Path] | None = None) -> PaperDialog | None:
        """Add the signed paper of ``consent`` (chosen in the file dialog unless given)."""
        if consent is None:
            return None
        files = paths if paths is not None else choose_files(self)
        link = Link(LinkKind.CONSENT, consent.id)
        return add_papers(self, self.services, self.participant_id, files, link)

    def _dropped(self, paths: list[Path], consent: Any) -> None:
        # Between the rows the files are papers of her file, belonging to no consent.
        if consent is None:
            add_papers(self, self.services, self.participant_id, paths)
        else:
            self.attach_paper(consent, paths)

    def show_signed_paper(self) -> QWidget | None:
        consent = self.table.current_record()
        paper = self.papers.get(consent.id) if consent is not None else None
        return show_paper(self, self.services, paper) if paper is not None else None
