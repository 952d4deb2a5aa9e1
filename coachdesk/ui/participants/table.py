"""The table view of the participant list: fast with 10,000 rows, sized by font and labels."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from coachdesk.i18n import format_date
from coachdesk.labels import label
from coachdesk.models.enums import ParticipantStatus
from coachdesk.ui.participants import cells as cols
from coachdesk.ui.participants.table_model import ParticipantTableModel

_WIDE_DATE = dt.date(2026, 9, 30)
"""A date with a long month name, to size the entry date column."""


class ParticipantTable(QTableView):
    def __init__(self, model: ParticipantTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participant_table")
        # The model sorts itself: one key per row instead of a Python call per comparison.
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(cols.NAME, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Ctrl+click, Shift+arrows) for documents in a batch; archiving takes one.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed row heights keep 10,000 rows fast; they follow the font, not pixels.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths follow the font and the translated labels, so nothing is cut off."""
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")
        header = self.horizontalHeader().fontMetrics()
        model = self.model()

        def wide(texts: list[str], column: int) -> int:
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            widest = max([metrics.horizontalAdvance(t) for t in texts] or [0])
            return max(widest, header.horizontalAdvance(title) + em) + 2 * em

        self.setColumnWidth(cols.NAME, 18 * em)
        self.setColumnWidth(cols.STATUS, wide([label(s) for s in ParticipantStatus], cols.STATUS))
        self.setColumnWidth(cols.PROGRAMME, 12 * em)
        self.setColumnWidth(cols.ENTRY_DATE, wide([format_date(_WIDE_DATE)], cols.ENTRY_DATE))
        self.setColumnWidth(cols.CUSTOMER_NUMBER, wide(["123D4567890"], cols.CUSTOMER_NUMBER))
        # The ESF marker (cells.ESF_ENTRY) is last and takes the rest of the width.
