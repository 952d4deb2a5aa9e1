"""The participant list as a Qt table model: one row per participant, sortable by native values."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from coachdesk import i18n
from coachdesk.collation import name_key
from coachdesk.i18n import _
from coachdesk.services.participants import ParticipantRow
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.style import ERROR_COLOUR
from coachdesk.ui.participants.cells import (
    COLUMN_COUNT,
    ESF_ENTRY,
    HEADERS,
    ID_ROLE,
    NAME,
    SORT_ROLE,
    display,
    esf_tooltip,
    sort_value,
)

Index = QModelIndex | QPersistentModelIndex


BATCH = 200
"""Rows handed to the view at a time: the first screen is there at once, more as she scrolls."""


class ParticipantTableModel(QAbstractTableModel):
    """Every row of the list, sorted, shown to the view in batches (``canFetchMore``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        self._keys: list[Any] = []
        self._shown = 0
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._name_keys: dict[tuple[str, str, str], bytes] = {}
        """ICU keys of names already seen (language, last, first): a refresh re-keys only
        the names it has not met yet."""

    def set_rows(self, rows: Sequence[ParticipantRow], *, in_name_order: bool = False) -> None:
        """Show ``rows`` in the current sort order, the first batch at once. Rows read
        ``in_name_order`` (by their stored ``name_order``, which fits the window's
        language) are not sorted again when the list is sorted by name."""
        self.beginResetModel()
        self._take(rows, in_name_order)
        self._shown = min(BATCH, len(self._rows))
        self.endResetModel()

    def sorts_by_name(self) -> bool:
        return self._sort_column == NAME

    def descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def complete(self, rows: Sequence[ParticipantRow]) -> None:
        """The whole list, read in name order after its first page was shown with
        :meth:`set_rows`: it takes the first page's place as one layout change, so her
        selection, current row and scroll position stay; the rest can be fetched."""
        if len(rows) < self._shown:
            self.set_rows(rows, in_name_order=True)
            return
        self._relayout(lambda: self._take(rows, True))
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, COLUMN_COUNT - 1))

    def _take(self, rows: Sequence[ParticipantRow], in_name_order: bool) -> None:
        if not (in_name_order and self.sorts_by_name()):
            self._rows = list(rows)
            self._sort_rows()
            return
        ordered = list(rows)
        keys = [row.name_order + row.id.to_bytes(8, "big") for row in ordered]
        if self.descending():
            ordered.reverse()
            keys.reverse()
        self._rows, self._keys = ordered, keys

    def total(self) -> int:
        """Rows in the list, shown or still to be fetched."""
        return len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        self._show_up_to(self._shown + BATCH)

    def _show_up_to(self, count: int) -> None:
        count = min(count, len(self._rows))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by native values; selections follow their rows."""
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self._relayout(self._sort_rows)

    def _relayout(self, change: Callable[[], None]) -> None:
        """Reorder (or replace) the rows as one layout change: selections and the current
        row follow their participants (one no longer in the list loses hers)."""
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in old]
        self.layoutAboutToBeChanged.emit()
        change()
        position = {row.id: n for n, row in enumerate(self._rows)}
        reach = max((position[pid] + 1 for pid in ids if pid in position), default=0)
        # A selected row sorted beyond the shown batch: show up to it, so it stays selected.
        self._shown = max(self._shown, min(reach, len(self._rows)))
        moved = [
            self.index(position[pid], i.column()) if pid in position else QModelIndex()
            for i, pid in zip(old, ids, strict=True)
        ]
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column = self._sort_column
        pairs = sorted(
            ((self._key(row, column), row) for row in self._rows),
            key=lambda pair: pair[0],
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        self._keys = [key for key, _row in pairs]
        self._rows = [row for _key, row in pairs]

    def _key(self, row: ParticipantRow, column: int) -> Any:
        if column != NAME:
            return sort_value(row, column)
        lang = i18n.current_language()
        cache_key = (lang, row.last_name, row.first_name)
        prefix = self._name_keys.get(cache_key)
        if prefix is None:
            prefix = name_key(row.last_name, row.first_name, 0, lang)[:-8]
            self._name_keys[cache_key] = prefix
        return prefix + row.id.to_bytes(8, "big")

    def put_row(self, participant_id: int, row: ParticipantRow | None) -> None:
        """Show the change of one participant: her row updated, moved to where it now
        sorts, added or (``row`` None: no longer in the list) removed. No reset: the
        rest of the list, its selection and scroll position stay."""
        old = next((n for n, r in enumerate(self._rows) if r.id == participant_id), None)
        if old is not None:
            key = self._key(row, self._sort_column) if row is not None else None
            if row is not None and self._in_place(old, key):
                self._rows[old] = row
                self._keys[old] = key
                if old < self._shown:
                    self.dataChanged.emit(self.index(old, 0), self.index(old, COLUMN_COUNT - 1))
                return
            if row is not None and self._move(old, row, key):
                return
            self._remove(old)
        if row is not None:
            key = self._key(row, self._sort_column)
            self._insert(self._position(key), row, key)

    def _move(self, old: int, row: ParticipantRow, key: Any) -> bool:
        """Move a shown row to where it now sorts among the shown rows (the selection
        follows it); False when it now sorts beyond them."""
        if old >= self._shown:
            return False
        del self._rows[old], self._keys[old]
        new = self._position(key)
        self._rows.insert(old, row)
        self._keys.insert(old, key)
        if new >= self._shown:
            return False
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new if new < old else new + 1)
        del self._rows[old], self._keys[old]
        self._rows.insert(new, row)
        self._keys.insert(new, key)
        self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, COLUMN_COUNT - 1))
        return True

    def _position(self, key: Any) -> int:
        """Where ``key`` sorts among the rows (after equal keys)."""
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self._keys)
        while low < high:
            middle = (low + high) // 2
            probe = self._keys[middle]
            if (key < probe) if descending else (probe <= key):
                low = middle + 1
            else:
                high = middle
        return low

    def _in_place(self, position: int, key: Any) -> bool:
        """Whether a row with ``key`` still sorts at ``position`` between its neighbours."""
        keys = self._keys
        if position > 0 and not self._ordered(keys[position - 1], key):
            return False
        return position + 1 >= len(keys) or self._ordered(key, keys[position + 1])

    def _ordered(self, first: Any, second: Any) -> bool:
        """Whether ``first`` may come before ``second`` in the list's order."""
        return bool(second <= first if self.descending() else first <= second)

    def _remove(self, position: int) -> None:
        if position < self._shown:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position], self._keys[position]
            self._shown -= 1
            self.endRemoveRows()
        else:
            del self._rows[position], self._keys[position]

    def _insert(self, position: int, row: ParticipantRow, key: Any) -> None:
        if position <= self._shown and (position < self._shown or not self.canFetchMore()):
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, row)
            self._keys.insert(position, key)
            self._shown += 1
            self.endInsertRows()
        else:
            self._rows.insert(position, row)
            self._keys.insert(position, key)

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
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, COLUMN_COUNT - 1))

    # -- Qt interface --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column)
        if role == SORT_ROLE:
            return sort_value(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and row.archived:
            return _("Archived")
        if column == ESF_ENTRY and row.esf_entry_open:
            if role == Qt.ItemDataRole.ToolTipRole:
                return esf_tooltip(row)
            if role == Qt.ItemDataRole.DecorationRole:
                return _marker_icon()
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None


@functools.cache
def _marker_icon() -> QIcon:
    """Drawn once: every marked row asks for it while scrolling."""
    return icon(Icon.OVERDUE, QColor(ERROR_COLOUR))
