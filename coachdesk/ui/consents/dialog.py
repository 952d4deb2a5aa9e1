"""Record a consent: which data categories may go to which recipient, for what, until when."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import SPECIAL_CATEGORIES, ConsentMethod, DataCategory, LegalBasis
from coachdesk.services.consents import ConsentDraft, ConsentRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area

CAPTIONS = [
    ("categories", N_("Data categories")),
    ("recipient_organisation_id", N_("Recipient organisation")),
    ("recipient_contact_id", N_("or only this person")),
    ("purpose", N_("Purpose")),
    ("legal_basis", N_("Legal basis")),
    ("method", N_("How given")),
    ("witness", N_("Witness")),
    ("interpreter", N_("Interpreter")),
    ("notice_version", N_("Information sheet version")),
    ("notice_language", N_("Language of the information sheet")),
    ("given_on", N_("Given on")),
    ("valid_until", N_("Valid until")),
    ("paper_reference", N_("Signed paper filed at")),
]


class ConsentDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        participant_id: int,
        consent: ConsentRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.consent = consent
        self.category_boxes = {cat: QCheckBox() for cat in DataCategory}
        categories = QWidget()
        grid = QGridLayout(categories)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.category_boxes.values()):
            grid.addWidget(box, index // 2, index % 2)
        self.organisation = QComboBox()
        self.organisation.addItem("", None)
        for org in services.directory.list_organisations():
            self.organisation.addItem(org.name, org.id)
        self.contact = QComboBox()
        self.contact.addItem("", None)
        for person in services.directory.list_contacts():
            self.contact.addItem(f"{person.name} ({person.organisation_name})", person.id)
        self.purpose = text_area(lines=2)
        self.legal_basis = EnumCombo(LegalBasis)
        self.method = EnumCombo(ConsentMethod)
        self.witness = QLineEdit()
        self.interpreter = QLineEdit()
        self.notice_version = QLineEdit()
        self.notice_language = QLineEdit()
        self.given_on = DateField(allow_empty=False)
        self.valid_until = DateField()
        self.paper_reference = QLineEdit()
        widgets: dict[str, QWidget] = {
            "categories": categories,
            "recipient_organisation_id": self.organisation,
            "recipient_contact_id": self.contact,
            "purpose": self.purpose,
            "legal_basis": self.legal_basis,
            "method": self.method,
            "witness": self.witness,
            "interpreter": self.interpreter,
            "notice_version": self.notice_version,
            "notice_language": self.notice_language,
            "given_on": self.given_on,
            "valid_until": self.valid_until,
            "paper_reference": self.paper_reference,
        }
        for name, caption in CAPTIONS:
            self.rows.add(name, caption, widgets[name])
        for cat in SPECIAL_CATEGORIES:
            self.category_boxes[cat].toggled.connect(self._special_toggled)
        self._fill()
        self.retranslate()
        self.resize_within_screen(760, 720)

    def _fill(self) -> None:
        c = self.consent
        if c is None:
            self.given_on.set_date(self.services.ctx.today())
            self.notice_language.setText("de")
            return
        for cat, box in self.category_boxes.items():
            box.setChecked(cat in c.categories)
        self.organisation.setCurrentIndex(
            max(0, self.organisation.findData(c.recipient_organisation_id))
        )
        self.contact.setCurrentIndex(max(0, self.contact.findData(c.recipient_contact_id)))
        self.purpose.setPlainText(c.purpose)
        self.legal_basis.set_value(c.legal_basis)
        self.method.set_value(c.method)
        self.witness.setText(c.witness)
        self.interpreter.setText(c.interpreter)
        self.notice_version.setText(c.notice_version)
        self.notice_language.setText(c.notice_language)
        self.given_on.set_date(c.given_on)
        self.valid_until.set_date(c.valid_until)
        self.paper_reference.setText(c.paper_reference)

    def _special_toggled(self, checked: bool) -> None:
        """Health and residence status need explicit consent: offer it right away."""
        if checked and self.legal_basis.value() == LegalBasis.CONSENT:
            self.legal_basis.set_value(LegalBasis.EXPLICIT_CONSENT)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Record consent") if self.consent is None else _("Consent"))
        for cat, box in self.category_boxes.items():
            text = label(cat)
            if cat in SPECIAL_CATEGORIES:
                text = _("{category} (special category)").format(category=text)
            box.setText(text)
        for combo in (self.legal_basis, self.method, self.given_on, self.valid_until):
            combo.retranslate()
        self.retranslate_form()

    def field_widgets(self) -> dict[str, QWidget]:
        # The service names a missing recipient "recipient": next to the organisation.
        return {**self.rows.fields, "recipient": self.organisation}

    def save(self) -> bool:
        dates = read_dates({"given_on": self.given_on, "valid_until": self.valid_until})
        draft = ConsentDraft(
            frozenset(cat for cat, box in self.category_boxes.items() if box.isChecked()),
            self.purpose.toPlainText(),
            dates["given_on"],  # type: ignore[arg-type]
            self.organisation.currentData(),
            self.contact.currentData(),
            self.legal_basis.value(),  # type: ignore[arg-type]
            self.method.value(),  # type: ignore[arg-type]
            self.witness.text(),
            self.notice_version.text(),
            self.notice_language.text(),
            self.interpreter.text(),
            dates["valid_until"],
            self.paper_reference.text(),
            self.services.ctx.actor,
        )
        if self.consent is None:
            self.services.consents.record(self.participant_id, draft)
        else:
            self.services.consents.update(self.consent.id, draft)
        return True
