"""A sortable table over a RecordTableModel that shows a helpful text while it is empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedLayout,
    QTableView,
    QWidget,
)

from coachdesk.ui.kit.table_model import RECORD_ROLE, RecordTableModel, sorting_proxy

R = TypeVar("R")


class RowView(QTableView):
    """Tabbing into the list marks a row (Qt only moves its cursor there, unselected), so
    Enter, Delete and the buttons act on the row she sees, and not on nothing."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        model, selection = self.model(), self.selectionModel()
        if model is not None and model.rowCount() > 0 and not selection.hasSelection():
            current = self.currentIndex()
            self.selectRow(current.row() if current.isValid() else 0)


class RecordTable(QWidget, Generic[R]):
    """``activated`` carries the record of a double-clicked (or Enter) row."""

    activated = Signal(object)
    selection_changed = Signal()

    def __init__(self, model: RecordTableModel[R], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = sorting_proxy(model)
        self.view = RowView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        # Measure a sample of rows only: a list of thousands of meetings stays fast.
        header.setResizeContentsPrecision(100)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(24)
        self.empty.setStyleSheet("color: #555555;")
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty)
        # The model starts without rows, so the helpful text shows until the first set_rows().
        self._stack.setCurrentWidget(self.empty if self.model.rowCount() == 0 else self.view)
        self.setFocusProxy(self.view)

    def set_empty_text(self, text: str) -> None:
        self.empty.setText(text)

    def set_rows(self, rows: list[Any]) -> None:
        selected = self.current_record()
        self.model.set_rows(rows)
        self._stack.setCurrentWidget(self.empty if not rows else self.view)
        if rows:
            self.view.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                width = self.view.columnWidth(column)
                self.view.setColumnWidth(column, min(width + 16, 420))
        if selected is not None:
            self.select_where(lambda r: getattr(r, "id", None) == getattr(selected, "id", None))

    def is_empty(self) -> bool:
        return self.model.rowCount() == 0

    def current_record(self) -> R | None:
        indexes = self.view.selectionModel().selectedRows()
        if not indexes:
            return None
        return cast("R", self.proxy.data(indexes[0], RECORD_ROLE))

    def current_source_row(self) -> int:
        indexes = self.view.selectionModel().selectedRows()
        return self.proxy.mapToSource(indexes[0]).row() if indexes else -1

    def select_where(self, predicate: Callable[[R], bool]) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if predicate(self.proxy.data(index, RECORD_ROLE)):
                self.view.selectRow(row)
                self.view.scrollTo(index)
                return True
        return False

    def retranslate(self) -> None:
        self.model.retranslate()

    def _selection_changed(self, _selected: object, _deselected: object) -> None:
        self.selection_changed.emit()

    def _activated(self, index: QModelIndex) -> None:
        self.activated.emit(self.proxy.data(index, RECORD_ROLE))
