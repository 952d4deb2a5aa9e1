"""Her papers as the export preview offers them: one checkable row each.

A paper her consent does not cover is a row that cannot be ticked (no ``ItemIsEnabled``),
and its text says why, on a line of its own: a tooltip alone would hide the reason from
a coach using the keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from coachdesk.export.enclosures import EnclosureCandidate
from coachdesk.i18n import _, ngettext
from coachdesk.labels import label

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def summary(paper: EnclosureCandidate) -> str:
    """ "B1 certificate – Languages and qualifications, 2 pages" in the window's language."""
    pages = ngettext("{count} page", "{count} pages", paper.page_count).format(
        count=paper.page_count
    )
    return _("{title} – {category}, {pages}").format(
        title=paper.title, category=label(paper.category), pages=pages
    )


class EnclosureModel(QAbstractListModel):
    ticked_changed = Signal()
    """She ticked or unticked a paper."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EnclosureCandidate] = []
        self._ticked: set[int] = set()

    def set_rows(self, rows: Sequence[EnclosureCandidate]) -> None:
        """Show ``rows``; a paper stays ticked only while it may still be enclosed."""
        self.beginResetModel()
        self._rows = list(rows)
        self._ticked &= {r.attachment_id for r in self._rows if r.enclosable}
        self.endResetModel()

    def ticked_ids(self) -> tuple[int, ...]:
        """The ticked papers in the order of the list."""
        return tuple(r.attachment_id for r in self._rows if r.attachment_id in self._ticked)

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        paper = self._rows[index.row()]
        reason = paper.reason.render() if paper.reason is not None else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return summary(paper) + (f"\n{reason}" if reason else "")
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = paper.attachment_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return reason or None
        if role == Qt.ItemDataRole.ForegroundRole and reason:
            return _readable_grey()
        if role == ID_ROLE:
            return paper.attachment_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._rows[index.row()].enclosable:
            return Qt.ItemFlag.ItemIsUserCheckable  # shown, greyed, cannot be ticked
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        paper = self._rows[index.row()]
        if not paper.enclosable:
            return False
        state = Qt.CheckState(value.value if isinstance(value, Qt.CheckState) else value)
        if state == Qt.CheckState.Checked:
            self._ticked.add(paper.attachment_id)
        else:
            self._ticked.discard(paper.attachment_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()
        return True


def _readable_grey() -> QColor:
    """Text of a paper that cannot be ticked: muted, yet darker than Qt's disabled grey, so
    the reason can be read (a light or a dark palette alike)."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor.fromRgbF(
        0.7 * text.redF() + 0.3 * base.redF(),
        0.7 * text.greenF() + 0.3 * base.greenF(),
        0.7 * text.blueF() + 0.3 * base.blueF(),
    )
