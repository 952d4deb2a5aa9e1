"""Every field of a participant, grouped by the data category it belongs to.

The category shows on each group, because consent is given per category and the
coach should see what a document to the job centre could contain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import (
    SPECIAL_CATEGORIES,
    DataCategory,
    ExitDestination,
    GermanLevel,
    ParticipantStatus,
)
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.participants import (
    ParticipantDraft,
    ParticipantRecord,
    validate_participant,
)
from coachdesk.services.programmes import ProgrammeRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.forms import (
    EnumCombo,
    on_any_edit,
    read_dates,
    set_tab_order,
    text_area,
)
from coachdesk.ui.participants.fields import DATES, GROUPS, LONG_TEXT
from coachdesk.ui.participants.latin_names import LatinNames
from coachdesk.ui.participants.programme_choice import ProgrammeChoice

_OWN_LATIN = "latin_spellings_typed"
"""In a kept draft: the Latin spellings she typed herself (the others follow the name)."""


class ParticipantForm(QWidget):
    """``edited`` fires on every change the user makes."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self._rows: list[FormRows] = []
        self._groups: list[tuple[QGroupBox, DataCategory | None]] = []
        self._base = ParticipantDraft("", "")
        self._loading = False
        grid = QGridLayout(self)
        for index, (category, entries) in enumerate(GROUPS):
            box = QGroupBox(self)
            rows = FormRows(box)
            for name, msgid in entries:
                rows.add(name, msgid, self._make_field(name), internal=category is None)
            if category is None:
                rows.set_caption("internal_notes", N_("Internal – never exported"))
            self.fields.update(rows.fields)
            self._rows.append(rows)
            self._groups.append((box, category))
            grid.addWidget(box, index // 2, index % 2)
        grid.setRowStretch(len(GROUPS) // 2 + 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.latin = LatinNames(self._rows[0])
        on_any_edit(self.fields.values(), self._on_edit)
        set_tab_order(self.fields.values())
        self.retranslate()

    def set_contacts(self, contacts: list[tuple[str, int]]) -> None:
        """The contact persons to choose the integration officer from (name, id)."""
        combo = self.fields["integration_officer_id"]
        assert isinstance(combo, QComboBox)
        current = combo.currentData()
        self._loading = True
        combo.clear()
        combo.addItem("", None)
        for text, contact_id in contacts:
            combo.addItem(text, contact_id)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        self._loading = False

    @property
    def programme(self) -> ProgrammeChoice:
        choice = self.fields["programme_id"]
        assert isinstance(choice, ProgrammeChoice)
        return choice

    def set_programmes(self, programmes: list[ProgrammeRecord], keep: int | None) -> None:
        """The programmes to choose hers from; ``keep`` (hers) stays even when archived."""
        self._loading = True
        self.programme.set_programmes(programmes, keep)
        self._loading = False

    def _on_edit(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _make_field(self, name: str) -> QWidget:
        if name in DATES:
            return DateField(self)
        if name in LONG_TEXT:
            return text_area(self, lines=3)
        if name == "status":
            return EnumCombo(ParticipantStatus, self)
        if name == "german_level":
            return EnumCombo(GermanLevel, self, allow_none=True)
        if name == "exit_destination":
            return EnumCombo(ExitDestination, self, allow_none=True)
        if name == "programme_id":
            return ProgrammeChoice(self)
        if name == "integration_officer_id":
            combo = QComboBox(self)
            combo.addItem("", None)
            return combo
        if name == "children_count":
            spin = QSpinBox(self)
            spin.setRange(-1, 20)
            spin.setValue(-1)
            return spin
        return QLineEdit(self)

    def retranslate(self) -> None:
        for box, category in self._groups:
            if category is None:
                box.setTitle(_("Internal – never exported"))
            elif category in SPECIAL_CATEGORIES:
                box.setTitle(_("{category} (special category)").format(category=label(category)))
            else:
                box.setTitle(label(category))
            box.setToolTip(_("Data category: consent is given per category"))
        for rows in self._rows:
            rows.retranslate()
        self.latin.retranslate()
        for widget in self.fields.values():
            if isinstance(widget, DateField | EnumCombo | ProgrammeChoice):
                widget.retranslate()
        spin = self.fields["children_count"]
        assert isinstance(spin, QSpinBox)
        spin.setSpecialValueText(_("not given"))

    # -- values ------------------------------------------------------------------------------

    def set_record(self, record: ParticipantRecord | ParticipantDraft | None) -> None:
        draft = record if record is not None else ParticipantDraft("", "")
        # Fields this form does not show (set elsewhere) are kept as they were.
        self._base = draft.draft() if isinstance(draft, ParticipantRecord) else draft
        self._loading = True
        for name, widget in self.fields.items():
            value = getattr(draft, name)
            if isinstance(widget, DateField):
                widget.set_date(value)
            elif isinstance(widget, EnumCombo):
                widget.set_value(value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QSpinBox):
                widget.setValue(-1 if value is None else int(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
        self.latin.loaded()
        self._loading = False

    def draft(self, *, lenient: bool = False) -> ParticipantDraft:
        """What the form holds; a ValidationError names every field with a wrong date
        (``lenient``: such dates count as empty, to check everything else at once)."""
        date_fields = {n: w for n, w in self.fields.items() if isinstance(w, DateField)}
        if lenient:
            dates = {n: None if w.problem() else w.date() for n, w in date_fields.items()}
        else:
            dates = read_dates(date_fields)
        values: dict[str, Any] = dict(dates)
        for name, widget in self.fields.items():
            if isinstance(widget, EnumCombo):
                values[name] = widget.value()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                values[name] = None if widget.value() < 0 else widget.value()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
        return replace(self._base, **values)

    def checked_draft(self, today: dt.date) -> ParticipantDraft:
        """The draft; when a date is wrong, the ValidationError also names every other
        problem of the form, so the coach can fix everything in one go."""
        try:
            return self.draft()
        except ValidationError as err:
            named = {e.field for e in err.errors}
            more = validate_participant(self.draft(lenient=True), today)
            raise ValidationError(
                [*err.errors, *(p for p in more if p.field not in named)]
            ) from None

    def state(self) -> dict[str, Any]:
        """Exactly what is on screen (also half-typed dates), for a draft in the vault."""
        state: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, DateField):
                state[name] = widget.text()
            elif isinstance(widget, QComboBox):
                state[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                state[name] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                state[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                state[name] = widget.text()
        state[_OWN_LATIN] = self.latin.own_fields()
        return state

    def restore_state(self, state: dict[str, Any]) -> None:
        self._loading = True
        for name, value in state.items():
            widget = self.fields.get(name)
            if widget is None:
                continue
            if isinstance(widget, DateField):
                widget.set_text(str(value or ""))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value or ""))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value or ""))
        own = state.get(_OWN_LATIN)
        self.latin.loaded([str(f) for f in own] if isinstance(own, list) else None)
        self._loading = False


def contact_choices(services: Services, keep: int | None = None) -> list[tuple[str, int]]:
    """Contact persons as "Name (Organisation)", for choosing her integration officer;
    ``keep`` stays in the list even when archived, so saving never drops it silently."""
    contacts = services.directory.list_contacts()
    choices = [(f"{c.name} ({c.organisation_name})", c.id) for c in contacts]
    if keep is not None and all(contact_id != keep for _text, contact_id in choices):
        try:
            c = services.directory.get_contact(keep)
        except NotFoundError:
            return choices
        archived = _("archived")
        choices.append((f"{c.name} ({c.organisation_name}, {archived})", c.id))
    return choices
