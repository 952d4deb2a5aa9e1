"""The names to choose from for a success story: every participant, in one model.

Filling a combo box item by item took seconds at 50,000 participants; this model takes
the rows in one go, and a change to one participant updates her entry only.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from coachdesk.services.participants import ParticipantRow

Index = QModelIndex | QPersistentModelIndex


def _order(row: ParticipantRow) -> tuple[str, str, int]:
    """The service's order of the list (last name, first name, id)."""
    return (row.last_name, row.first_name, row.id)


class ParticipantNameModel(QAbstractListModel):
    """Display: her name; ``Qt.UserRole``: her id (what ``QComboBox.currentData`` gives)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ParticipantRow] = []
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: Sequence[ParticipantRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: n for n, row in enumerate(self._rows)}
        self.endResetModel()

    def row_of(self, participant_id: int) -> int:
        """Her position, or -1 when she is not listed."""
        return self._row_of.get(participant_id, -1)

    def put_row(self, participant_id: int, row: ParticipantRow | None) -> None:
        """Her new name in place, or her entry added or (``row`` None) removed."""
        old = self.row_of(participant_id)
        if old >= 0 and row is not None and _order(self._rows[old]) == _order(row):
            self._rows[old] = row
            self.dataChanged.emit(self.index(old), self.index(old))
            return
        if old >= 0:
            self.beginRemoveRows(QModelIndex(), old, old)
            del self._rows[old]
            self.endRemoveRows()
        if row is not None:
            position = bisect.bisect_left([_order(r) for r in self._rows], _order(row))
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, row)
            self.endInsertRows()
        self._row_of = {r.id: n for n, r in enumerate(self._rows)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display_name
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
