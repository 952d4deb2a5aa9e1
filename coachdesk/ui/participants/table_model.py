"""The participant list as a Qt table model: one row per participant, sortable by native values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from coachdesk.collation import name_key, sort_key
from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.services.participants import ParticipantRow

NAME = 0
STATUS = 1
PROGRAMME = 2
ENTRY_DATE = 3
CUSTOMER_NUMBER = 4
COLUMN_COUNT = 5

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The value a column sorts by (names case-folded, dates as day numbers, missing dates first)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The participant's id."""

_HEADERS = {
    NAME: N_("Name"),
    STATUS: N_("Status"),
    PROGRAMME: N_("Programme"),
    ENTRY_DATE: N_("Entry date"),
    CUSTOMER_NUMBER: N_("Customer number"),
}

Index = QModelIndex | QPersistentModelIndex


class ParticipantTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[ParticipantRow]) -> None:
        """Show ``rows`` in the current sort order."""
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by native values; selections follow their rows."""
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in old]
        self._sort_rows()
        position = {row.id: n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(position[pid], i.column()) for i, pid in zip(old, ids, strict=True)]
        )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column = self._sort_column
        self._rows.sort(
            key=lambda row: self._sort_value(row, column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> ParticipantRow:
        return self._rows[row]

    def participant_id(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        return self._rows[index.row()].id

    def retranslate(self) -> None:
        """Labels (headers, statuses, dates) are translated when shown; ask views to redraw."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            )

    # -- Qt interface --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and row.archived:
            return _("Archived")
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    @staticmethod
    def _display(row: ParticipantRow, column: int) -> str:
        if column == NAME:
            name = f"{row.last_name}, {row.first_name}" if row.first_name else row.last_name
            return f"{name} ({_('archived')})" if row.archived else name
        if column == STATUS:
            return label(row.status)
        if column == PROGRAMME:
            return row.programme
        if column == ENTRY_DATE:
            return format_date(row.entry_date)
        if column == CUSTOMER_NUMBER:
            return row.jobcentre_customer_number
        return ""

    @staticmethod
    def _sort_value(row: ParticipantRow, column: int) -> Any:
        if column == NAME:
            return name_key(row.last_name, row.first_name, row.id)
        if column == STATUS:
            return sort_key(label(row.status))
        if column == PROGRAMME:
            return sort_key(row.programme)
        if column == ENTRY_DATE:
            # Ordinals compare natively in the proxy; missing dates sort first.
            return row.entry_date.toordinal() if row.entry_date else 0
        if column == CUSTOMER_NUMBER:
            return row.jobcentre_customer_number
        return None
