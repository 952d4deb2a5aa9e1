"""The month of an absence sheet: the last twelve months and this one, named as she reads them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QWidget

from coachdesk.export.absence_sheet import month_name, previous_month
from coachdesk.i18n import current_language

MONTHS_BACK = 12


class MonthCombo(QComboBox):
    """ "Februar 2026", newest first; the month before ``today`` is chosen (the sheet a coach
    sends at the start of a month)."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        month = today.replace(day=1)
        for _n in range(MONTHS_BACK + 1):
            self.addItem("", month.isoformat())  # as text: Qt would turn a date into a QDate
            month = previous_month(month)
        self.setCurrentIndex(self.findData(previous_month(today).isoformat()))
        self.retranslate()

    def month(self) -> dt.date:
        """The first day of the chosen month."""
        return dt.date.fromisoformat(str(self.currentData()))

    def retranslate(self) -> None:
        for index in range(self.count()):
            first = dt.date.fromisoformat(str(self.itemData(index)))
            self.setItemText(index, month_name(first, current_language()))
