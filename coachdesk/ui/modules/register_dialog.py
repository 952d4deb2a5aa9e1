"""The attendance register of one session: the day, the women enrolled, one status each.

Twelve women are one table, saved once, instead of twelve dialogs. Up and Down move
between them; P, E, A and S (present, excused, absent, sick) set a status and move on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _, ngettext
from coachdesk.models.enums import AttendanceStatus
from coachdesk.services.modules import ModuleRecord, RegisterRow
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo
from coachdesk.ui.kit.style import wrapping_label

NAME, STATUS = range(2)
SHORTCUTS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_E: AttendanceStatus.EXCUSED,
    Qt.Key.Key_A: AttendanceStatus.ABSENT,
    Qt.Key.Key_S: AttendanceStatus.SICK,
}


class RegisterDialog(FormDialog):
    def __init__(
        self, services: Services, module: ModuleRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.module = module
        self.rows_shown: list[RegisterRow] = []
        self.day = self.rows.add("session_date", N_("Session day"), DateField(allow_empty=False))
        self.day.set_date(services.ctx.today())
        self.count = wrapping_label()
        self.rows.layout.addRow("", self.count)
        self.table = self.rows.add("register", N_("Attendance"), QTableWidget(0, 2))
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.day.edited.connect(self.load_day)
        self.table.installEventFilter(self)
        self.tab_order = [self.day.line, self.table]
        self.load_day()
        self.retranslate()
        self.mark_clean()
        self.resize_within_screen(560, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Attendance register: {module}").format(module=self.module.title))
        self.table.setHorizontalHeaderLabels([_("Participant"), _("Attendance")])
        for row in range(self.table.rowCount()):
            self.combo(row).retranslate()
        self._show_count()
        self.retranslate_form()

    def combo(self, row: int) -> EnumCombo[AttendanceStatus]:
        widget = self.table.cellWidget(row, STATUS)
        assert isinstance(widget, EnumCombo)
        return widget

    def load_day(self) -> None:
        """The women enrolled on the chosen day, with what is recorded for them."""
        day = None if self.day.problem() is not None else self.day.date()  # half typed: none
        self.rows_shown = [] if day is None else self.services.modules.register(self.module.id, day)
        self.table.setRowCount(len(self.rows_shown))
        for row, entry in enumerate(self.rows_shown):
            name = QTableWidgetItem(entry.participant_name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, NAME, name)
            combo = EnumCombo(AttendanceStatus, allow_none=True)
            combo.set_value(entry.status)
            combo.setAccessibleName(_("Attendance of {name}").format(name=entry.participant_name))
            self.table.setCellWidget(row, STATUS, combo)
        if self.rows_shown:
            self.table.setCurrentCell(0, STATUS)
        self._show_count()

    def _show_count(self) -> None:
        n = len(self.rows_shown)
        self.count.setText(
            ngettext(
                "{count} participant enrolled on this day.",
                "{count} participants enrolled on this day.",
                n,
            ).format(count=n)
            if n
            else _("Nobody is enrolled in this module on this day.")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """P, E or A on a row of the table sets her status and moves to the next woman."""
        if watched is self.table and isinstance(event, QKeyEvent):
            shortcut = SHORTCUTS.get(Qt.Key(event.key()))
            row = self.table.currentRow()
            if event.type() == QEvent.Type.KeyPress and shortcut is not None and row >= 0:
                self.combo(row).set_value(shortcut)
                self.table.setCurrentCell(min(row + 1, self.table.rowCount() - 1), STATUS)
                return True
        return super().eventFilter(watched, event)

    def save(self) -> bool:
        day = self.day.required_date("session_date")
        entries = {
            entry.enrolment_id: self.combo(row).value() for row, entry in enumerate(self.rows_shown)
        }
        self.services.modules.record_register(day, entries)
        return True
