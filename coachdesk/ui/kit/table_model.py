"""The base of every list in the UI: a read-only table over frozen service records.

Each list defines its columns once (header, text, sort value); views sort through a
QSortFilterProxyModel on ``SORT_ROLE`` so dates and numbers sort by value, not as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from coachdesk.collation import sort_key
from coachdesk.i18n import _

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    """Source text of the header (translated when shown)."""
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    """Native sort value; defaults to the shown text (case-insensitive)."""


def date_key(value: dt.date | dt.datetime | None) -> str:
    """Sort key for optional dates: ISO text sorts by time, missing dates last."""
    return value.isoformat() if value is not None else "9999"


class RecordTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: Sequence[Column[Any]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- data --------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self.endResetModel()

    def sort_value(self, record: R, column: int) -> Any:
        spec = self.COLUMNS[column]
        return spec.sort(record) if spec.sort is not None else sort_key(spec.text(record))

    def _sorted(self, rows: list[R], column: int, order: Qt.SortOrder) -> list[R]:
        if not 0 <= column < len(self.COLUMNS):
            return rows

        def key(record: R) -> tuple[bool, Any]:
            value = self.sort_value(record, column)
            return (value is None, value)

        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with one key per row: thousands of rows sort in milliseconds,
        where a proxy would call back into Python for every comparison."""
        self._sort = (column, order) if column >= 0 else None
        if column < 0:
            return
        self.layoutAboutToBeChanged.emit()
        old_rows = {id(r): i for i, r in enumerate(self._rows)}
        self._rows = self._sorted(self._rows, column, order)
        new_row = {old_rows[id(r)]: i for i, r in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(new_row.get(p.row(), p.row()), p.column()) for p in persistent],
        )
        self.layoutChanged.emit()

    def replace_records(self, records: Sequence[R], key: Callable[[R], object]) -> int:
        """Put ``records`` in place of the rows with the same ``key`` (one participant's
        changed name, say), without a reset: selection and scroll position stay. Returns how
        many rows were replaced; the order is kept as it is until the next sort."""
        new = {key(r): r for r in records}
        replaced = 0
        for n, row in enumerate(self._rows):
            found = new.get(key(row))
            if found is not None:
                self._rows[n] = found
                replaced += 1
                last = self.index(n, max(0, len(self.COLUMNS) - 1))
                self.dataChanged.emit(self.index(n, 0), last)
        return replaced

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def retranslate(self) -> None:
        """Headers and enum labels are translated on display; tell the views to redraw."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.COLUMNS) - 1))
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # -- Qt overrides ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(record)
            return column.text(record).casefold()
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ForegroundRole and self.is_muted(record):
            return QBrush(QColor("#777777"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return _(self.COLUMNS[section].header)
        return None

    def is_muted(self, record: R) -> bool:
        """Rows shown in grey (done, archived, withdrawn); subclasses decide."""
        return False


class _SourceSortingProxy(QSortFilterProxyModel):
    """Filters in the proxy, but lets the model sort itself (see RecordTableModel.sort)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)


def sorting_proxy(model: RecordTableModel[Any]) -> QSortFilterProxyModel:
    proxy = _SourceSortingProxy(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy
