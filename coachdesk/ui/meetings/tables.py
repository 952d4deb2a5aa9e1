"""The two editable tables of the meeting editor: attendees with roles, and agreements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.models.enums import AttendeeRole
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.meetings import AgreementDraft, AttendeeDraft
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.forms import EnumCombo
from coachdesk.ui.meetings.attendee_names import AttendeeNameDelegate, ContactChoice


class _EditableTable(QWidget):
    edited = Signal()

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, columns, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        self.table.itemChanged.connect(lambda _i: self.edited.emit())
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        # As tall as its rows (a few lines at least), so short lists leave no empty box.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 4)

    def add_row(self) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def set_text(self, row: int, column: int, text: str) -> None:
        self.table.setItem(row, column, QTableWidgetItem(text))


class AttendeesEditor(_EditableTable):
    NAME, ROLE = range(2)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, parent)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.names = AttendeeNameDelegate(self.table)
        self.names.contact_chosen.connect(self._contact_chosen)
        self.table.setItemDelegateForColumn(self.NAME, self.names)
        self.retranslate()

    def offer_contacts(self, choices: list[ContactChoice]) -> None:
        """The directory's contact persons, offered as she types a name."""
        self.names.choices = choices

    def _contact_chosen(self, row: int, job_centre: bool) -> None:
        combo = self.table.cellWidget(row, self.ROLE)
        if job_centre and isinstance(combo, EnumCombo) and combo.value() == AttendeeRole.OTHER:
            combo.set_value(AttendeeRole.INTEGRATION_OFFICER)
        self.edited.emit()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role")])
        self.add_button.setText(_("Add attendee"))
        self.remove_button.setText(_("Remove attendee"))
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, self.ROLE)
            if isinstance(combo, EnumCombo):
                combo.retranslate()

    def add_row(self, attendee: AttendeeDraft | None = None) -> int:  # type: ignore[override]
        row = super().add_row()
        self.set_text(row, self.NAME, attendee.name if attendee else "")
        combo = EnumCombo(AttendeeRole, self.table)
        combo.set_value(attendee.role if attendee else AttendeeRole.OTHER)
        combo.activated.connect(lambda _i: self.edited.emit())
        self.table.setCellWidget(row, self.ROLE, combo)
        name = self.table.item(row, self.NAME)
        assert name is not None  # set_text made it
        name.setData(Qt.ItemDataRole.UserRole, attendee.contact_person_id if attendee else None)
        if attendee is None:
            self.table.setCurrentCell(row, self.NAME)
            self.table.editItem(name)
        return row

    def set_attendees(self, attendees: tuple[AttendeeDraft, ...]) -> None:
        self.table.setRowCount(0)
        for attendee in attendees:
            self.add_row(attendee)

    def attendees(self) -> tuple[AttendeeDraft, ...]:
        result = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, self.ROLE)
            assert isinstance(combo, EnumCombo)
            item = self.table.item(row, self.NAME)
            contact = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            name = self.text(row, self.NAME)
            if name.strip() or contact is not None:
                result.append(AttendeeDraft(name, combo.value(), contact))  # type: ignore[arg-type]
        return tuple(result)

    def state(self) -> list[list[Any]]:
        rows = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, self.ROLE)
            item = self.table.item(row, self.NAME)
            contact = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            role = combo.currentData() if isinstance(combo, EnumCombo) else None
            rows.append([self.text(row, self.NAME), role, contact])
        return rows

    def restore_state(self, rows: list[list[Any]]) -> None:
        self.set_attendees(
            tuple(
                AttendeeDraft(name, AttendeeRole(role or "other"), contact)
                for name, role, contact in rows
            )
        )


class AgreementsEditor(_EditableTable):
    WHO, WHAT, DUE, DONE = range(4)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(4, parent)
        self.today = today
        self._ids: list[int | None] = []
        self._done_on: list[dt.date | None] = []
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.WHAT, QHeaderView.ResizeMode.Stretch)
        # "Who" holds a name from the first row on (ResizeToContents left it 35 px wide
        # while the table was empty); she can still drag it wider.
        header.setSectionResizeMode(self.WHO, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.WHO, self.fontMetrics().horizontalAdvance("M") * 14)
        header.setStretchLastSection(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Who"), _("What"), _("By when"), _("Done")])
        self.add_button.setText(_("Add agreement"))
        self.remove_button.setText(_("Remove agreement"))
        for row in range(self.table.rowCount()):
            due = self.table.cellWidget(row, self.DUE)
            if isinstance(due, DateField):
                due.retranslate()
            done = self.table.cellWidget(row, self.DONE)
            if isinstance(done, QCheckBox):
                done.setText(_("done"))

    def add_row(self, agreement: AgreementDraft | None = None) -> int:  # type: ignore[override]
        row = super().add_row()
        self._ids.append(agreement.id if agreement else None)
        self._done_on.append(agreement.done_on if agreement else None)
        self.set_text(row, self.WHO, agreement.who if agreement else "")
        self.set_text(row, self.WHAT, agreement.what if agreement else "")
        due = DateField(self.table)
        due.set_date(agreement.due_date if agreement else None)
        due.edited.connect(self.edited.emit)
        self.table.setCellWidget(row, self.DUE, due)
        done = QCheckBox(_("done"), self.table)
        done.setChecked(bool(agreement and agreement.done_on))
        done.toggled.connect(lambda _v: self.edited.emit())
        self.table.setCellWidget(row, self.DONE, done)
        self.table.setRowHeight(row, due.sizeHint().height() + 6)
        who = self.table.item(row, self.WHO)
        if agreement is None and who is not None:
            self.table.setCurrentCell(row, self.WHO)
            self.table.editItem(who)
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            del self._ids[row]
            del self._done_on[row]
        super().remove_current()

    def set_agreements(self, agreements: tuple[AgreementDraft, ...]) -> None:
        self.table.setRowCount(0)
        self._ids.clear()
        self._done_on.clear()
        for agreement in agreements:
            self.add_row(agreement)

    def due_field(self, row: int) -> DateField:
        widget = self.table.cellWidget(row, self.DUE)
        assert isinstance(widget, DateField)
        return widget

    def done_box(self, row: int) -> QCheckBox:
        widget = self.table.cellWidget(row, self.DONE)
        assert isinstance(widget, QCheckBox)
        return widget

    def state(self) -> list[list[Any]]:
        """Every row as typed, also a due date still being typed."""
        return [
            [
                self.text(row, self.WHO),
                self.text(row, self.WHAT),
                self.due_field(row).text(),
                self.done_box(row).isChecked(),
                self._done_on[row],
                self._ids[row],
            ]
            for row in range(self.table.rowCount())
        ]

    def restore_state(self, rows: list[list[Any]]) -> None:
        self.set_agreements(())
        for who, what, due_text, done, done_on, agreement_id in rows:
            row = self.add_row(AgreementDraft(who, what, None, done_on, agreement_id))
            self.due_field(row).set_text(due_text)
            self.done_box(row).setChecked(bool(done))

    def agreements(self) -> tuple[AgreementDraft, ...]:
        """The rows as drafts; a ValidationError for a due date that is not a date."""
        result = []
        problems = []
        for row in range(self.table.rowCount()):
            due = self.due_field(row)
            problem = due.problem()
            if problem is not None:
                problems.append(FieldError("agreements", problem))
                due.check()
                continue
            done = self.done_box(row).isChecked()
            done_on = (self._done_on[row] or self.today) if done else None
            who, what = self.text(row, self.WHO), self.text(row, self.WHAT)
            if who.strip() or what.strip() or due.date() is not None:
                result.append(AgreementDraft(who, what, due.date(), done_on, self._ids[row]))
        if problems:
            raise ValidationError(problems)
        return tuple(result)
