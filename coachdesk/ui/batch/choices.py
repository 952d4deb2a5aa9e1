"""What a batch is made of: whom, which document, for which recipient, in which language."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.export.batch_plan import BATCH_DOCUMENTS, BatchRequest
from coachdesk.export.preview import DocumentType, document_label
from coachdesk.facade import Services
from coachdesk.i18n import N_, SUPPORTED_LANGUAGES, _, ngettext
from coachdesk.ui.export.dialog import LANGUAGE_NAMES
from coachdesk.ui.export.month_field import MonthCombo
from coachdesk.ui.export.recipient_combos import (
    fill_contacts,
    organisation_combo,
    retranslate_contacts,
)
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.programme_combo import ProgrammeCombo


class BatchChoices(QWidget):
    """The form above the preview; ``changed`` whenever the batch it describes changes."""

    changed = Signal()

    def __init__(
        self, services: Services, selected_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.selected_ids = tuple(selected_ids)
        self.who_selected = QRadioButton()
        self.who_selected.setObjectName("batch_who_selected")
        self.who_active = QRadioButton()
        self.who_active.setObjectName("batch_who_active")
        self.who = QButtonGroup(self)
        self.who.addButton(self.who_selected)
        self.who.addButton(self.who_active)
        self.who_selected.setEnabled(bool(self.selected_ids))
        (self.who_selected if self.selected_ids else self.who_active).setChecked(True)
        who_box = QWidget()
        who_layout = QVBoxLayout(who_box)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.addWidget(self.who_selected)
        who_layout.addWidget(self.who_active)
        # Of the recipient's active participants, those of one programme (or all).
        self.programme = ProgrammeCombo()
        self.programme.set_programmes(services.programmes.list())
        self.document = QComboBox()
        for doc in BATCH_DOCUMENTS:
            self.document.addItem("", doc)
        self.month = MonthCombo(services.ctx.today())
        self.organisation = organisation_combo(services)
        self.contact = QComboBox()
        self.purpose = QLineEdit()
        self.language = QComboBox()
        for lang in SUPPORTED_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(lang, lang), lang)
        self.rows = FormRows(self)
        self.rows.layout.setContentsMargins(0, 0, 0, 0)
        self.rows.add("participant_ids", N_("Participants"), who_box, buddy=self.who_selected)
        self.rows.add("programme_id", N_("Programme"), self.programme)
        self.rows.add("document", N_("Document"), self.document)
        self.rows.add("month", N_("Month"), self.month)
        self.rows.add("organisation_id", N_("Recipient"), self.organisation)
        self.rows.add("contact_id", N_("Contact person"), self.contact)
        self.rows.add("purpose", N_("Purpose"), self.purpose)
        self.rows.add("lang", N_("Language of the documents"), self.language)
        self._fill_contacts()
        self.organisation.currentIndexChanged.connect(self._fill_contacts)
        self.organisation.currentIndexChanged.connect(self.changed)
        for combo in (self.document, self.month, self.contact, self.language, self.programme):
            combo.currentIndexChanged.connect(self.changed)
        self.document.currentIndexChanged.connect(self._show_month)
        self._show_month()
        self.programme.setEnabled(self.who_active.isChecked())
        self.who.buttonToggled.connect(self._who_toggled)
        self.purpose.editingFinished.connect(self.changed)

    def retranslate(self) -> None:
        n = len(self.selected_ids)
        self.who_selected.setText(
            ngettext(
                "The {n} participant selected in the list",
                "The {n} participants selected in the list",
                n,
            ).format(n=n)
            if n
            else _("No participant is selected in the list.")
        )
        self.who_active.setText(_("All active participants of the recipient"))
        self.who_active.setToolTip(
            _(
                "Active participants whose integration officer works there or who gave a "
                "consent for it."
            )
        )
        for index in range(self.document.count()):
            self.document.setItemText(index, document_label(self.document.itemData(index)))
        retranslate_contacts(self.contact)
        self.month.retranslate()
        self.programme.retranslate()
        self.rows.retranslate()

    def _absence_sheets(self) -> bool:
        return bool(self.document.currentData() == DocumentType.ABSENCE_SHEET)

    def _show_month(self) -> None:
        self.rows.set_row_visible("month", self._absence_sheets())

    def _who_toggled(self, _button: object, checked: bool) -> None:
        self.programme.setEnabled(self.who_active.isChecked())
        if checked:  # the other button's "unchecked" follows; one preview is enough
            self.changed.emit()

    def _fill_contacts(self) -> None:
        fill_contacts(self.contact, self.services, self.organisation.currentData())

    def participant_ids(self) -> tuple[int, ...]:
        if self.who_selected.isChecked():
            return self.selected_ids
        org_id = self.organisation.currentData()
        if org_id is None:
            return ()
        return self.services.exports.batch_participants(org_id, self.programme.value())

    def request(self) -> BatchRequest:
        return BatchRequest(
            participant_ids=self.participant_ids(),
            document=DocumentType(self.document.currentData()),
            organisation_id=self.organisation.currentData(),
            contact_id=self.contact.currentData(),
            purpose=self.purpose.text().strip(),
            lang=self.language.currentData() or "de",
            month=self.month.month() if self._absence_sheets() else None,
        )
