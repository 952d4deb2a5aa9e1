"""Which field each column of her file fills: one row per column, a field chooser in each.

Columns whose headings name a field come chosen (or as she chose them last time for the
same headings); she changes any of them, or leaves a column out.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.imports.fields import FIELDS
from coachdesk.imports.reader import Cell, column_letter
from coachdesk.imports.values import CellProblem, text

COLUMN, EXAMPLE, FIELD = range(3)


def example(rows: Sequence[Sequence[Cell]], index: int) -> str:
    """The first filled value of a column among the first rows, to recognise it by."""
    for row in rows[:20]:
        if index < len(row):
            try:
                value = text(row[index])
            except CellProblem:
                value = str(row[index])
            if value:
                return value[:60]
    return ""


class MappingTable(QTableWidget):
    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("import_mapping")
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: list[QComboBox] = []
        self.retranslate()

    def set_columns(
        self, headers: Sequence[str], rows: Sequence[Sequence[Cell]], mapping: dict[int, str]
    ) -> None:
        self.setRowCount(len(headers))
        self.combos = []
        for index, heading in enumerate(headers):
            name = f"{column_letter(index)}  {heading}" if heading else column_letter(index)
            self.setItem(index, COLUMN, QTableWidgetItem(name))
            self.setItem(index, EXAMPLE, QTableWidgetItem(example(rows, index)))
            combo = QComboBox()
            combo.setObjectName(f"import_field_{index}")
            combo.setAccessibleName(_("Field for column {column}").format(column=name))
            self._fill(combo, mapping.get(index))
            combo.currentIndexChanged.connect(self.mapping_changed)
            self.setCellWidget(index, FIELD, combo)
            self.combos.append(combo)

    def _fill(self, combo: QComboBox, chosen: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("(do not import)"), None)
        for field in FIELDS:
            combo.addItem(_(field.label), field.name)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def mapping(self) -> dict[int, str]:
        """Column to field; a field chosen for two columns counts for the first only."""
        result: dict[int, str] = {}
        for index, combo in enumerate(self.combos):
            name = combo.currentData()
            if name is not None and name not in result.values():
                result[index] = name
        return result

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("Column in the file"), _("First value"), _("Field")])
        for combo in self.combos:
            self._fill(combo, combo.currentData())
