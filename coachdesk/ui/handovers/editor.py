"""The handover editor: intake from the job centre, interim feedback, exit handover.

The kind decides which fields come first and what they ask for; the others stay
available below under "Further fields".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import HandoverKind
from coachdesk.services.handovers import HandoverDraft, HandoverRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area

TEXTS = (
    "reason",
    "situation",
    "expectations",
    "strengths",
    "obstacles",
    "next_steps",
    "recommendation",
)
CAPTIONS = {
    "reason": N_("Reason for the referral"),
    "situation": N_("Current situation"),
    "expectations": N_("Expectations"),
    "strengths": N_("Strengths"),
    "obstacles": N_("Obstacles"),
    "next_steps": N_("Next steps"),
    "recommendation": N_("Recommendation"),
}
# What matters most for each kind, in order, with a caption that says what is asked.
PROMINENT: dict[HandoverKind, list[tuple[str, str]]] = {
    HandoverKind.INTAKE: [
        ("reason", N_("Why the job centre refers her")),
        ("situation", N_("Her situation (family, childcare, language, health as far as relevant)")),
        ("expectations", N_("What the job centre and she expect from the coaching")),
        ("strengths", N_("Strengths and experience")),
        ("obstacles", N_("Obstacles to work")),
    ],
    HandoverKind.INTERIM: [
        ("situation", N_("Progress since the last feedback")),
        ("obstacles", N_("What stands in the way")),
        ("next_steps", N_("Next steps agreed")),
    ],
    HandoverKind.EXIT: [
        ("situation", N_("Where she stands at the end")),
        ("strengths", N_("What she achieved")),
        ("recommendation", N_("Recommendation to the job centre")),
        ("next_steps", N_("Next steps after the programme")),
    ],
    HandoverKind.COACH_TO_COACH: [
        ("reason", N_("Why the coaching moves on")),
        ("situation", N_("Her situation")),
        ("next_steps", N_("Open agreements and next steps")),
    ],
}


class HandoverEditor(FormDialog):
    def __init__(
        self,
        services: Services,
        participant_id: int,
        handover: HandoverRecord | None = None,
        kind: HandoverKind = HandoverKind.INTAKE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.handover = handover
        self.saved: HandoverRecord | None = None
        self.kind = EnumCombo(HandoverKind)
        self.handover_date = DateField(allow_empty=False)
        self.author = QLineEdit()
        self.organisation = QComboBox()
        self.contact = QComboBox()
        self.texts = {name: text_area(lines=3) for name in TEXTS}
        self.internal_notes = text_area(lines=3)
        self.organisation.addItem("", None)
        for org in services.directory.list_organisations():
            self.organisation.addItem(org.name, org.id)
        self._contacts = services.directory.list_contacts()
        self._fill_contacts()
        self.organisation.currentIndexChanged.connect(self._fill_contacts)
        self.rows.add("kind", N_("Kind"), self.kind)
        self.rows.add("handover_date", N_("Date"), self.handover_date)
        self.rows.add("author", N_("Written by"), self.author)
        self.rows.add("organisation_id", N_("Organisation"), self.organisation)
        self.rows.add("contact_person_id", N_("Contact person"), self.contact)
        self.main_box = QGroupBox()
        self.main_rows = FormRows(self.main_box)
        self.more_box = QGroupBox()
        self.more_rows = FormRows(self.more_box)
        for rows in (self.main_rows, self.more_rows):
            # Long questions above their field, at full width.
            rows.layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.rows.layout.addRow(self.main_box)
        self.rows.layout.addRow(self.more_box)
        self.rows.add(
            "internal_notes", N_("Internal – never exported"), self.internal_notes, internal=True
        )
        self._fill(handover.draft() if handover else None, kind)
        self.kind.activated.connect(lambda _i: self._arrange())
        self._arrange()
        self.retranslate()
        self.mark_clean()
        self.resize_within_screen(760, 820)

    def _fill(self, draft: HandoverDraft | None, kind: HandoverKind) -> None:
        if draft is None:
            self.kind.set_value(kind)
            self.handover_date.set_date(self.services.ctx.today())
            self.author.setText(self.services.ctx.actor if kind != HandoverKind.INTAKE else "")
            return
        self.kind.set_value(draft.kind)
        self.handover_date.set_date(draft.handover_date)
        self.author.setText(draft.author)
        self.organisation.setCurrentIndex(max(0, self.organisation.findData(draft.organisation_id)))
        self.contact.setCurrentIndex(max(0, self.contact.findData(draft.contact_person_id)))
        for name, widget in self.texts.items():
            widget.setPlainText(getattr(draft, name))
        self.internal_notes.setPlainText(draft.internal_notes)

    def _current_kind(self) -> HandoverKind:
        return self.kind.value() or HandoverKind.INTAKE  # type: ignore[return-value]

    def _arrange(self) -> None:
        """Put the fields that matter for this kind first, the rest under "Further fields"."""
        for rows in (self.main_rows, self.more_rows):
            for name in list(rows.fields):
                rows.take(name)
        prominent = PROMINENT[self._current_kind()]
        shown = {name for name, _msgid in prominent}
        for name, msgid in prominent:
            self.main_rows.add(name, msgid, self.texts[name])
        for name in TEXTS:
            if name not in shown:
                self.more_rows.add(name, CAPTIONS[name], self.texts[name])
        self.more_box.setVisible(len(shown) < len(TEXTS))
        self._title()

    def _title(self) -> None:
        from coachdesk.labels import label

        self.setWindowTitle(label(self._current_kind()))
        self.main_box.setTitle(_("The core facts"))
        self.more_box.setTitle(_("Further fields"))

    def retranslate(self) -> None:
        self.kind.retranslate()
        self.handover_date.retranslate()
        self._arrange()
        self.retranslate_form()

    def field_widgets(self) -> dict[str, QWidget]:
        return {**self.rows.fields, **self.texts}

    def state(self) -> dict[str, Any]:
        """Exactly what is on screen, for a draft in the vault (see ParticipantFile)."""
        return {
            "handover_id": self.handover.id if self.handover else None,
            "kind": self.kind.currentData(),
            "date": self.handover_date.text(),
            "author": self.author.text(),
            "organisation_id": self.organisation.currentData(),
            "contact_person_id": self.contact.currentData(),
            "texts": {name: widget.toPlainText() for name, widget in self.texts.items()},
            "internal_notes": self.internal_notes.toPlainText(),
        }

    def _fill_contacts(self) -> None:
        """The contact persons of the chosen organisation (everyone while none is chosen)."""
        organisation_id = self.organisation.currentData()
        chosen = self.contact.currentData()
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem("", None)
        for person in self._contacts:
            if organisation_id is None:
                self.contact.addItem(f"{person.name} ({person.organisation_name})", person.id)
            elif person.organisation_id == organisation_id:
                self.contact.addItem(person.name, person.id)
        self.contact.setCurrentIndex(max(0, self.contact.findData(chosen)))
        self.contact.blockSignals(False)

    def restore_state(self, state: dict[str, Any]) -> None:
        self.kind.set_value(state.get("kind"))
        self.handover_date.set_text(state.get("date", ""))
        self.author.setText(state.get("author", ""))
        self.organisation.setCurrentIndex(
            max(0, self.organisation.findData(state.get("organisation_id")))
        )
        self.contact.setCurrentIndex(max(0, self.contact.findData(state.get("contact_person_id"))))
        for name, text in state.get("texts", {}).items():
            if name in self.texts:
                self.texts[name].setPlainText(text)
        self.internal_notes.setPlainText(state.get("internal_notes", ""))
        self._arrange()

    def draft(self) -> HandoverDraft:
        day = read_dates({"handover_date": self.handover_date})["handover_date"]
        return HandoverDraft(
            self._current_kind(),
            day,  # type: ignore[arg-type]
            self.author.text(),
            self.organisation.currentData(),
            self.contact.currentData(),
            **{name: widget.toPlainText() for name, widget in self.texts.items()},
            internal_notes=self.internal_notes.toPlainText(),
        )

    def save(self) -> bool:
        draft = self.draft()
        if self.handover is None:
            self.saved = self.services.handovers.create(self.participant_id, draft)
        else:
            self.saved = self.services.handovers.update(self.handover.id, draft)
        return True
